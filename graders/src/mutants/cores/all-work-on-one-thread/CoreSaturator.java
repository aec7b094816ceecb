package threadlings.cores;

import java.time.Duration;

/**
 * Mutant: one thread does all the counting, a round for each count in turn, so only one core computes. On time,
 * joined, one positive count per "thread": only watching the threads (or the CPU) shows the mistake.
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
        Thread worker = new Thread(() -> {
            do {
                for (int i = 0; i < threads; i++) {
                    counts[i]++;
                }
            } while (System.nanoTime() - end < 0);
        }, "saturate-all");
        worker.start();
        worker.join();
        return counts;
    }
}
