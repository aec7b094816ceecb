package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import threadlings.grading.CpuMeter;
import threadlings.grading.Deadline;

/**
 * The first half of the lesson's experiment: interpreter threads under one GIL. They run at the same time, yet
 * take turns: together they execute one bytecode at a time, and use about one core however many the machine has.
 */
@ExtendWith(NotYet.class)
class ThreadsExperimentTest {

    private static final int THREADS = 3;
    private static final Duration DURATION = Duration.ofMillis(500);
    /** How long each CPU measurement runs, the experiment's and the spinning threads'. */
    private static final Duration MEASURE = Duration.ofMillis(400);
    /** The threads may use at most this many times what one spinning thread gets (correct code: 1.0 or less). */
    private static final double ONE_CORE = 1.4;
    /**
     * The check is judged only when one spinning thread per core gets at least this many times the CPU of one
     * spinning thread: below it, threads running in parallel would use little more than one core too.
     */
    private static final double PARALLEL = 1.8;
    private static final int ATTEMPTS = 3;
    /** At most this many threads, and processes, are measured: one per core, up to this many cores. */
    static final int MOST = 8;
    /** Snapshots of the threads a call must have had to judge whether they ran at the same time (about 50). */
    static final int ENOUGH = 20;

    @Test
    @DisplayName("threads(n) runs n interpreter threads at the same time, all under one shared Gil")
    void threadsRunsNInterpreterThreadsUnderOneSharedGil() throws Exception {
        String call = "threads(" + THREADS + ", " + DURATION.toMillis() + " ms)";
        long overlapsBefore = Interpreter.overlaps();
        long simultaneousBefore = Interpreter.simultaneous();
        long[] counts = null;
        int most = 0;
        // A busy machine may starve the sampler through a whole call: then it proves nothing, and the call is
        // repeated. Threads run one after another show one at a time in every call.
        for (int attempt = 1; attempt <= 3 && most < THREADS; attempt++) {
            try (Sampling sampling = Sampling.start()) {
                counts = Deadline.call(DURATION.multipliedBy(THREADS).plusSeconds(20), call,
                        () -> GilExperiment.threads(THREADS, DURATION));
                most = sampling.mostInterpreters();
                if (most < THREADS && sampling.snapshots() >= ENOUGH) {
                    break;
                }
            }
        }
        checkCounts(call, counts, THREADS, say("interpreter thread", "解释器线程"));
        long overlaps = Interpreter.overlaps() - overlapsBefore;
        long simultaneous = Interpreter.simultaneous() - simultaneousBefore;
        if (overlaps > 0) {
            fail(sayf("%s returned %s, but %,d times a thread began a bytecode while another "
                    + "thread was in the middle of one under the same Gil: the Gil let two threads run at once. "
                    + "acquire() must wait while another thread holds the GIL.",
                    "%s 返回了 %s，但有 %,d 次，一个线程在同一个 Gil 下、在另一个线程执行字节码的中途开始执行字节码："
                            + "这个 Gil 让两个线程同时运行了。另一个线程持有 GIL 时，acquire() 必须等待。",
                    call, Arrays.toString(counts),
                    overlaps));
        }
        if (simultaneous > 0) {
            fail(sayf("%s returned %s, but %,d times a thread began a bytecode while another "
                            + "was in the middle of one, each under a different Gil: every thread had a Gil of its "
                            + "own, so nothing kept them apart. The experiment is about one GIL shared by all the "
                            + "threads, as in CPython: create one Gil(100) before starting the threads, and pass "
                            + "that same Gil to every Interpreter.run.",
                    "%s 返回了 %s，但有 %,d 次，一个线程在另一个线程执行字节码的中途开始执行字节码，而它们各在不同的"
                            + " Gil 下：每个线程都有自己的 Gil，所以没有什么能把它们隔开。这个实验讲的是所有线程共用一个"
                            + " GIL，就像 CPython 那样：在启动线程之前创建一个 Gil(100)，再把这同一个 Gil 传给每一次"
                            + " Interpreter.run。", call, Arrays.toString(counts), simultaneous));
        }
        if (most < THREADS) {
            fail(sayf("%s returned %s, but at most %d of its %d interpreter threads were inside "
                            + "Interpreter.run at any moment: they ran one after another. Start every thread "
                            + "before joining any: under the GIL they take turns, but they must all be running.",
                    "%s 返回了 %s，但任何时刻，最多只有 %d 个解释器线程（共 %d 个）在 Interpreter.run 里：它们是一个"
                            + "接一个运行的。先启动所有线程，再 join 其中任何一个：在 GIL 之下它们轮流执行，但它们必须"
                            + "都在运行。",
                    call, Arrays.toString(counts), most, THREADS));
        }
    }

    @Test
    @DisplayName("n threads under one Gil use about one core, however many cores the machine has")
    void nThreadsUnderOneGilUseAboutOneCore(TestReporter reporter) throws Exception {
        CpuMeter.assumeSeveralCores(say("whether threads under one GIL use only one core",
                "同一个 GIL 下的线程是否只用一个核心"));
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), MOST);
        String call = "threads(" + cores + ", " + MEASURE.toMillis() + " ms)";
        checkCounts(call, experiment(cores), cores, say("interpreter thread", "解释器线程")); // also warms up the JIT
        String verdict = null;
        String judged = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            double one = CpuMeter.capacity(1, MEASURE).cores();
            double all = CpuMeter.capacity(cores, MEASURE).cores();
            CpuMeter.Usage used = CpuMeter.measure(() -> experiment(cores)).usage();
            one = Math.max(one, CpuMeter.capacity(1, MEASURE).cores());
            all = Math.min(all, CpuMeter.capacity(cores, MEASURE).cores());
            String numbers = sayf("%d threads under one GIL used %s; on this machine one "
                    + "spinning thread got %.2f cores and %d got %.2f",
                    "同一个 GIL 下的 %d 个线程用了 %s；在这台机器上，一个空转线程得到 %.2f 个核心，%d 个得到 %.2f 个",
                    cores, used, one, cores, all);
            reporter.publishEntry("measured", numbers);
            boolean judgeable = all >= PARALLEL * one;
            if (judgeable && used.cores() <= ONE_CORE * one) {
                return;
            }
            if (judgeable) {
                judged = numbers;
                verdict = sayf("%s: %s. At most %.2f cores (%.1f times one spinning thread) was "
                                + "expected: under one working GIL only the holder computes, and the other threads "
                                + "wait without using the CPU. Do they really share one Gil, and does acquire() "
                                + "make them wait (parked, not spinning)?",
                        "%s：%s。本应最多用 %.2f 个核心（一个空转线程所得的 %.1f 倍）：在一个正常工作的 GIL 之下，只有"
                                + "持有者在计算，其他线程等待时不占用 CPU。它们真的共用一个 Gil 吗？acquire() 是让它们"
                                + "挂起等待（park），而不是空转吗？", call, numbers, ONE_CORE * one, ONE_CORE);
            } else if (judged == null) {
                verdict = numbers;
            }
        }
        String last = verdict;
        Assumptions.assumeTrue(judged != null, () -> say("this machine is too busy right now to tell one core from "
                + "several: " + last + " (one spinning thread per core must get at least " + PARALLEL + " times what "
                + "one gets). Run it again on a quieter machine.",
                "这台机器此刻太忙，分辨不出用的是一个核心还是多个：" + last + "（每个核心一个空转线程，合起来必须至少"
                        + "得到一个空转线程的 " + PARALLEL + " 倍）。请在更空闲的机器上再运行一次。"));
        fail(verdict);
    }

    private static long[] experiment(int threads) throws Exception {
        return Deadline.call(MEASURE.multipliedBy(threads).plusSeconds(20),
                "threads(" + threads + ", " + MEASURE.toMillis() + " ms)", () -> GilExperiment.threads(threads, MEASURE));
    }

    /** One positive count per thread or process. */
    static void checkCounts(String call, long[] counts, int expected, String what) {
        if (counts == null) {
            fail(say(call + " returned null; expected " + expected + " bytecode counts, one per " + what + ".",
                    call + " 返回了 null；应当返回 " + expected + " 个字节码计数，每个" + what + "一个。"));
        }
        if (counts.length != expected) {
            fail(say(call + " returned " + counts.length + " counts " + Arrays.toString(counts) + "; expected "
                    + expected + ", one per " + what + ".",
                    call + " 返回了 " + counts.length + " 个计数 " + Arrays.toString(counts) + "；应当是 " + expected
                            + " 个，每个" + what + "一个。"));
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] <= 0) {
                fail(say(call + " returned " + Arrays.toString(counts) + ": " + what + " " + i + " executed "
                        + counts[i] + " bytecodes. Each runs Interpreter.run for the whole duration, which "
                        + "executes at least one bytecode; return what each Interpreter.run returned.",
                        call + " 返回了 " + Arrays.toString(counts) + "：" + what + " " + i + " 执行了 " + counts[i]
                                + " 条字节码。每个都要在整个 duration 内运行 Interpreter.run，它至少会执行一条字节码；"
                                + "返回每次 Interpreter.run 的返回值。"));
            }
        }
    }
}
