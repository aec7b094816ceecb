package threadlings.gil;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A global interpreter lock: one thread at a time runs bytecodes, and every {@code interval} bytecodes the holder
 * hands the lock to the thread that has waited longest.
 *
 * <p>The lock is a <em>fair</em> {@link ReentrantLock}: its waiting threads form a queue, and it always goes to the
 * head of the queue. A thread that unlocks it and at once calls {@code lock()} again joins the back of that queue,
 * behind the waiters, so the hand-over in {@link #tick()} really hands over. With an unfair lock the same two
 * calls would let the releasing thread take the lock straight back (it is already running, the woken waiter is not
 * yet), and the others would wait far longer than {@code interval} bytecodes.
 */
public final class Gil {

    private final int interval;
    private final ReentrantLock lock = new ReentrantLock(true);
    /** tick() calls so far; read and written only by the thread holding the lock. */
    private long ticks;

    /**
     * A GIL that hands over every {@code interval} ticks.
     *
     * @param interval ticks between two hand-overs; at least 1
     * @throws IllegalArgumentException if {@code interval < 1}
     */
    public Gil(int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1, was " + interval);
        }
        this.interval = interval;
    }

    /**
     * Waits until this thread holds the GIL, behind every thread that was already waiting.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
    }

    /**
     * Gives the GIL up; the thread that has waited longest gets it next.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the GIL
     */
    public void release() {
        checkHeld("release()");
        lock.unlock();
    }

    /**
     * Called by the holder after each bytecode. On every {@code interval}-th call, if another thread waits, hands
     * the GIL to the one that has waited longest and waits for its own turn to come back; otherwise returns at once.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the GIL
     * @throws InterruptedException         if the thread is interrupted while it waits to get the GIL back (it
     *                                      then does not hold it)
     */
    public void tick() throws InterruptedException {
        checkHeld("tick()");
        ticks++;
        if (ticks % interval == 0 && lock.hasQueuedThreads()) {
            lock.unlock();              // the fair lock goes to the head of its queue...
            lock.lockInterruptibly();   // ...and this thread queues up behind it
        }
    }

    private void checkHeld(String call) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException(call + " by thread '" + Thread.currentThread().getName()
                    + "', which does not hold the GIL");
        }
    }
}
