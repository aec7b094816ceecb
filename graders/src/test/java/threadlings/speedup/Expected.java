package threadlings.speedup;

import static threadlings.grading.Lang.say;

import java.util.BitSet;

/** The true prime counts, from a sieve of Eratosthenes: independent of the student's code and of {@link Primes}. */
final class Expected {

    /** The largest limit the graders use. */
    static final int MAX = 2_000_000;

    private static int[] primesUpTo;

    private Expected() {
    }

    /** How many primes there are from 2 to {@code limit} (0 for a limit below 2). */
    static synchronized long primesUpTo(long limit) {
        if (limit > MAX) {
            throw new IllegalArgumentException(say("the graders' sieve stops at ", "评分器的筛法只算到 ") + MAX);
        }
        if (primesUpTo == null) {
            BitSet composite = new BitSet(MAX + 1);
            for (int p = 2; (long) p * p <= MAX; p++) {
                if (!composite.get(p)) {
                    for (int m = p * p; m <= MAX; m += p) {
                        composite.set(m);
                    }
                }
            }
            int[] counts = new int[MAX + 1];
            for (int n = 2; n <= MAX; n++) {
                counts[n] = counts[n - 1] + (composite.get(n) ? 0 : 1);
            }
            primesUpTo = counts;
        }
        return limit < 2 ? 0 : primesUpTo[(int) limit];
    }

    /** Whether {@code n} (at most {@link #MAX}) is prime. */
    static boolean isPrime(long n) {
        return n >= 2 && primesUpTo(n) > primesUpTo(n - 1);
    }
}
