package threadlings.speedup;

/**
 * Tells whether a number is prime, by trial division.
 *
 * <p>Given: you use it, you do not change it. It is deliberately plain: it tries every odd divisor up to the
 * square root, so the work it does for a number depends on that number alone, and every solution that calls it
 * does the same work. That work is very uneven: an even number is rejected at the first test, most odd numbers
 * soon after (by a small divisor), while a prime near {@code n} costs about {@code √n / 2} divisions, the most of
 * all: some 700 near two million, some 220 near two hundred thousand.
 */
public final class Primes {

    private Primes() {
    }

    /**
     * Whether {@code n} is prime: {@code n >= 2} and no number between 2 and {@code √n} divides it.
     *
     * @param n any number; below 2 it is never prime
     * @return true if {@code n} is prime
     */
    public static boolean isPrime(long n) {
        if (n < 3) {
            return n == 2;
        }
        if (n % 2 == 0) {
            return false;
        }
        for (long d = 3; d <= n / d; d += 2) { // d <= n / d: d * d would overflow for n near Long.MAX_VALUE
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
