package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import threadlings.grading.Deadline;

/**
 * The given interpreter run by several of the graders' threads under one student Gil, as in CPython: the GIL is what
 * keeps their bytecodes apart, and its hand-overs are what let each of them run.
 */
@ExtendWith(NotYet.class)
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
            fail(sayf("%d threads ran the interpreter under one Gil(100) for %d ms (bytecodes: "
                            + "%s), and %,d times a thread began a bytecode while another was in the middle of one: "
                            + "they executed bytecodes at the same time. acquire() must wait while another thread "
                            + "holds the GIL, and a hand-over in tick() must leave exactly one holder: hold a real "
                            + "lock, not a flag or a count that several threads can pass at once.",
                    "%d 个线程在同一个 Gil(100) 下运行解释器 %d ms（各自的字节码数：%s），其中有 %,d 次，一个线程在"
                            + "另一个线程执行字节码的中途开始执行字节码：它们同时执行了字节码。另一个线程持有 GIL 时，"
                            + "acquire() 必须等待；tick() 里的交接结束后，持有者必须恰好只有一个：要持有一把真正的锁，"
                            + "而不是一个能让几个线程同时通过的标志或计数。",
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
                fail(sayf("%d threads ran the interpreter under one Gil(100) for %d ms each, "
                                + "starting together, and executed %s bytecodes: thread %d ran only %,d, while "
                                + "another ran %,d. %s",
                        "%d 个线程同时开始，在同一个 Gil(100) 下各运行解释器 %d ms，执行的字节码数为 %s：线程 %d 只"
                                + "执行了 %,d 条，而另一个执行了 %,d 条。%s",
                        THREADS, DURATION.toMillis(), Arrays.toString(counts), i,
                        counts[i], most, most >= ALONE * total
                                ? say("One thread ran nearly all of them: tick() never handed the GIL over, so the "
                                + "waiting threads got it only when the holder's time was up, and by then theirs "
                                + "was up too. On every interval-th tick(), when a thread is waiting, let it have "
                                + "the GIL before taking it back.",
                                "几乎所有字节码都是一个线程执行的：tick() 从来没有交出 GIL，所以等待的线程要等到持有者"
                                        + "的时间用完才拿到它，而那时它们自己的时间也用完了。每逢 interval 整数倍次的"
                                        + " tick()，如果有线程在等待，就先让它拿到 GIL，然后再拿回来。")
                                : say("tick() must hand the GIL over on every interval-th call whenever a thread waits, "
                                + "to the thread that has waited longest, so that each one gets its turn.",
                                "只要有线程在等待，tick() 每逢 interval 整数倍次调用都必须交出 GIL，交给等得最久的"
                                        + "线程，好让每个线程都轮得到。")));
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
        Deadline.run(DURATION.multipliedBy(THREADS).plusSeconds(20), say(THREADS + " interpreter threads under one Gil",
                "同一个 Gil 下的 " + THREADS + " 个解释器线程"),
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
