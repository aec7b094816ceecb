package threadlings.speedup;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
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
        for (int run = 1; run <= RUNS; run++) {
            long got = Calls.count(BIG, MANY);
            if (got == expected) {
                continue;
            }
            String call = "count(" + BIG + ", " + MANY + ")";
            if (got < expected && got > expected / 2) {
                fail(say(call + " returned " + got + " in run " + run + " of " + RUNS + ", " + (expected - got)
                        + " fewer than the " + expected + " primes up to " + BIG + ": updates were lost. When two threads "
                        + "add to one shared counter at the same moment (count++ is a read, an add and a write), "
                        + "one of the additions can vanish. Let each thread count in a local variable and hand "
                        + "its total over once at the end (its own array element, read after join()), or use an "
                        + "AtomicLong.",
                        call + " 在第 " + run + " 次运行（共 " + RUNS + " 次）中返回了 " + got + "，比 " + BIG + " 以内的 "
                                + expected + " 个素数少了 " + (expected - got) + " 个：有更新丢失了。两个线程同时给同一个"
                                + "共享计数器加一时（count++ 是读、加、写三步），其中一次加法可能会消失。让每个线程在"
                                + "局部变量里计数，最后一次性交出自己的总数（写进属于它的那个数组元素，在 join() 之后"
                                + "读取），或者使用 AtomicLong。"));
            }
            Calls.checkCount(BIG, MANY, got); // any other wrong count, explained as such
        }
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
