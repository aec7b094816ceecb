package threadlings.cores;

import java.time.Duration;

/**
 * Mutant: starts every thread and returns at once, without joining them: the threads are still computing, and the
 * counts are not written yet (nor visible to the caller without a join).
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
        for (int i = 0; i < threads; i++) {
            int slot = i;
            Thread worker = new Thread(() -> {
                long rounds = 0;
                do {
                    rounds++;
                } while (System.nanoTime() - end < 0);
                counts[slot] = rounds;
            }, "saturate-" + i);
            worker.start();
        }
        return counts; // the mistake: no join
    }
}
