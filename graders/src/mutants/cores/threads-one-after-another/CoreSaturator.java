package threadlings.cores;

import java.time.Duration;

/**
 * Mutant: starts each thread and joins it before starting the next, so the threads run one after another and only
 * one core ever computes. The first thread runs until the end time; the others find it passed and do one round.
 * On time, one positive count each: only watching the threads (or the CPU) shows the mistake.
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
            worker.join(); // the mistake: waits for this thread before starting the next
        }
        return counts;
    }
}
