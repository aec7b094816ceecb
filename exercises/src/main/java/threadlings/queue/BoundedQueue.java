package threadlings.queue;

/**
 * A first-in, first-out queue that holds at most {@code capacity} elements and lets threads wait: producers wait
 * while it is full, consumers wait while it is empty. This is what sits inside Python's {@code queue.Queue} and
 * {@code multiprocessing.Queue}, and Java's {@code ArrayBlockingQueue}: one lock, and a way to sleep until another
 * thread changes what the lock guards. Your task: make every method below work. Build the waiting yourself: a
 * queue from {@code java.util.concurrent} inside this class would do the work for you and teach you nothing.
 *
 * <h2>A lock and a condition</h2>
 *
 * <p>All the elements are guarded by one lock: every method reads and changes them only while holding it. A
 * thread that cannot go on (a {@code take} on an empty queue) must not spin in a loop, burning a core and holding
 * the lock so that nobody can ever add anything; it must <em>wait</em>: give up the lock and sleep until another
 * thread says "something changed". Java gives every object such a lock and such a waiting room, its monitor:
 * <pre>
 *   public synchronized E take() throws InterruptedException {   // holds this object's lock
 *       while (elements.isEmpty()) {
 *           wait();          // releases the lock, sleeps, takes the lock back before it returns
 *       }
 *       E head = ...remove the head...;
 *       notifyAll();         // wake the threads waiting in this object's wait set: the queue changed
 *       return head;
 *   }
 * </pre>
 * (The same with a {@link java.util.concurrent.locks.ReentrantLock} and {@code lock.newCondition()}: {@code await()}
 * instead of {@code wait()}, {@code signal()}/{@code signalAll()} instead of {@code notify()}/{@code notifyAll()},
 * and {@code unlock()} in a {@code finally} block. Python's {@code Queue} does exactly this, with one lock and two
 * conditions, "not empty" and "not full".)
 *
 * <h2>Three mistakes the graders look for</h2>
 *
 * <ul>
 *   <li><b>{@code if} instead of {@code while}.</b> Waking up does not mean your condition holds. Two consumers
 *       wait; one element arrives and {@code notifyAll()} wakes both; the first takes the element, and the second,
 *       if it does not test again, takes from an empty queue. (The JVM may also wake a waiting thread for no
 *       reason at all, a "spurious wake-up".) Always wait in a loop that tests the condition again.</li>
 *   <li><b>{@code notify()} instead of {@code notifyAll()}.</b> Producers and consumers wait in the same wait
 *       set. {@code notify()} wakes only one of them, and it can be the wrong kind: a consumer's {@code take}
 *       meant to wake the producer waiting for room wakes the other consumer instead, who finds the queue empty
 *       and goes back to sleep; the producer sleeps forever although there is room (a "lost wake-up"). Wake
 *       everyone with {@code notifyAll()}, or keep producers and consumers apart with two {@code Condition}s of
 *       one {@code ReentrantLock}, signalling the one whose condition you just made true.</li>
 *   <li><b>Swallowing the interrupt.</b> {@code wait()} throws {@link InterruptedException} when another thread
 *       interrupts the waiting one: that is how a program tells a thread to stop waiting. Let it propagate out of
 *       {@code put} and {@code take}; do not catch it and wait again.</li>
 * </ul>
 *
 * <h2>The operations</h2>
 *
 * <ul>
 *   <li>{@link #BoundedQueue(int)}: an empty queue for at most {@code capacity} elements; {@code capacity < 1}:
 *       throw {@link IllegalArgumentException}.</li>
 *   <li>{@link #put(Object)}: adds at the tail, waiting while the queue is full. {@code null}: throw
 *       {@link NullPointerException}. Interrupted while waiting: {@link InterruptedException}, nothing added.</li>
 *   <li>{@link #take()}: removes and returns the head, waiting while the queue is empty. Interrupted while
 *       waiting: {@link InterruptedException}, nothing removed.</li>
 *   <li>{@link #offer(Object)}: adds at the tail and returns {@code true}, or returns {@code false} at once if the
 *       queue is full (it never waits). {@code null}: {@link NullPointerException}.</li>
 *   <li>{@link #poll()}: removes and returns the head, or returns {@code null} at once if the queue is empty.</li>
 *   <li>{@link #size()}: how many elements the queue holds.</li>
 * </ul>
 *
 * <p>Every change that can let a waiting thread go on (an element added, an element removed, by any of the four
 * methods) must wake the threads waiting for it. The graders check every interleaving of a few calls with the
 * model checker Lincheck, and drive real threads into the exact orders that lose a wake-up, so these mistakes
 * show up every time, not by luck.
 *
 * @param <E> the type of the elements
 */
public final class BoundedQueue<E> {

    /** An empty queue that holds at most {@code capacity} elements. {@code capacity < 1}: {@link IllegalArgumentException}. */
    public BoundedQueue(int capacity) {
        throw new UnsupportedOperationException("TODO: check capacity >= 1, keep it, and create the storage for the elements");
    }

    /**
     * Adds {@code e} at the tail, waiting while the queue is full. {@code null}: {@link NullPointerException}.
     * Interrupted while waiting: {@link InterruptedException}, and nothing is added.
     */
    public void put(E e) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: under the lock, wait in a while loop while the queue is full, add e, then wake the waiters");
    }

    /**
     * Removes and returns the head, waiting while the queue is empty. Interrupted while waiting:
     * {@link InterruptedException}, and nothing is removed.
     */
    public E take() throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: under the lock, wait in a while loop while the queue is empty, remove the head, wake the waiters");
    }

    /**
     * Adds {@code e} at the tail and returns {@code true}, or returns {@code false} at once if the queue is full.
     * {@code null}: {@link NullPointerException}.
     */
    public boolean offer(E e) {
        throw new UnsupportedOperationException("TODO: under the lock, refuse when full, else add e and wake the waiters");
    }

    /** Removes and returns the head, or returns {@code null} at once if the queue is empty. */
    public E poll() {
        throw new UnsupportedOperationException("TODO: under the lock, remove the head if there is one and wake the waiters");
    }

    /** How many elements the queue holds now. */
    public int size() {
        throw new UnsupportedOperationException("TODO: read the number of elements under the lock");
    }
}
