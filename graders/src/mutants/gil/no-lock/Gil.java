package threadlings.gil;


/**
 * Mutant: the Gil only remembers, per thread, whether that thread called acquire(); nothing makes a
 * second thread wait, so several threads run bytecodes at once. release() and tick() still check the caller.
 */
public final class Gil {

    private final int interval;
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false); // the mistake: no lock

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
        holding.set(true);
    }

    /**
     * Gives the GIL up; the thread that has waited longest gets it next.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the GIL
     */
    public void release() {
        checkHeld("release()");
        holding.set(false);
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
    }

    private void checkHeld(String call) {
        if (!holding.get()) {
            throw new IllegalMonitorStateException(call + " by thread '" + Thread.currentThread().getName()
                    + "', which does not hold the GIL");
        }
    }
}
