package threadlings.queue;

import static threadlings.grading.Lang.say;

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

    private static final String SWALLOWED = say("Let the InterruptedException that wait() (or await()) throws propagate"
            + " out of the method: do not catch it and wait again, and do not turn it into a return.",
            "让 wait()（或 await()）抛出的 InterruptedException 传播到方法外面：不要捕获它之后接着等待，"
                    + "也不要把它变成一次正常返回。");

    @Test
    @DisplayName("a take waiting on an empty queue ends with InterruptedException when its thread is interrupted")
    void interruptedTake() throws Exception {
        BoundedQueue<String> queue = Calls.call("new BoundedQueue<>(1)", () -> new BoundedQueue<>(1));
        Actor taker = Actor.start(say("taker", "take 线程"), "take()", queue::take);
        try {
            waitThenInterrupt(taker, say("an empty queue", "空队列"));
            Object head = Calls.call(say("offer(\"a\"), then poll()", "offer(\"a\")，然后 poll()"), () -> {
                queue.offer("a");
                return queue.poll();
            });
            if (!"a".equals(head)) {
                throw new AssertionError(say("After the interrupted take(), offer(\"a\") then poll() returned "
                        + OneThread.show(head) + ", expected \"a\": an interrupted take must leave the queue as it"
                        + " was.",
                        "take() 被中断之后，先 offer(\"a\") 再 poll()，返回的是 " + OneThread.show(head)
                                + "，应为 \"a\"：被中断的 take 必须让队列保持原样。"));
            }
        } finally {
            Actor.stopAll(List.of(taker));
        }
    }

    @Test
    @DisplayName("a put waiting on a full queue ends with InterruptedException when interrupted, and adds nothing")
    void interruptedPut() throws Exception {
        BoundedQueue<String> queue = Calls.call(say("new BoundedQueue<>(1), offer(\"x\")",
                "new BoundedQueue<>(1)，再 offer(\"x\")"), () -> {
            BoundedQueue<String> q = new BoundedQueue<>(1);
            q.offer("x");
            return q;
        });
        Actor putter = Actor.start(say("putter", "put 线程"), "put(\"y\")", () -> {
            queue.put("y");
            return Actor.VOID;
        });
        try {
            waitThenInterrupt(putter, say("a full queue (capacity 1, holding \"x\")", "已满的队列（容量为 1，装着 \"x\"）"));
            List<Object> left = Calls.call("size(), poll(), poll()", () -> List.of(queue.size(),
                    String.valueOf(queue.poll()), String.valueOf(queue.poll())));
            if (!left.equals(List.of(1, "x", "null"))) {
                throw new AssertionError(say("After the interrupted put(\"y\") on a full queue holding \"x\", size(), poll()"
                        + " and poll() returned " + left + ", expected [1, x, null]: an interrupted put must add"
                        + " nothing.",
                        "在装着 \"x\" 的已满队列上，put(\"y\") 被中断之后，size()、poll() 和 poll() 返回了 " + left
                                + "，应为 [1, x, null]：被中断的 put 不能加入任何东西。"));
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
            throw new AssertionError(say(actor.call() + " on " + state + " finished without waiting ("
                    + actor.describe() + "): it must wait until another thread changes the queue.",
                    "在" + state + "上调用 " + actor.call() + "，没有等待就结束了（" + actor.describe()
                            + "）：它必须一直等到别的线程修改了队列。"), actor.thrown());
        }
        if (rest == Rest.STILL) {
            throw new AssertionError(say(actor.call() + " on " + state + " did not start waiting within "
                    + Deadline.seconds(LIMIT) + " (" + actor.describe() + "): wait with wait() or await(), which"
                    + " also wakes up when the thread is interrupted.",
                    "在" + state + "上调用 " + actor.call() + "，" + Deadline.seconds(LIMIT) + "内没有开始等待（"
                            + actor.describe() + "）：请用 wait() 或 await() 等待，线程被中断时它们也会醒来。"));
        }
        actor.interrupt();
        if (!actor.join(LIMIT)) {
            throw new AssertionError(say(actor.call() + " waited on " + state + "; its thread was interrupted, and "
                    + Deadline.seconds(LIMIT) + " later it is " + actor.outcome()
                    + ": it caught the InterruptedException and went back to waiting. ",
                    actor.call() + " 在" + state + "上等待；它的线程被中断了，" + Deadline.seconds(LIMIT) + "之后它"
                            + actor.outcome() + "：它捕获了 InterruptedException，又回去接着等待。") + SWALLOWED);
        }
        if (!(actor.thrown() instanceof InterruptedException)) {
            throw new AssertionError(say(actor.call() + " waited on " + state + "; its thread was interrupted, and then "
                    + actor.outcome() + ", expected: threw InterruptedException. ",
                    actor.call() + " 在" + state + "上等待；它的线程被中断了，随后它" + actor.outcome()
                            + "，应当是：抛出 InterruptedException。") + SWALLOWED, actor.thrown());
        }
    }
}
