package threadlings.speedup;

/**
 * Counts primes with several threads at once, to see real work go faster when it is split well. Your task: write
 * {@link #count(long, int)}.
 *
 * <h2>The lesson</h2>
 *
 * <p>The {@code cores} topic kept every core busy with threads that did nothing useful. Here the threads share
 * real work: testing every number up to a limit with {@link Primes#isPrime(long)}. On a machine with N free
 * cores, N threads can finish up to N times sooner than one thread, but only if the work is split so that every
 * thread is busy until the very end. Splitting the <em>numbers</em> evenly does not split the <em>work</em>
 * evenly: an even number is rejected at once, and a large prime costs far more than a small one. Give thread 0
 * the numbers up to {@code limit / 2} and thread 1 the rest, and thread 0 is done long before thread 1, which
 * then works on alone; hand out numbers by {@code n % threads}, and with an even number of threads some threads
 * get only even numbers and nothing to do. The usual remedy is to let the threads take small chunks of numbers
 * from a shared counter as they go ({@link java.util.concurrent.atomic.AtomicLong#getAndAdd(long)}), so a
 * thread that drew cheap numbers simply takes more chunks.
 *
 * <h2>The task</h2>
 *
 * <p>{@code count(limit, threads)}:
 * <ul>
 *   <li>{@code limit < 0} or {@code threads < 1}: throw {@link IllegalArgumentException}.</li>
 *   <li>Returns how many {@code n} with {@code 2 <= n <= limit} are prime ({@code limit} itself included): 0 for
 *       a limit below 2, 1 for 2, 4 for 10, 25 for 100.</li>
 *   <li>Tests each of those numbers exactly once, with {@link Primes#isPrime(long)} (do not write your own test,
 *       and do not skip even numbers: every solution is to do the same work).</li>
 *   <li>Uses {@code threads} threads (new threads, or a pool of exactly that many) that test numbers <em>at the
 *       same time</em>: start them all before waiting for any. The calling thread may wait for them, or be one of
 *       them.</li>
 *   <li>Splits the work so that every thread keeps working until the numbers run out: no thread may sit idle
 *       while others still have plenty to do.</li>
 *   <li>Adds up the threads' findings safely: two threads that increment one shared {@code long} at the same
 *       moment can lose an increment. Let each thread count in a local variable and hand over its total at the
 *       end (its own array element, read after {@link Thread#join()}), or use an atomic counter.</li>
 *   <li>Returns once every thread has finished.</li>
 * </ul>
 *
 * <h2>How it is graded</h2>
 *
 * <p>The graders compare your counts with their own for many limits and thread counts, and repeat large counts
 * with several threads to catch lost updates. While your call runs, they read every thread's CPU time, which
 * measures work done whatever else the machine is doing: the {@code threads} threads that do the work must all be
 * working at the same time, and none may run out of work while the others still spend a large share of the total
 * (an uneven split). And with one thread per core they time your call against a one-thread call, and the graders'
 * own well-split counter the same way in the same rounds: your speedup must come near what that counter gets on
 * this machine right now, so a busy machine does not count against you. On a single core, or a machine too busy to
 * show any speedup, that check is skipped and says why.
 */
public final class PrimeCounter {

    private PrimeCounter() {
    }

    /**
     * How many {@code n} with {@code 2 <= n <= limit} are prime, found by {@code threads} threads working at once.
     *
     * @param limit   the largest number to test; at least 0
     * @param threads how many threads test numbers at the same time; at least 1
     * @return how many primes there are from 2 to {@code limit}
     * @throws IllegalArgumentException if {@code limit < 0} or {@code threads < 1}
     * @throws InterruptedException     if the calling thread is interrupted while it waits for the threads
     */
    public static long count(long limit, int threads) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: start the threads, let each test numbers it takes from a "
                + "shared supply until none are left, join them all, add up their counts");
    }
}
