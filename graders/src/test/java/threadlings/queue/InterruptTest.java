package threadlings.queue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import threadlings.grading.Deadline;
import threadlings.queue.Actor.Rest;

/**
 * Interrupting a waiting thread is how a program tells it to stop waiting: {@code put} and {@code take} must then
 * end with {@link InterruptedException}, and leave the queue as it was. Each test lets a thread start waiting
 * (watched through the JVM, {@link Actor}), interrupts it, and looks at how it ended.
 */
class InterruptTest {

    static final Duration LIMIT = WakeUpTest.LIMIT;

    private static final String SWALLOWED = "Let the InterruptedException that wait() (or await()) throws propagate"
            + " out of the method: do not catch it and wait again, and do not turn it into a return.";

    @Test
    @DisplayName("a take waiting on an empty queue ends with InterruptedException when its thread is interrupted")
    void interruptedTake() throws Exception {
        BoundedQueue<String> queue = Calls.call("new BoundedQueue<>(1)", () -> new BoundedQueue<>(1));
        Actor taker = Actor.start("taker", "take()", queue::take);
        try {
            waitThenInterrupt(taker, "an empty queue");
            Object head = Calls.call("offer(\"a\"), then poll()", () -> {
                queue.offer("a");
                return queue.poll();
            });
            if (!"a".equals(head)) {
                throw new AssertionError("After the interrupted take(), offer(\"a\") then poll() returned "
                        + OneThread.show(head) + ", expected \"a\": an interrupted take must leave the queue as it"
                        + " was.");
            }
        } finally {
            Actor.stopAll(List.of(taker));
        }
    }

    @Test
    @DisplayName("a put waiting on a full queue ends with InterruptedException when interrupted, and adds nothing")
    void interruptedPut() throws Exception {
        BoundedQueue<String> queue = Calls.call("new BoundedQueue<>(1), offer(\"x\")", () -> {
            BoundedQueue<String> q = new BoundedQueue<>(1);
            q.offer("x");
            return q;
        });
        Actor putter = Actor.start("putter", "put(\"y\")", () -> {
            queue.put("y");
            return Actor.VOID;
        });
        try {
            waitThenInterrupt(putter, "a full queue (capacity 1, holding \"x\")");
            List<Object> left = Calls.call("size(), poll(), poll()", () -> List.of(queue.size(),
                    String.valueOf(queue.poll()), String.valueOf(queue.poll())));
            if (!left.equals(List.of(1, "x", "null"))) {
                throw new AssertionError("After the interrupted put(\"y\") on a full queue holding \"x\", size(), poll()"
                        + " and poll() returned " + left + ", expected [1, x, null]: an interrupted put must add"
                        + " nothing.");
            }
        } finally {
            Actor.stopAll(List.of(putter));
        }
    }

    private static void waitThenInterrupt(Actor actor, String state) throws Exception {
        Rest rest = actor.rest(0, LIMIT);
        if (rest == Rest.FINISHED) {
            if (actor.thrown() instanceof UnsupportedOperationException) {
                throw Calls.notImplemented((UnsupportedOperationException) actor.thrown());
            }
            throw new AssertionError(actor.call() + " on " + state + " finished without waiting ("
                    + actor.describe() + "): it must wait until another thread changes the queue.", actor.thrown());
        }
        if (rest == Rest.STILL) {
            throw new AssertionError(actor.call() + " on " + state + " did not start waiting within "
                    + Deadline.seconds(LIMIT) + " (" + actor.describe() + "): wait with wait() or await(), which"
                    + " also wakes up when the thread is interrupted.");
        }
        actor.interrupt();
        if (!actor.join(LIMIT)) {
            throw new AssertionError(actor.call() + " waited on " + state + "; its thread was interrupted, and "
                    + Deadline.seconds(LIMIT) + " later it is " + actor.describe().replaceFirst("^[^:]*: ", "")
                    + ": it caught the InterruptedException and went back to waiting. " + SWALLOWED);
        }
        if (!(actor.thrown() instanceof InterruptedException)) {
            throw new AssertionError(actor.call() + " waited on " + state + "; its thread was interrupted, and then "
                    + actor.describe().replaceFirst("^[^:]*: ", "") + ", expected: threw InterruptedException. "
                    + SWALLOWED, actor.thrown());
        }
    }
}
