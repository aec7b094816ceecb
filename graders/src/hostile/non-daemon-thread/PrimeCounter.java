package threadlings.speedup;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile: the reference, except that every call also starts a thread that is not a daemon and never ends (a
 * "keeper" that sleeps forever).
 */
public final class PrimeCounter {

    private static final long CHUNKS_PER_THREAD = 64;
    private static final long MAX_CHUNK = 1_000;

    private PrimeCounter() {
    }

    private static void keeper() {
        Thread keeper = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    // Keeps going anyway.
                }
            }
        }, "keeper");
        keeper.setDaemon(false);
        keeper.start();
    }

    public static long count(long limit, int threads) throws InterruptedException {
        keeper();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, was " + limit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long chunk = Math.max(1, Math.min(MAX_CHUNK, limit / (threads * CHUNKS_PER_THREAD)));
        AtomicLong next = new AtomicLong(2);
        long[] found = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            workers[i] = new Thread(() -> {
                long primes = 0;
                long from;
                while ((from = next.getAndAdd(chunk)) <= limit) {
                    long to = from + Math.min(chunk - 1, limit - from);
                    for (long n = from; n <= to; n++) {
                        if (Primes.isPrime(n)) {
                            primes++;
                        }
                    }
                }
                found[slot] = primes;
            }, "prime-counter-" + i);
        }
        for (Thread worker : workers) {
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long total = 0;
        for (long f : found) {
            total += f;
        }
        return total;
    }
}
