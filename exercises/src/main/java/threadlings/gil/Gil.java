package threadlings.gil;

/**
 * A global interpreter lock, like CPython's GIL: one thread at a time may execute bytecodes, and every
 * {@code interval} bytecodes the holder lets the thread that has waited longest have a turn. Your task: write this
 * class (and {@link GilExperiment}).
 *
 * <h2>The lesson</h2>
 *
 * <p>CPython's threads are real operating-system threads, yet a CPU-bound Python program with N threads uses about
 * one core, never N. Before a thread may execute a bytecode it must hold the GIL; CPython 2 made the holder give it
 * up every 100 bytecodes so that the others get a turn. So the threads take turns, and at any moment at most one of
 * them computes. Separate processes each have an interpreter, and a GIL, of their own, and do run in parallel.
 * {@link Interpreter} is a toy interpreter (given) that runs only while it holds your GIL; {@link GilExperiment}
 * runs it both ways.
 *
 * <h2>The task</h2>
 *
 * <ul>
 *   <li>{@code new Gil(interval)}: {@code interval < 1} throws {@link IllegalArgumentException}.</li>
 *   <li>{@link #acquire()} waits until no other thread holds the GIL, then makes the calling thread its holder.
 *       Waiting threads must not spin: let them sleep until it is their turn (a lock does that for you).</li>
 *   <li>{@link #release()} gives the GIL up. Called by a thread that does not hold it: throw
 *       {@link IllegalMonitorStateException}.</li>
 *   <li>{@link #tick()} is called by the holder after each bytecode. Called by a thread that does not hold the GIL:
 *       throw {@link IllegalMonitorStateException}. Count the calls: on every {@code interval}-th call (the
 *       {@code interval}-th, the {@code 2 × interval}-th, and so on), if another thread is waiting for the GIL, hand
 *       the GIL to the thread that has waited longest, then wait for your own turn to come back before returning.
 *       On every other call, and when nobody waits, return at once, still holding the GIL.</li>
 * </ul>
 *
 * <p>Beware the tempting hand-over "unlock, then lock again at once": with an ordinary (unfair) lock the thread
 * that has just unlocked is still running, while the waiter it woke has not run yet, so the first thread nearly
 * always gets the lock straight back. A fair lock ({@code new java.util.concurrent.locks.ReentrantLock(true)})
 * gives the lock to its longest waiter and puts a thread that asks again at the back of the queue; its
 * {@code hasQueuedThreads()} tells whether anyone waits, and {@code isHeldByCurrentThread()} whether the caller
 * holds it. You may also build the queue yourself.
 *
 * <p>Left open: acquiring the GIL again from the thread that already holds it (no grader does that).
 *
 * <h2>How it is graded</h2>
 *
 * <p>The graders drive your Gil with threads of their own and note who holds it after every call: after each
 * interval-th {@code tick()} with a thread waiting, the next to run must be the thread that has waited longest;
 * after any other {@code tick()}, the same thread; never two holders at once. They run the given interpreter on
 * several threads under one Gil and count the moments two threads executed bytecodes at once (there must be none),
 * and check that every thread gets its share of turns. And they check the argument and the exceptions above.
 */
public final class Gil {

    /**
     * A GIL that hands over every {@code interval} ticks.
     *
     * @param interval ticks between two hand-overs; at least 1
     * @throws IllegalArgumentException if {@code interval < 1}
     */
    public Gil(int interval) {
        throw new UnsupportedOperationException("TODO: check interval, keep it, and set up the lock");
    }

    /**
     * Waits until this thread holds the GIL, behind every thread that was already waiting.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public void acquire() throws InterruptedException {
        throw new UnsupportedOperationException("TODO: wait for the GIL and take it");
    }

    /**
     * Gives the GIL up.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the GIL
     */
    public void release() {
        throw new UnsupportedOperationException("TODO: check the caller holds the GIL, then give it up");
    }

    /**
     * Called by the holder after each bytecode. On every {@code interval}-th call, if another thread waits, hands
     * the GIL to the one that has waited longest and waits for its own turn to come back; otherwise returns at once.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the GIL
     * @throws InterruptedException         if the thread is interrupted while it waits to get the GIL back
     */
    public void tick() throws InterruptedException {
        throw new UnsupportedOperationException("TODO: check the caller holds the GIL, count the call, and on every "
                + "interval-th one let the longest waiter have a turn");
    }
}
