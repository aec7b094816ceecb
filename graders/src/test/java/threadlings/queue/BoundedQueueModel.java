package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.util.ArrayDeque;

/**
 * What a bounded queue must do, one call at a time: the sequential specification that Lincheck compares every
 * interleaving with, and the model the jqwik properties run beside the student's class. Its methods have the same
 * names and parameters as the operations classes ({@link QueueOperations}, {@link BlockingOperations}).
 *
 * <p>One call at a time, a {@code put} on a full queue or a {@code take} on an empty one would wait forever, so in
 * a one-at-a-time order such a call cannot happen where it stands: the model throws {@link WouldWait}, which no
 * real call returns, and Lincheck therefore only accepts orders in which every {@code put} finds room and every
 * {@code take} finds an element. That is exactly what a correct blocking queue guarantees: each finished call took
 * effect at one instant at which it did not have to wait.
 */
public class BoundedQueueModel {

    /** Thrown where a call, run one at a time, would wait forever: marks an order that cannot happen. */
    public static final class WouldWait extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public WouldWait() {
            super(say("one at a time, this call would wait forever here", "按一个接一个的顺序执行时，这个调用会在这里永远等下去"),
                    null, false, false);
        }
    }

    /** The model of a queue of capacity 1, for Lincheck (which needs a constructor with no parameters). */
    public static final class OfOne extends BoundedQueueModel {
        public OfOne() {
            super(1);
        }
    }

    /** The model of a queue of capacity 2, for Lincheck. */
    public static final class OfTwo extends BoundedQueueModel {
        public OfTwo() {
            super(2);
        }
    }

    private final int capacity;
    private final ArrayDeque<Integer> elements = new ArrayDeque<>();

    public BoundedQueueModel(int capacity) {
        this.capacity = capacity;
    }

    public void put(int element) {
        if (elements.size() == capacity) {
            throw new WouldWait();
        }
        elements.addLast(element);
    }

    public Integer take() {
        if (elements.isEmpty()) {
            throw new WouldWait();
        }
        return elements.removeFirst();
    }

    public boolean offer(int element) {
        if (elements.size() == capacity) {
            return false;
        }
        elements.addLast(element);
        return true;
    }

    public Integer poll() {
        return elements.pollFirst();
    }

    public int size() {
        return elements.size();
    }

    public int capacity() {
        return capacity;
    }
}
