package threadlings.cores;

import java.time.Duration;

/**
 * Mutant: every thread runs its loop inside one lock shared by all of them (a GIL in all but name), so one thread
 * computes while the others are blocked. The first to get the lock runs until the end time; the others then find
 * it passed and do one round. All threads alive at once, on time, positive counts: only their states (or the CPU)
 * show the mistake.
 */
public final class CoreSaturator {

    private static final Object LOCK = new Object();

    private CoreSaturator() {
    }

    public static long[] saturate(int threads, Duration duration) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long end = System.nanoTime() + duration.toNanos();
        long[] counts = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            workers[i] = new Thread(() -> {
                synchronized (LOCK) { // the mistake: one lock around every thread's whole loop
                    long rounds = 0;
                    do {
                        rounds++;
                    } while (System.nanoTime() - end < 0);
                    counts[slot] = rounds;
                }
            }, "saturate-" + i);
        }
        for (Thread worker : workers) {
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return counts;
    }
}
