package threadlings.speedup;

import java.time.Duration;
import threadlings.grading.Deadline;

/** Calls into the student's code, each bounded in time, and the checks several tests share. */
final class Calls {

    /** Generous for any call the graders make: two million numbers take well under a second of CPU. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    private Calls() {
    }

    /** {@code count(limit, threads)}, bounded by {@link #LIMIT}. */
    static long count(long limit, int threads) throws Exception {
        return Deadline.call(LIMIT, "count(" + limit + ", " + threads + ")",
                () -> PrimeCounter.count(limit, threads));
    }

    /** Fails unless {@code count(limit, threads)} returned the number of primes from 2 to {@code limit}. */
    static void checkCount(long limit, int threads, long got) {
        long expected = Expected.primesUpTo(limit);
        if (got == expected) {
            return;
        }
        String call = "count(" + limit + ", " + threads + ")";
        String why;
        if (limit >= 2 && Expected.isPrime(limit) && got == expected - 1) {
            why = " It left out the limit itself, which is prime here: count every n with 2 <= n <= limit, the "
                    + "limit included.";
        } else if (limit < Expected.MAX && got == Expected.primesUpTo(limit + 1)) {
            why = " It counted one number past the limit: stop at n <= limit.";
        } else if (got < 0 || got > limit) {
            why = " That cannot be a count of numbers from 2 to " + limit + ".";
        } else {
            why = " Test every n from 2 to limit exactly once with Primes.isPrime(n), and add up what every thread "
                    + "found once all of them have finished.";
        }
        throw new AssertionError(call + " returned " + got + ", expected " + expected + ": the number of primes n "
                + "with 2 <= n <= " + limit + "." + why);
    }
}
