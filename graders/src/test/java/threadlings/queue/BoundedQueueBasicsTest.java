package threadlings.queue;

import static threadlings.grading.Lang.say;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a queue does when one thread calls it and no call has to wait, case by case: the contract before any
 * concurrency. Each test runs its calls on one thread of its own, with a time limit ({@link Calls}); the checks
 * themselves are in {@link OneThread}.
 */
class BoundedQueueBasicsTest {

    @Test
    @DisplayName("a capacity below 1 is refused with IllegalArgumentException")
    void capacityBelowOneRefused() throws Exception {
        Calls.run(say("new BoundedQueue<>(0), (-1) and (Integer.MIN_VALUE)",
                "new BoundedQueue<>(0)、(-1) 和 (Integer.MIN_VALUE)"), OneThread::capacityBelowOneRefused);
    }

    @Test
    @DisplayName("put and offer refuse null with NullPointerException, and change nothing")
    void nullRefused() throws Exception {
        Calls.run(say("put(null) and offer(null) on a queue with room, and on a full one",
                "在有空位的队列和已满的队列上调用 put(null) 和 offer(null)"), OneThread::nullRefused);
    }

    @Test
    @DisplayName("offer returns false when the queue is full, and adds nothing")
    void offerRefusedWhenFull() throws Exception {
        Calls.run(say("offers to a queue of capacity 2 until it is full", "向容量为 2 的队列反复 offer，直到它满为止"),
                OneThread::offerRefusedWhenFull);
    }

    @Test
    @DisplayName("poll returns null when the queue is empty")
    void pollEmptyReturnsNull() throws Exception {
        Calls.run(say("poll() on an empty queue", "在空队列上调用 poll()"), OneThread::pollEmptyReturnsNull);
    }

    @Test
    @DisplayName("elements come out in the order they went in, and size counts them")
    void firstInFirstOut() throws Exception {
        Calls.run(say("puts, offers, takes and polls on a queue of capacity 3 (none has to wait)",
                        "在容量为 3 的队列上做一连串 put、offer、take 和 poll（没有一个需要等待）"),
                OneThread::firstInFirstOut);
    }
}
