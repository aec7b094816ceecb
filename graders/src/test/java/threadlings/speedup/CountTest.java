package threadlings.speedup;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** What count returns: the right number, for every limit and thread count, every time. */
class CountTest {

    /** Large enough that a count shared without care loses updates: about 149,000 primes, found by 4 threads. */
    private static final long BIG = 2_000_000;
    private static final int MANY = 4;
    private static final int RUNS = 3;

    @Test
    @DisplayName("counts every prime from 2 up to the limit, the limit included")
    void countsEveryPrimeUpToTheLimit() throws Exception {
        for (int threads = 1; threads <= 3; threads++) {
            for (long limit = 0; limit <= 60; limit++) {
                Calls.checkCount(limit, threads, Calls.count(limit, threads));
            }
        }
        Calls.checkCount(1000, 2, Calls.count(1000, 2));
    }

    @Test
    @DisplayName("refuses a negative limit or fewer than one thread with IllegalArgumentException")
    void refusesBadArguments() throws Exception {
        checkRefused(-1, 2, say("a negative limit", "负数的 limit"));
        checkRefused(Long.MIN_VALUE, 1, say("a negative limit", "负数的 limit"));
        checkRefused(100, 0, say("fewer than one thread", "少于一个线程"));
        checkRefused(100, -3, say("fewer than one thread", "少于一个线程"));
    }

    @Test
    @DisplayName("the count is exact every time, with many threads finding primes at once")
    void theCountIsExactEveryTime() throws Exception {
        long expected = Expected.primesUpTo(BIG);
        // All the runs first: a count that changes from run to run is a race on shared data, however far off it is
        // (on JDK 25 a shared count++ lost more than half of 148933 primes); a count wrong the same way every time is
        // a split that misses or repeats numbers.
        List<Long> got = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            got.add(Calls.count(BIG, MANY));
        }
        if (got.stream().allMatch(g -> g == expected)) {
            return;
        }
        String call = "count(" + BIG + ", " + MANY + ")";
        if (got.stream().distinct().count() > 1) {
            fail(say(call + " returned " + got + " in " + RUNS + " runs, where " + expected + " (the primes up to "
                            + BIG + ") was expected every time: the count depends on timing, so updates were lost. "
                            + "When two threads add to one shared counter at the same moment (count++ is a read, an "
                            + "add and a write), one of the additions can vanish. Let each thread count in a local "
                            + "variable and hand its total over once at the end (its own array element, read after "
                            + "join()), or use an AtomicLong.",
                    call + " 在 " + RUNS + " 次运行中返回了 " + got + "，而每次都应是 " + expected + "（" + BIG
                            + " 以内的素数个数）：结果随时机而变，说明有更新丢失了。两个线程同时给同一个共享计数器加一时"
                            + "（count++ 是读、加、写三步），其中一次加法可能会消失。让每个线程在局部变量里计数，最后一次性"
                            + "交出自己的总数（写进属于它的那个数组元素，在 join() 之后读取），或者使用 AtomicLong。"));
        }
        Calls.checkCount(BIG, MANY, got.get(0)); // wrong the same way every time, explained as such
    }

    /** {@code count(limit, threads)} throws IllegalArgumentException. */
    static void checkRefused(long limit, int threads, String what) throws Exception {
        String call = "count(" + limit + ", " + threads + ")";
        long got;
        try {
            got = Deadline.call(Duration.ofSeconds(5), call, () -> PrimeCounter.count(limit, threads));
        } catch (IllegalArgumentException expected) {
            return;
        } catch (AssertionError e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            Calls.notImplemented(e);
            throw e;
        } catch (Exception e) {
            throw new AssertionError(say(call + " threw " + e + "; expected IllegalArgumentException for " + what
                    + ". Check the arguments first, before starting any thread.",
                    call + " 抛出了 " + e + "；遇到" + what + "时应当抛出 IllegalArgumentException。先检查参数，"
                            + "再启动线程。"), e);
        }
        fail(say(call + " returned " + got + "; expected IllegalArgumentException for " + what + ". Check the "
                + "arguments first, before starting any thread.",
                call + " 返回了 " + got + "；遇到" + what + "时应当抛出 IllegalArgumentException。先检查参数，"
                        + "再启动线程。"));
    }
}
