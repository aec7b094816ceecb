package threadlings.cores;

import java.time.Duration;

/**
 * Mutant: each thread sleeps a millisecond every round, so its core is idle nearly all the time. All threads alive
 * at once, on time, positive counts: only their states (or the CPU) show the mistake.
 */
public final class CoreSaturator {

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
                long rounds = 0;
                do {
                    rounds++;
                    try {
                        Thread.sleep(1); // the mistake: a sleeping thread does not compute
                    } catch (InterruptedException e) {
                        break;
                    }
                } while (System.nanoTime() - end < 0);
                counts[slot] = rounds;
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
