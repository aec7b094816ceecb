package threadlings.cores;

import java.time.Duration;

/**
 * Mutant: each thread counts a fixed million rounds instead of watching the clock, so the call returns when the
 * rounds are done (milliseconds), whatever {@code duration} says.
 */
public final class CoreSaturator {

    private static final long ROUNDS = 1_000_000;

    private CoreSaturator() {
    }

    public static long[] saturate(int threads, Duration duration) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long[] counts = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            workers[i] = new Thread(() -> {
                long rounds = 0;
                do {
                    rounds++;
                } while (rounds < ROUNDS); // the mistake: a fixed number of rounds, not until duration has passed
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
