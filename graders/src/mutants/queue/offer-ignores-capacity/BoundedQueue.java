package threadlings.queue;

import java.util.ArrayDeque;

/**
 * Mutant: offer never refuses: it adds even when the queue is full.
 *
 * @param <E> the type of the elements
 */
public final class BoundedQueue<E> {

    private final int capacity;

    /** Guarded by this object's monitor: read and written only inside {@code synchronized} methods. */
    private final ArrayDeque<E> elements;

    /** An empty queue that holds at most {@code capacity} elements. {@code capacity < 1}: {@link IllegalArgumentException}. */
    public BoundedQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.elements = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Adds {@code e} at the tail, waiting while the queue is full. {@code null}: {@link NullPointerException}.
     * Interrupted while waiting: {@link InterruptedException}, and nothing is added.
     */
    public synchronized void put(E e) throws InterruptedException {
        requireElement(e);
        // while, not if: after a wake-up the queue may be full again (another producer came first), and a
        // wait may also end for no reason at all (a spurious wake-up).
        while (elements.size() == capacity) {
            wait();
        }
        elements.addLast(e);
        // Wake every waiter: a consumer is waiting for exactly this, and notify() might pick a producer instead.
        notifyAll();
    }

    /** Removes and returns the head, waiting while the queue is empty. Interrupted while waiting: {@link InterruptedException}. */
    public synchronized E take() throws InterruptedException {
        while (elements.isEmpty()) {
            wait();
        }
        E head = elements.removeFirst();
        notifyAll();
        return head;
    }

    /** Adds {@code e} at the tail and returns {@code true}, or returns {@code false} at once if the queue is full. */
    public synchronized boolean offer(E e) {
        requireElement(e);
        elements.addLast(e);
        notifyAll();
        return true;
    }

    /** Removes and returns the head, or returns {@code null} at once if the queue is empty. */
    public synchronized E poll() {
        E head = elements.pollFirst();
        if (head != null) {
            notifyAll();
        }
        return head;
    }

    /** How many elements the queue holds now. */
    public synchronized int size() {
        return elements.size();
    }

    private static void requireElement(Object e) {
        if (e == null) {
            throw new NullPointerException("a queue holds no null elements");
        }
    }
}
