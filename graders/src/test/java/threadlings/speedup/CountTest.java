package threadlings.speedup;

import static org.junit.jupiter.api.Assertions.fail;

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
        checkRefused(-1, 2, "a negative limit");
        checkRefused(Long.MIN_VALUE, 1, "a negative limit");
        checkRefused(100, 0, "fewer than one thread");
        checkRefused(100, -3, "fewer than one thread");
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
                fail(call + " returned " + got + " in run " + run + " of " + RUNS + ", " + (expected - got)
                        + " fewer than the " + expected + " primes up to " + BIG + ": updates were lost. When two threads "
                        + "add to one shared counter at the same moment (count++ is a read, an add and a write), "
                        + "one of the additions can vanish. Let each thread count in a local variable and hand "
                        + "its total over once at the end (its own array element, read after join()), or use an "
                        + "AtomicLong.");
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
            throw e;
        } catch (Exception e) {
            throw new AssertionError(call + " threw " + e + "; expected IllegalArgumentException for " + what
                    + ". Check the arguments first, before starting any thread.", e);
        }
        fail(call + " returned " + got + "; expected IllegalArgumentException for " + what + ". Check the "
                + "arguments first, before starting any thread.");
    }
}
