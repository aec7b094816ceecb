package threadlings.speedup;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The graders' own parallel prime counter, known to split the work well: the yardstick a student's speedup is
 * measured against. It does exactly the work a student's count does (every number through {@link Primes#isPrime}),
 * so whatever limits the speedup of that work on this machine right now (other processes, shared caches, two
 * hardware threads on one core, a clock that slows when more cores run) limits both alike.
 */
final class KnownGood {

    private KnownGood() {
    }

    /** How many primes there are from 2 to {@code limit}, with {@code threads} threads taking chunks of numbers. */
    static long count(long limit, int threads) throws InterruptedException {
        long chunk = Math.max(1, Math.min(1000, limit / (threads * 64L)));
        AtomicLong next = new AtomicLong(2);
        long[] found = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            workers[i] = new Thread(() -> {
                long primes = 0;
                for (long from = next.getAndAdd(chunk); from <= limit; from = next.getAndAdd(chunk)) {
                    long to = Math.min(limit, from + chunk - 1);
                    for (long n = from; n <= to; n++) {
                        if (Primes.isPrime(n)) {
                            primes++;
                        }
                    }
                }
                found[slot] = primes;
            }, "speedup grader yardstick " + (i + 1) + "/" + threads);
            workers[i].setDaemon(true);
        }
        for (Thread w : workers) {
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long total = 0;
        for (long f : found) {
            total += f;
        }
        return total;
    }
}
