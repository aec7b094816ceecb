package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/**
 * The given interpreter run by several of the graders' threads under one student Gil, as in CPython: the GIL is what
 * keeps their bytecodes apart, and its hand-overs are what let each of them run.
 */
class InterpreterTest {

    private static final int THREADS = 3;
    private static final Duration DURATION = Duration.ofMillis(500);
    /**
     * Each thread must run at least this share of the mean count. A working GIL hands over every 100 bytecodes in
     * turn, so the counts come out nearly equal (measured: 0.7 to 1.3 of the mean on a busy machine); a GIL that
     * never hands over lets one thread run its whole time while the others run one bytecode each, at the end.
     */
    private static final double FAIR = 0.2;
    /** A thread that ran this share of all the bytecodes ran (nearly) alone. */
    private static final double ALONE = 0.9;

    @Test
    @DisplayName("interpreter threads sharing one Gil never execute bytecodes at the same time")
    void threadsSharingOneGilNeverExecuteAtTheSameTime() throws Exception {
        Gil gil = new Gil(100);
        long before = Interpreter.overlaps(gil);
        long[] counts = runTogether(gil);
        long overlaps = Interpreter.overlaps(gil) - before;
        if (overlaps > 0) {
            fail(String.format(Locale.ROOT, "%d threads ran the interpreter under one Gil(100) for %d ms (bytecodes: "
                            + "%s), and %,d times a thread began a bytecode while another was in the middle of one: "
                            + "they executed bytecodes at the same time. acquire() must wait while another thread "
                            + "holds the GIL, and a hand-over in tick() must leave exactly one holder: hold a real "
                            + "lock, not a flag or a count that several threads can pass at once.",
                    THREADS, DURATION.toMillis(), Arrays.toString(counts), overlaps));
        }
    }

    @Test
    @DisplayName("every interpreter thread under one Gil gets its turns, none waits until the others are done")
    void everyThreadGetsItsTurns() throws Exception {
        Gil gil = new Gil(100);
        long[] counts = runTogether(gil);
        double mean = Arrays.stream(counts).average().orElse(0);
        long total = Arrays.stream(counts).sum();
        long most = Arrays.stream(counts).max().orElse(0);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < FAIR * mean) {
                fail(String.format(Locale.ROOT, "%d threads ran the interpreter under one Gil(100) for %d ms each, "
                                + "starting together, and executed %s bytecodes: thread %d ran only %,d, while "
                                + "another ran %,d. %s", THREADS, DURATION.toMillis(), Arrays.toString(counts), i,
                        counts[i], most, most >= ALONE * total
                                ? "One thread ran nearly all of them: tick() never handed the GIL over, so the "
                                + "waiting threads got it only when the holder's time was up, and by then theirs "
                                + "was up too. On every interval-th tick(), when a thread is waiting, let it have "
                                + "the GIL before taking it back."
                                : "tick() must hand the GIL over on every interval-th call whenever a thread waits, "
                                + "to the thread that has waited longest, so that each one gets its turn."));
            }
        }
    }

    /** Runs {@link #THREADS} interpreter threads under {@code gil}, released at the same moment. */
    static long[] runTogether(Gil gil) throws Exception {
        long[] counts = new long[THREADS];
        Throwable[] failures = new Throwable[THREADS];
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            int slot = i;
            threads[i] = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    counts[slot] = Interpreter.run(gil, DURATION);
                } catch (Throwable t) {
                    failures[slot] = t;
                }
            }, "interpreter " + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        Deadline.run(DURATION.multipliedBy(THREADS).plusSeconds(20), THREADS + " interpreter threads under one Gil",
                () -> {
                    ready.await();
                    go.countDown();
                    for (Thread t : threads) {
                        t.join();
                    }
                });
        for (Throwable t : failures) {
            if (t instanceof Exception) {
                throw (Exception) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
        }
        return counts;
    }
}
