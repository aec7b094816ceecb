package threadlings.queue;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutant: a ReentrantLock with a single Condition that putters and takers both await, and signal() (one thread)
 * after each change: the signal can reach a thread of the wrong kind, which awaits again, and the wake-up is lost.
 * (Correct: signalAll(), or two Conditions, notFull and notEmpty, each signalled when it becomes true.)
 *
 * @param <E> the type of the elements
 */
public final class BoundedQueue<E> {

    private final int capacity;
    private final ArrayDeque<E> elements;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    public BoundedQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.elements = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public void put(E e) throws InterruptedException {
        requireElement(e);
        lock.lock();
        try {
            while (elements.size() == capacity) {
                changed.await();
            }
            elements.addLast(e);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    public E take() throws InterruptedException {
        lock.lock();
        try {
            while (elements.isEmpty()) {
                changed.await();
            }
            E head = elements.removeFirst();
            changed.signal();
            return head;
        } finally {
            lock.unlock();
        }
    }

    public boolean offer(E e) {
        requireElement(e);
        lock.lock();
        try {
            if (elements.size() == capacity) {
                return false;
            }
            elements.addLast(e);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public E poll() {
        lock.lock();
        try {
            E head = elements.pollFirst();
            if (head != null) {
                changed.signal();
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return elements.size();
        } finally {
            lock.unlock();
        }
    }

    private static void requireElement(Object e) {
        if (e == null) {
            throw new NullPointerException("a queue holds no null elements");
        }
    }
}
