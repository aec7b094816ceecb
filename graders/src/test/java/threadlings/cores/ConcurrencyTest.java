package threadlings.cores;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the threads do while {@code saturate} runs, seen from a sampler thread. Thread states do not depend on how
 * busy the machine is (a thread that waits for a core is still {@code RUNNABLE}), so these verdicts are the same
 * on an idle machine and a loaded one, where a CPU measurement could be fooled.
 *
 * <p>What load does change is how long threads take to start and to notice the end time, so each check looks at
 * the steady part of a call, and gives correct code another call or two when a busy moment spoiled one. Wrong
 * code fails every call the same way.
 */
class ConcurrencyTest {

    /** More threads than this machine's two cores: all must still run at once (the OS shares the cores). */
    private static final int THREADS = 3;
    private static final Duration DURATION = Duration.ofMillis(600);
    /** Calls a correct solution may need before a busy moment spares one. */
    private static final int CALLS = 3;
    /** Time all the threads must spend running the loop together, as a share of the duration (0.9+ on correct code). */
    private static final double TOGETHER = 0.5;
    /** Share of its snapshots in which each thread must be RUNNABLE (1.0 on correct code). */
    private static final double RUNNABLE = 0.9;
    /** States are judged in the middle of the call: its first and last fifth are left out (starting, stopping). */
    private static final double EDGE = 0.2;
    /** Fewest snapshots to judge a thread by. */
    private static final int ENOUGH = 5;
    /** Fewest snapshots of a whole call to judge it by (about 100 on correct code, idle or busy). */
    private static final int MIN_SNAPSHOTS = 20;

    private static final String CALL = "saturate(" + THREADS + ", " + DURATION.toMillis() + " ms)";

    @Test
    @DisplayName("all the threads compute at the same time")
    void allThreadsComputeAtTheSameTime() throws Exception {
        String verdict = null;
        for (int call = 1; call <= CALLS; call++) {
            Watch w = watched();
            int most = w.snapshots.stream().mapToInt(s -> s.threads().size()).max().orElse(0);
            long together = togetherMillis(w);
            if (together >= TOGETHER * DURATION.toMillis()) {
                return;
            }
            String seen = most < THREADS ? "at most " + most + " did at any moment"
                    : "all " + THREADS + " were together for only " + together + " ms";
            verdict = String.format(Locale.ROOT, "%s must keep %d threads running your loop at the same time for "
                            + "about %d ms, but %s (%d snapshots, one every %d ms or so, over %d ms). %s",
                    CALL, THREADS, DURATION.toMillis(), seen, w.snapshots.size(), Watch.PERIOD.toMillis(),
                    w.elapsedMillis(), whyNotTogether(w, most));
            if (most < THREADS) {
                break; // never all together: another call would say the same
            }
        }
        fail(verdict);
    }

    @Test
    @DisplayName("the threads never block, wait or sleep")
    void theThreadsNeverBlockWaitOrSleep() throws Exception {
        String verdict = null;
        for (int call = 1; call <= CALLS; call++) {
            Watch w = watched();
            verdict = notRunnable(w);
            if (verdict == null) {
                return;
            }
        }
        fail(verdict);
    }

    /** Milliseconds during which every snapshot saw all the threads running student code. */
    private static long togetherMillis(Watch w) {
        long nanos = 0;
        List<Watch.Snapshot> s = w.snapshots;
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i - 1).threads().size() >= THREADS && s.get(i).threads().size() >= THREADS) {
                nanos += s.get(i).at() - s.get(i - 1).at();
            }
        }
        return nanos / 1_000_000;
    }

    private static String whyNotTogether(Watch w, int most) {
        long started = w.startedDuringCall;
        if (started == 0) {
            return "It started no thread: saturate must start " + THREADS + " new threads (the calling thread only "
                    + "starts them and waits for them).";
        }
        if (started == 1) {
            return "It started one thread only: all the work runs on one thread. Start one thread per count, each "
                    + "running its own loop.";
        }
        if (most <= 1) {
            return "It started " + started + " threads, but they ran one after another: start every thread first, "
                    + "and only then join them. Starting a thread and joining it before starting the next waits "
                    + "for each one to finish, so only one ever computes.";
        }
        if (started < THREADS) {
            return "It started " + started + " threads, not " + THREADS + ". The calling thread does not count: "
                    + "start " + THREADS + " new threads and let the caller wait for them.";
        }
        return "Start all " + THREADS + " threads before waiting for any of them, and let each one compute until "
                + "the end time.";
    }

    /** Null if every thread was RUNNABLE nearly always in the middle of the call; else what was wrong. */
    private static String notRunnable(Watch w) {
        long from = w.startNanos + (long) (EDGE * (w.returnNanos - w.startNanos));
        long to = w.returnNanos - (long) (EDGE * (w.returnNanos - w.startNanos));
        Map<Long, List<Watch.Seen>> byThread = new LinkedHashMap<>();
        for (Watch.Snapshot s : w.snapshots) {
            if (s.at() >= from && s.at() <= to) {
                for (Watch.Seen seen : s.threads().values()) {
                    byThread.computeIfAbsent(seen.id(), id -> new ArrayList<>()).add(seen);
                }
            }
        }
        List<List<Watch.Seen>> judged = byThread.values().stream()
                .filter(l -> l.size() >= ENOUGH).collect(Collectors.toList());
        if (judged.isEmpty()) {
            return CALL + " returned after " + w.elapsedMillis() + " ms, and no thread it started ran your code "
                    + "long enough to be watched: start " + THREADS + " threads that each compute until the end "
                    + "time, about " + DURATION.toMillis() + " ms after the call.";
        }
        List<Watch.Seen> worst = judged.stream()
                .min(Comparator.comparingDouble(ConcurrencyTest::runnableShare)).orElseThrow();
        double runnable = runnableShare(worst);
        if (runnable >= RUNNABLE) {
            return null;
        }
        Map<Thread.State, Long> states = worst.stream()
                .filter(s -> s.state() != Thread.State.RUNNABLE)
                .collect(Collectors.groupingBy(Watch.Seen::state, Collectors.counting()));
        Thread.State state = states.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String where = worst.stream().filter(s -> s.state() == state)
                .collect(Collectors.groupingBy(Watch.Seen::where, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return String.format(Locale.ROOT, "%s: thread '%s' was RUNNABLE in only %.0f %% of the %d snapshots taken "
                        + "while it ran your code; mostly it was %s, at %s. %s",
                CALL, worst.get(0).name(), runnable * 100, worst.size(), state, where, explain(state, where));
    }

    /**
     * One watched call with enough snapshots to judge. A call that returns far too soon fails here; a machine so
     * busy that the sampler got too few snapshots is given another call, and past three, the test is skipped (it
     * cannot judge), never failed.
     */
    private static Watch watched() throws Exception {
        for (int attempt = 1; ; attempt++) {
            Watch w = Watch.call(THREADS, DURATION, true);
            w.rethrow();
            if (w.elapsedMillis() < DURATION.toMillis() / 2) {
                fail(CALL + " returned after " + w.elapsedMillis() + " ms, too soon to watch its threads at work: "
                        + "it must keep them computing for about " + DURATION.toMillis() + " ms, until the end time.");
            }
            if (w.snapshots.size() >= MIN_SNAPSHOTS) {
                return w;
            }
            int taken = w.snapshots.size();
            Assumptions.assumeTrue(attempt < 3, () -> "this machine is too busy right now to watch " + CALL
                    + ": only " + taken + " snapshots of its threads could be taken in " + w.elapsedMillis()
                    + " ms. Run it again on a quieter machine.");
        }
    }

    private static double runnableShare(List<Watch.Seen> seen) {
        return (double) seen.stream().filter(s -> s.state() == Thread.State.RUNNABLE).count() / seen.size();
    }

    /** The likely mistake behind a thread that is not RUNNABLE, from its state and where it stands. */
    static String explain(Thread.State state, String where) {
        String w = where.toLowerCase(Locale.ROOT);
        String idle = " A thread that is not RUNNABLE leaves its core idle; a saturating loop only computes.";
        if (state == Thread.State.BLOCKED) {
            return "It was blocked waiting to enter a synchronized block or method that another thread held: a lock "
                    + "shared by the threads lets only one of them compute at a time, which is exactly what Python's "
                    + "GIL does to its threads. Give each thread its own counter and take no lock in the loop." + idle;
        }
        if (w.contains("sleep")) {
            return "It was sleeping (Thread.sleep): a sleeping thread uses no CPU. Remove the sleep from the loop."
                    + idle;
        }
        if (w.contains("park") || w.contains("lock") || w.contains("await")) {
            return "It was waiting for a lock or a condition held by another thread: a lock shared by the threads "
                    + "lets only one of them compute at a time (what Python's GIL does). Take no lock in the loop."
                    + idle;
        }
        if (w.contains("join")) {
            return "It was waiting for another thread to finish (join): only the calling thread should join, once "
                    + "every thread has started." + idle;
        }
        return "It was waiting (wait, sleep, join or a lock) instead of computing." + idle;
    }
}
