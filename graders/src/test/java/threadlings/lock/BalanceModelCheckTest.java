package threadlings.lock;

import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import threadlings.grading.ModelCheck;
import threadlings.grading.ModelCheck.Kind;

/**
 * Every interleaving of a few operations on two threads, explored by Lincheck's model checker and compared with
 * {@link BalanceModel}, one call at a time. Each of the first four tests explores one race from the lesson in every
 * interleaving (a hand-written scenario, so nothing is left to chance); the last runs random scenarios of all
 * operations for whatever the others did not think of.
 */
// Each targeted check takes about 2 s on a quiet machine; 90 s keeps correct code (and the mutants' own messages)
// from running into the limit when the machine is heavily loaded (measured: over 30 s at load 30 on 2 cores).
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BalanceModelCheckTest {

    private static final String HANG_HINT = "A thread waits forever for the lock, so some call took it and never"
            + " released it. Look at the call that threw (a refused withdraw): an exception skips every line after it,"
            + " including an unlock() at the end of the method. Release the lock in a finally block:"
            + " lock.lock(); try { ... } finally { lock.unlock(); }.";

    /**
     * Interleavings explored for one hand-written scenario, at most. Each mistake the kit knows (its mutants) is
     * found within the first 12 (measured); the rest is margin for mistakes it does not know. More costs time: the
     * reference, which must pass, explores all of them.
     */
    static final int SCENARIO_INVOCATIONS = 300;

    /** Options for a test that explores only its own scenarios, each in up to {@link #SCENARIO_INVOCATIONS} tries. */
    private static ModelCheckingOptions only(ExecutionScenario... scenarios) {
        ModelCheckingOptions options = ModelCheck.options()
                .iterations(0)
                .invocationsPerIteration(SCENARIO_INVOCATIONS)
                .sequentialSpecification(BalanceModel.class);
        for (ExecutionScenario scenario : scenarios) {
            options.addCustomScenario(scenario);
        }
        return options;
    }

    @BeforeAll
    static void attachLincheck() {
        ModelCheck.warmUp();
    }

    private static ModelCheck.Scenario scenario() {
        return ModelCheck.scenario(BalanceOperations.class);
    }

    /**
     * The hint for a failed model check: if one thread alone already gets a wrong answer, that first (the
     * interleaving may show nothing but it); otherwise the lock-release hint for a hang, {@code whenWrong} for
     * anything else.
     */
    private static ModelCheck.Hint hint(String whenWrong) {
        return kind -> {
            String oneThread = Calls.oneThreadProblem();
            if (oneThread != null) {
                return "Even one thread alone gets a wrong answer: " + oneThread + " Fix that first (the tests that"
                        + " run on one thread say more); the interleaving below may show nothing else.";
            }
            return kind == Kind.HANG ? HANG_HINT : whenWrong;
        };
    }

    @Test
    @DisplayName("changeIt is one indivisible step: no other thread sees the balance with n added")
    void changeItIsIndivisible() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .thread(1, "changeIt", 3L)
                        .thread(2, "get")
                        .thread(2, "changeIt", 2L)
                        .post("get")
                        .build()),
                BalanceOperations.class,
                hint("changeIt must add n and subtract n as one step that no other thread can split: take the lock"
                        + " once, do both, then unlock. If the lock is released between the addition and the"
                        + " subtraction (or not taken at all, or get() reads without it), another thread sees the"
                        + " balance with n added, or writes over it."));
    }

    @Test
    @DisplayName("two updates at the same time never lose one")
    void updatesNeverLost() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(
                        scenario()
                                .thread(1, "deposit", 1L)
                                .thread(2, "deposit", 2L)
                                .post("get")
                                .build(),
                        scenario()
                                .initial("deposit", 2L)
                                .thread(1, "deposit", 1L)
                                .thread(2, "withdraw", 2L)
                                .post("get")
                                .build()),
                BalanceOperations.class,
                hint("An update was lost: balance = balance + amount is two steps (read and add, then write back),"
                        + " and the other thread's write came in between. Hold the lock from the read to the write, in"
                        + " deposit, withdraw and every other method, and use the same lock everywhere: one lock"
                        + " object for the whole balance, created once (a lock per method, or a new lock per call,"
                        + " keeps no other method out). A volatile field does not help: it makes each read and each"
                        + " write visible, not the two steps together."));
    }

    @Test
    @DisplayName("two withdrawals at the same time never take more than the balance")
    void withdrawalsNeverOverdraw() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .initial("deposit", 2L)
                        .thread(1, "withdraw", 2L)
                        .thread(2, "withdraw", 2L)
                        .post("get")
                        .build()),
                BalanceOperations.class,
                hint("Both withdrawals went through where only one could (or the balance went wrong): withdraw must"
                        + " check the funds and subtract while holding the lock the whole time. Checked before"
                        + " taking the lock (check-then-act), both threads see enough money, then both subtract."));
    }

    @Test
    @DisplayName("a failed withdrawal releases the lock, in every interleaving")
    void failedWithdrawalReleasesTheLockInEveryInterleaving() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .thread(1, "withdraw", 3L)
                        .thread(2, "deposit", 1L)
                        .thread(2, "get")
                        .build()),
                BalanceOperations.class,
                hint("After a refused withdrawal the other thread's deposit or get gave a wrong result. A refused"
                        + " withdraw must throw IllegalStateException and change nothing, and leave the lock"
                        + " released (unlock in a finally block)."));
    }

    /**
     * Random scenarios, and interleavings per scenario, in the last test: a net for mistakes the hand-written
     * scenarios do not aim at. Fewer than the kit's defaults, because they cost the most time of all the checks
     * here; measured, every known mistake the random scenarios can reach is found in the first three of 100.
     */
    static final int RANDOM_SCENARIOS = 6;
    static final int RANDOM_INVOCATIONS = 150;

    @Test
    // The costliest check: a few seconds on an idle machine, over 30 s measured with both cores oversubscribed 10x.
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("any few operations on two threads give results as if run one at a time")
    void randomScenariosAreLinearizable() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(ModelCheck.options()
                        .iterations(RANDOM_SCENARIOS)
                        .invocationsPerIteration(RANDOM_INVOCATIONS)
                        .sequentialSpecification(BalanceModel.class),
                BalanceOperations.class,
                hint("Some interleaving of changeIt, deposit, withdraw and get gave results that no one-at-a-time"
                        + " order gives. Hold one lock for the whole of every method, get() included: from the"
                        + " first read of the balance to the last write, with the funds check inside it."));
    }
}
