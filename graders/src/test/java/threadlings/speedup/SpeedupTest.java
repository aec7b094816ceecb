package threadlings.speedup;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import threadlings.grading.CpuMeter;
import threadlings.grading.Deadline;

/**
 * The lesson's measurement: with one thread per core, how much sooner count finishes than with one thread.
 *
 * <p>Judged against what this machine gives the same work right now: the graders' own counter ({@link KnownGood},
 * which splits the work well) is timed with one thread and with one per core, in the same rounds as the student's
 * calls. A speedup depends on far more than the code (other processes, two hardware threads sharing one core, a
 * clock that slows when more cores run), and all of that slows the yardstick alike. Each round times the four
 * calls back to back, so they share the machine's mood of the moment, and the verdict takes the median over the
 * rounds, so one disturbed round changes nothing.
 */
class SpeedupTest {

    /** About 25 ms of work with one thread: short calls, so that a round sees one state of the machine. */
    private static final long LIMIT = 300_000;
    /** The share of the yardstick's speedup required (correct code: about 1.0, idle or busy). */
    private static final double SHARE = 0.7;
    /**
     * The yardstick must go at least this many times faster with one thread per core than with one thread for the
     * machine to show a speedup. Below it (a machine so busy that this process gets about one core's worth, or
     * held to one core by a quota), serial code would look nearly as fast as parallel code: the check is skipped.
     */
    private static final double PARALLEL = 1.6;
    private static final int ROUNDS = 15;
    /** Fewest rounds to judge by, when a slow machine uses up the time budget first. */
    private static final int MIN_ROUNDS = 5;
    private static final Duration BUDGET = Duration.ofSeconds(15);

    /** One round's four wall times, in nanoseconds. */
    private record Round(long student1, long studentN, long yardstick1, long yardstickN) {

        double speedup() {
            return (double) student1 / studentN;
        }

        double possible() {
            return (double) yardstick1 / yardstickN;
        }

        double ratio() {
            return speedup() / possible();
        }
    }

    @Test
    @DisplayName("with one thread per core it finishes sooner, about as much as this machine allows")
    void withOneThreadPerCoreItFinishesSooner(TestReporter reporter) throws Exception {
        CpuMeter.assumeSeveralCores(say("the speedup of count with one thread per core",
                "每个核心一个线程时 count 的加速比"));
        int cores = Runtime.getRuntime().availableProcessors();
        // Warm up both counters (the JIT compiles isPrime), and let any exception reach the student as it is.
        for (int i = 0; i < 3; i++) {
            Calls.checkCount(LIMIT, cores, Calls.count(LIMIT, cores));
            Calls.checkCount(LIMIT, 1, Calls.count(LIMIT, 1));
            KnownGood.count(LIMIT, cores);
            KnownGood.count(LIMIT, 1);
        }
        List<Round> rounds = new ArrayList<>();
        long end = System.nanoTime() + BUDGET.toNanos();
        while (rounds.size() < ROUNDS && (rounds.size() < MIN_ROUNDS || System.nanoTime() - end < 0)) {
            rounds.add(round(cores, rounds.size() % 2 == 0));
        }
        double speedup = median(rounds.stream().mapToDouble(Round::speedup).toArray());
        double possible = median(rounds.stream().mapToDouble(Round::possible).toArray());
        double ratio = median(rounds.stream().mapToDouble(Round::ratio).toArray());
        String summary = sayf("speedup %.2f with %d threads, where a known-good split of the "
                        + "same work got %.2f on this machine in the same rounds: %.0f %% of it (medians of %d "
                        + "rounds, each timing count(%d, 1), count(%d, %d) and the known-good counter)",
                "加速比 %.2f（%d 个线程），而同样的工作用一种已知良好的划分，在这台机器上的同样几轮里得到了 %.2f："
                        + "你达到了它的 %.0f %%（%d 轮的中位数，每轮计时 count(%d, 1)、count(%d, %d) 和已知良好的计数器）",
                speedup, cores, possible, ratio * 100, rounds.size(), LIMIT, LIMIT, cores);
        reporter.publishEntry("speedup", summary);
        if (ratio >= SHARE && possible >= PARALLEL) {
            return;
        }
        Assumptions.assumeTrue(possible >= PARALLEL, () -> sayf("this machine is too busy "
                + "right now to show a speedup: a known-good split of the work got only %.2f with %d threads "
                + "(at least %.1f is needed to judge). %s. Run it again on a quieter machine.",
                "这台机器此刻太忙，显示不出加速：已知良好的工作划分只得到了 %.2f 的加速比（用 %d 个线程；至少要 %.1f"
                        + " 才能判断）。%s。请在更空闲的机器上再运行一次。", possible, cores,
                PARALLEL, summary));
        fail(sayf("count(%d, %d) was not much faster than count(%d, 1): %s; at least "
                        + "%.0f %% was required. Threads that run one after another, that wait for each other, or "
                        + "that leave most of the work to one of them give no speedup, however many there are.",
                "count(%d, %d) 并没有比 count(%d, 1) 快多少：%s；要求至少达到 %.0f %%。一个接一个运行、互相等待，"
                        + "或者把大部分工作留给其中一个的线程，不管有多少个，都带不来加速。",
                LIMIT, cores, LIMIT, summary, SHARE * 100));
    }

    /** Times the four calls back to back; the order alternates between rounds, so no side always goes first. */
    private static Round round(int cores, boolean studentFirst) throws Exception {
        long s1;
        long sn;
        long y1;
        long yn;
        if (studentFirst) {
            s1 = timed(1);
            y1 = yardstick(1);
            yn = yardstick(cores);
            sn = timed(cores);
        } else {
            y1 = yardstick(1);
            s1 = timed(1);
            sn = timed(cores);
            yn = yardstick(cores);
        }
        return new Round(s1, sn, y1, yn);
    }

    private static long timed(int threads) throws Exception {
        long t0 = System.nanoTime();
        long got = Calls.count(LIMIT, threads);
        long t1 = System.nanoTime();
        Calls.checkCount(LIMIT, threads, got);
        return t1 - t0;
    }

    private static long yardstick(int threads) throws Exception {
        long t0 = System.nanoTime();
        // Through the same kind of bounded call as the student's count, so both pay the same small overhead.
        Deadline.call(Calls.LIMIT, say("the known-good counter", "已知良好的计数器"), () -> KnownGood.count(LIMIT, threads));
        return System.nanoTime() - t0;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
