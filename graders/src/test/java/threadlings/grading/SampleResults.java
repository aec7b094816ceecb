package threadlings.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Topic results as real runs give them, for the scoreboard's and the HTML report's tests: the texts below were
 * copied from gradings of the references and of known mutants (lock without a lock, cores' threads one after
 * another, a Gil that lets every thread in), so the tests read what a student reads.
 */
final class SampleResults {

    private SampleResults() {
    }

    /** Lincheck's report on a Balance with no lock, as the lock topic's model check words it. */
    static final String LINCHECK_FAILURE = """
            The model checker found an interleaving of two threads whose results no one-at-a-time order of the same calls could give.
            Hint: An update was lost: balance = balance + amount is two steps (read and add, then write back), and the other thread's write came in between.

            ---- Lincheck's report ----
            = Invalid execution results =
            | ----------------------------------- |
            |     Thread 1     |     Thread 2     |
            | ----------------------------------- |
            | deposit(1): void | deposit(2): void |
            | ----------------------------------- |
            | get(): 2         |                  |
            | ----------------------------------- |

            ---
            All operations above the horizontal line | ----- | happen before those below the line
            ---

            The following interleaving leads to the error:
            | --------------------------------- |
            |  Thread 1  |       Thread 2       |
            | --------------------------------- |
            |            | deposit(2)           |
            |            |   balance.deposit(2) |
            |            |     balance ➜ 0      |
            |            |     switch           |
            | deposit(1) |                      |
            |            |     balance = 2      |
            |            |   result: void       |
            | --------------------------------- |
            | get(): 2   |                      |
            | --------------------------------- |

            Detailed trace:
            | ----------------------------------------------------------------------------------------------------------------------------------------------------------- |
            |                                   Thread 1                                   |                                   Thread 2                                   |
            | ----------------------------------------------------------------------------------------------------------------------------------------------------------- |
            |                                                                              | deposit(2)                                                                   |
            |                                                                              |   balance.deposit(2) at BalanceOperations.deposit(BalanceOperations.java:24) |
            |                                                                              |     balance ➜ 0 at Balance.deposit(Balance.java:20)                          |
            |                                                                              |     switch                                                                   |
            | deposit(1)                                                                   |                                                                              |
            |   balance.deposit(1) at BalanceOperations.deposit(BalanceOperations.java:24) |                                                                              |
            |     balance ➜ 0 at Balance.deposit(Balance.java:20)                          |                                                                              |
            |     balance = 1 at Balance.deposit(Balance.java:20)                          |                                                                              |
            |   result: void                                                               |                                                                              |
            |                                                                              |     balance = 2 at Balance.deposit(Balance.java:20)                          |
            |                                                                              |   result: void                                                               |
            | ----------------------------------------------------------------------------------------------------------------------------------------------------------- |
            | get(): 2                                                                     |                                                                              |
            |   balance.get(): 2 at BalanceOperations.get(BalanceOperations.java:34)       |                                                                              |
            |     balance ➜ 2 at Balance.get(Balance.java:34)                              |                                                                              |
            |   result: 2                                                                  |                                                                              |
            | ----------------------------------------------------------------------------------------------------------------------------------------------------------- |
            ---- end of Lincheck's report ----
            How to read it: the first table is the scenario, one column per thread, each call with the result it returned.""";

    /** The interleaving table of {@link #LINCHECK_FAILURE}, which must reach the student whole. */
    static final String INTERLEAVING = """
            | --------------------------------- |
            |  Thread 1  |       Thread 2       |
            | --------------------------------- |
            |            | deposit(2)           |
            |            |   balance.deposit(2) |
            |            |     balance ➜ 0      |
            |            |     switch           |
            | deposit(1) |                      |
            |            |     balance = 2      |
            |            |   result: void       |
            | --------------------------------- |
            | get(): 2   |                      |
            | --------------------------------- |""";

    static final String CORES_FAILURE = "saturate(2, 600 ms) used 0.98 cores' worth of CPU, but 2 threads spinning "
            + "without pause got 1.96 cores on this machine moments before and after: at least 1.47 (75 % of that) "
            + "was expected, over 4 tries. Threads that run one after another, share a lock, sleep or wait use about "
            + "one core or less, however many there are.";

    static TestResult passed(String name) {
        return new TestResult(name, "Group", "passed", null, null, null, true, false, Map.of());
    }

    static TestResult passed(String name, String key, String entry) {
        return new TestResult(name, "Group", "passed", null, null, null, true, false, Map.of(key, entry));
    }

    static TestResult failed(String name, String message) {
        return new TestResult(name, "Group", "failed", message, "java.lang.AssertionError: " + message
                + "\n\tat threadlings.lock.Balance.deposit(Balance.java:20)", null, true, false, Map.of());
    }

    static TestResult failed(String name, String message, String key, String entry) {
        return new TestResult(name, "Group", "failed", message, null, null, true, false, Map.of(key, entry));
    }

    static TestResult skipped(String name, String reason, String key, String entry) {
        return new TestResult(name, "Group", "skipped", reason, null, null, true, false, Map.of(key, entry));
    }

    static TestResult lesson(String name, String text) {
        return new TestResult(name, "Group", "passed", null, null, text, false, false, Map.of());
    }

    /** A topic every test of which passed, as the reference earns it. */
    static TopicResult done(Manifest.Topic topic, TestResult... tests) {
        List<TestResult> all = new ArrayList<>(List.of(tests));
        if (all.isEmpty()) {
            all.add(passed("it does what the contract says"));
        }
        return TopicResult.scored(topic, all, 3.2);
    }

    /** The reference's results for cores, speedup and gil, with what their graders published. */
    static TopicResult coresDone(Manifest.Topic cores) {
        return done(cores, passed("returns one positive count per thread"),
                passed("with one thread per core it uses every core the machine can give right now", "cpu",
                        "measured 1.97 cores, capacity 1.99, required 1.49 (75 % of capacity)"));
    }

    static TopicResult speedupDone(Manifest.Topic speedup) {
        return done(speedup, passed("counts every prime from 2 up to the limit, the limit included"),
                passed("with one thread per core it finishes sooner, about as much as this machine allows", "speedup",
                        "speedup 1.86 with 2 threads, where a known-good split of the same work got 1.90 on this "
                                + "machine in the same rounds: 98 % of it (medians of 15 rounds, each timing "
                                + "count(300000, 1), count(300000, 2) and the known-good counter)"));
    }

    static TopicResult gilDone(Manifest.Topic gil) {
        Map<String, String> jqwik = new LinkedHashMap<>();
        jqwik.put("GilPropertiesTest:for any interval", "\n  tries = 25 | # of calls to property\n");
        return done(gil,
                passed("n threads under one Gil use about one core, however many cores the machine has", "measured",
                        "2 threads under one GIL used 0.98 cores (0.39 s of CPU in 0.40 s); on this machine one "
                                + "spinning thread got 1.00 cores and 2 got 1.98"),
                passed("n processes, each with its own Gil, use every core the machine can give", "measured",
                        "2 processes, each under its own GIL: measured 1.95 cores, capacity 1.99, required 1.49 (75 % "
                                + "of capacity)"),
                new TestResult("for any interval from 1 to 20, the GIL changes hands", "Group", "passed", null, null,
                        null, true, false, jqwik));
    }

    /** The lock topic graded on a Balance without a lock: Lincheck's interleaving, and the lesson's. */
    static TopicResult lockWithoutLock(Manifest.Topic lock) {
        return TopicResult.scored(lock, List.of(
                passed("a new balance is 0"),
                lesson("the lesson: without a lock, two threads running changeIt lose an update",
                        "Two threads each call changeIt once on UnsafeBalance (no lock).\n" + INTERLEAVING),
                failed("two updates at the same time never lose one", LINCHECK_FAILURE),
                failed("two withdrawals at the same time never take more than the balance", "both went through"),
                passed("a failed withdrawal releases the lock")), 13.9);
    }

    /** The cores topic graded on threads run one after another: the CPU check fails with its numbers. */
    static TopicResult coresOneAfterAnother(Manifest.Topic cores) {
        return TopicResult.scored(cores, List.of(
                passed("returns one positive count per thread"),
                failed("with one thread per core it uses every core the machine can give right now", CORES_FAILURE,
                        "cpu", "measured 0.98 cores, capacity 1.96, required 1.47 (75 % of capacity)")), 7.4);
    }

    /** The gil topic graded on a Gil that lets every thread in: the threads use two cores; too busy to judge one. */
    static TopicResult gilNoLock(Manifest.Topic gil) {
        return TopicResult.scored(gil, List.of(
                failed("interpreter threads sharing one Gil never execute bytecodes at the same time",
                        "3 threads ran the interpreter under one Gil(100) for 500 ms, and 1,397,293 times a thread "
                                + "began a bytecode while another was in the middle of one."),
                failed("n threads under one Gil use about one core, however many cores the machine has",
                        "threads(2, 400 ms): 2 threads under one GIL used 1.84 cores (0.74 s of CPU in 0.40 s); on "
                                + "this machine one spinning thread got 0.99 cores and 2 got 1.97. At most 1.39 cores "
                                + "(1.4 times one spinning thread) was expected.", "measured",
                        "2 threads under one GIL used 1.84 cores (0.74 s of CPU in 0.40 s); on this machine one "
                                + "spinning thread got 0.99 cores and 2 got 1.97"),
                skipped("n processes, each with its own Gil, use every core the machine can give",
                        "this machine is too busy right now to judge whether interpreter processes use several cores "
                                + "at once: 2 threads spinning without pause got only 1.02 cores.", "measured",
                        "2 processes, each under its own GIL: measured 0.97 cores, capacity 1.02, required 0.77 (75 % "
                                + "of capacity)")), 16.8);
    }

    /** Results for every topic of the shipped manifest: those in {@code graded} as given, the others not run. */
    static List<TopicResult> run(TopicResult... graded) {
        List<TopicResult> results = new ArrayList<>();
        for (Manifest.Topic t : Manifest.load().topics()) {
            TopicResult r = null;
            for (TopicResult g : graded) {
                if (g.topic().id().equals(t.id())) {
                    r = g;
                }
            }
            results.add(r != null ? r : TopicResult.notRun(t, "not selected for this run"));
        }
        return results;
    }

    static Manifest.Topic topic(String id) {
        return Manifest.load().topic(id);
    }
}
