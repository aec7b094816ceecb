package threadlings.cores;

import java.time.Duration;

/**
 * Keeps several threads computing at the same time, to see every core of the machine at work. Your task: write
 * {@link #saturate(int, Duration)}.
 *
 * <h2>The lesson</h2>
 *
 * <p>Start one thread per core, each running an endless loop, and watch {@code top} (or the task manager): in
 * Java, C or C++ the process climbs to N × 100 % CPU on N cores (400 % on four), because each Java thread is an
 * operating-system thread that the OS runs on a core of its own. CPython's threads are real OS threads too, yet
 * the same experiment in Python stays near 100 %: every Python thread must hold the interpreter's global lock
 * (the GIL) to run, so only one of them computes at any moment. (The {@code gil} topic builds that lock and
 * shows the difference.)
 *
 * <h2>The task</h2>
 *
 * <p>{@code saturate(threads, duration)}:
 * <ul>
 *   <li>{@code threads < 1}: throw {@link IllegalArgumentException}.</li>
 *   <li>Start {@code threads} new threads, <em>all</em> of them before waiting for any, so that they all run at
 *       the same time. The calling thread does not compute: it starts the threads, then waits for them.</li>
 *   <li>Each thread runs a loop that only computes: count rounds (add one to a local {@code long}) until
 *       {@code duration} has passed since the call began. Watch the clock with {@link System#nanoTime()}: work
 *       out the end time once, before starting the threads, and have each thread stop at it. No sleeping, no
 *       waiting and no lock shared by the threads inside the loop: any of those leaves a core idle. Let every
 *       thread complete at least one round (a {@code do}/{@code while} loop does that).</li>
 *   <li>Wait for every thread to finish ({@link Thread#join()}) before returning: when {@code saturate} returns,
 *       none of its threads is still running.</li>
 *   <li>Return an array of length {@code threads}: element {@code i} is how many rounds thread {@code i}
 *       completed. Give each thread its own element to write (or its own local counter, copied into its element
 *       at the end); {@code join()} makes what a thread wrote visible to the thread that joined it.</li>
 * </ul>
 *
 * <p>So {@code saturate(4, Duration.ofSeconds(1))} returns after about one second, having used about four
 * seconds of CPU on a machine with four free cores.
 *
 * <h2>How it is graded</h2>
 *
 * <p>The graders watch the threads your call starts while it runs: all {@code threads} of them must be running
 * your loop at the same time, and nearly always be {@code RUNNABLE} (never blocked on a lock, waiting or
 * sleeping). They measure the CPU your call uses with one thread per core, against what this machine gives a
 * known-good load of spinning threads moments before and after (so a busy machine does not count against you).
 * And they check that the call returns about {@code duration} later, with every thread finished, and one
 * positive count per thread.
 */
public final class CoreSaturator {

    private CoreSaturator() {
    }

    /**
     * Keeps {@code threads} new threads computing at the same time, without pause, for about {@code duration},
     * and returns once all of them have finished.
     *
     * @param threads  how many threads to run at once; at least 1
     * @param duration how long they compute, from the call
     * @return element {@code i}: how many loop rounds thread {@code i} completed (at least 1)
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws InterruptedException     if the calling thread is interrupted while it waits for the threads
     */
    public static long[] saturate(int threads, Duration duration) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: start all the threads, let each count rounds until the "
                + "end time, join them all, return the counts");
    }
}
