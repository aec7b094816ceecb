package threadlings.speedup;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Mutant: each thread tests an equal range of numbers, limit / threads of them. The thread with the
 * smallest numbers finishes long before the one with the largest, which then works on alone.
 */
public final class PrimeCounter {

    /** Chunks per thread to aim for: enough that the last chunks even out the threads' finishing times. */
    private static final long CHUNKS_PER_THREAD = 64;
    /** Numbers per chunk at most: near two million a chunk of 1,000 costs well under a millisecond. */
    private static final long MAX_CHUNK = 1_000;

    private PrimeCounter() {
    }

    /**
     * How many {@code n} with {@code 2 <= n <= limit} are prime, found by {@code threads} threads at once.
     *
     * @param limit   the largest number to test; at least 0
     * @param threads how many threads test numbers at the same time; at least 1
     * @return how many primes there are from 2 to {@code limit}
     * @throws IllegalArgumentException if {@code limit < 0} or {@code threads < 1}
     * @throws InterruptedException     if the calling thread is interrupted while it waits for the threads
     */
    public static long count(long limit, int threads) throws InterruptedException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, was " + limit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long chunk = Math.max(1, Math.min(MAX_CHUNK, limit / (threads * CHUNKS_PER_THREAD)));
        AtomicLong next = new AtomicLong(2); // the first number no thread has taken yet
        long[] found = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            workers[i] = new Thread(() -> {
                long primes = 0;
                long size = (limit - 1) / threads; // the mistake: equal ranges of numbers, not of work
                long from = 2 + slot * size;
                long to = slot == threads - 1 ? limit : from + size - 1;
                for (long n = from; n <= to; n++) {
                    if (Primes.isPrime(n)) {
                        primes++;
                    }
                }
                found[slot] = primes; // each thread writes only its own element
            }, "prime-counter-" + i);
        }
        // Start them all first, then wait: start-join-start-join would run them one after another.
        for (Thread worker : workers) {
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join(); // also makes the worker's count visible here
        }
        long total = 0;
        for (long f : found) {
            total += f;
        }
        return total;
    }
}
