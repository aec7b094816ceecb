package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import threadlings.queue.Actor.Rest;

/**
 * Waiting and waking on real threads, in exact orders. Each test starts one thread at a time and lets the next one
 * go only once the JVM reports the previous one waiting ({@link Actor#rest}), so every run takes the same order: a
 * mistake shows every time, not by luck.
 *
 * <p>The last two tests force the order that loses a wake-up when producers and consumers share one wait set and
 * only one of them is woken ({@code notify()}). The model checker cannot show this one: Lincheck wakes every waiting
 * thread on {@code notify()}. To force it, the test holds the queue's own lock ({@link Guard}, found by asking the
 * JVM what the waiting threads wait on) across two calls, so that nobody runs between them. What makes the order
 * exact is that a single wake-up goes to the thread that has waited longest: {@code Condition.signal()} promises it,
 * and HotSpot's {@code notify()} (JDK 17 and 25) does it. A queue whose waiting threads wait under no lock the test
 * can find and hold (semaphores, a queue from {@code java.util.concurrent} inside) cannot be driven this way: those
 * two tests skip, saying why, and the other checks still apply.
 */
class WakeUpTest {

    /** Time for a thread to reach a wait, or to finish once it can: far above what it needs, even on a busy machine. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private static Actor taker(BoundedQueue<String> queue, String name) {
        return Actor.start(name, "take()", queue::take);
    }

    private static Actor putter(BoundedQueue<String> queue, String name, String element) {
        return Actor.start(name, "put(\"" + element + "\")", () -> {
            queue.put(element);
            return Actor.VOID;
        });
    }

    /** Waits until {@code actor}, just started on {@code state}, waits; fails if it finishes or never waits. */
    private static void mustWait(Actor actor, String state) throws Exception {
        Rest rest = actor.rest(0, LIMIT);
        if (rest == Rest.FINISHED) {
            Throwable thrown = actor.thrown();
            if (thrown instanceof UnsupportedOperationException) {
                throw Calls.notImplemented((UnsupportedOperationException) thrown);
            }
            throw new AssertionError(say(actor.call() + " on " + state + " " + (thrown == null
                    ? "returned " + (actor.result() == Actor.VOID ? "" : OneThread.show(actor.result()) + " ")
                    : "threw " + thrown + " ") + "without waiting: it must wait (wait() or await(), in a while loop)"
                    + " until another thread changes the queue.",
                    "在" + state + "上调用 " + actor.call() + "，没有等待就" + (thrown == null
                            ? "返回了" + (actor.result() == Actor.VOID ? "" : " " + OneThread.show(actor.result()))
                            : "抛出了 " + thrown) + "：它必须等待（在 while 循环里调用 wait() 或 await()），"
                            + "直到别的线程修改了队列。"), thrown);
        }
        if (rest == Rest.STILL) {
            throw new AssertionError(say(actor.call() + " on " + state + " did not start waiting within "
                    + seconds(LIMIT) + " (" + actor.describe() + "): a thread that cannot go on must wait with"
                    + " wait() or await(), which gives up the lock and sleeps, not spin in a loop or sleep while"
                    + " holding the lock.",
                    "在" + state + "上调用 " + actor.call() + "，" + seconds(LIMIT) + "内没有开始等待（" + actor.describe()
                            + "）：无法继续执行的线程必须用 wait() 或 await() 等待——它们会放开锁并睡眠——而不是在循环里"
                            + "空转，也不是持有锁去睡眠。"));
        }
    }

    private static BoundedQueue<String> newQueue(int capacity) throws Exception {
        return Calls.call("new BoundedQueue<>(" + capacity + ")", () -> new BoundedQueue<>(capacity));
    }

    private static void offer(BoundedQueue<String> queue, String element, String state) throws Exception {
        boolean accepted = Calls.call("offer(\"" + element + "\")", () -> queue.offer(element));
        if (!accepted) {
            throw new AssertionError(say("offer(\"" + element + "\") on " + state + " returned false: there was room.",
                    "在" + state + "上调用 offer(\"" + element + "\") 返回了 false：队列明明有空位。"));
        }
    }

    private static String seconds(Duration d) {
        return threadlings.grading.Deadline.seconds(d);
    }

    private static String describe(List<Actor> actors) {
        StringBuilder s = new StringBuilder();
        for (Actor actor : actors) {
            s.append("\n  - ").append(actor.describe());
        }
        return s.toString();
    }

    @Test
    @DisplayName("take waits while the queue is empty, and returns the element a later offer adds")
    void takeWaitsForAnElement() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        Actor taker = taker(queue, say("taker", "take 线程"));
        try {
            mustWait(taker, say("an empty queue", "空队列"));
            offer(queue, "a", say("an empty queue of capacity 1", "容量为 1 的空队列"));
            if (!taker.join(LIMIT)) {
                throw new AssertionError(say("A taker waits in take() on an empty queue; then offer(\"a\") adds an element."
                        + " " + seconds(LIMIT) + " later the taker is still waiting (" + taker.describe() + "):"
                        + " offer added an element without waking the threads waiting for one. Wake them after"
                        + " adding, in offer as in put: notifyAll() (or signal the not-empty Condition).",
                        "一个线程在空队列上的 take() 中等待；随后 offer(\"a\") 加入了一个元素。" + seconds(LIMIT)
                                + "之后，这个线程仍在等待（" + taker.describe() + "）：offer 加入了元素，却没有唤醒等着"
                                + "取元素的线程。加入元素之后要唤醒它们，offer 和 put 都一样：notifyAll()（或 signal"
                                + " 表示“非空”的 Condition）。"));
            }
            if (taker.thrown() != null || !"a".equals(taker.result())) {
                throw new AssertionError(say("A taker waits in take() on an empty queue; offer(\"a\") adds an element."
                        + " Then " + taker.describe() + ", expected: returned \"a\".",
                        "一个线程在空队列上的 take() 中等待；offer(\"a\") 加入了一个元素。然后：" + taker.describe()
                                + "；应当是：返回 \"a\"。"), taker.thrown());
            }
            int size = Calls.call("size()", queue::size);
            if (size != 0) {
                throw new AssertionError(say("After a waiting take() got the element offer(\"a\") added, size() returned "
                        + size + ", expected 0.",
                        "等待中的 take() 取到 offer(\"a\") 加入的元素之后，size() 返回了 " + size + "，应为 0。"));
            }
        } finally {
            Actor.stopAll(List.of(taker));
        }
    }

    @Test
    @DisplayName("put waits while the queue is full, and finishes once a poll makes room")
    void putWaitsForRoom() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        offer(queue, "x", say("an empty queue of capacity 1", "容量为 1 的空队列"));
        Actor putter = putter(queue, say("putter", "put 线程"), "y");
        try {
            mustWait(putter, say("a full queue (capacity 1, holding \"x\")", "已满的队列（容量为 1，装着 \"x\"）"));
            int size = Calls.call("size()", queue::size);
            if (size != 1) {
                throw new AssertionError(say("While put(\"y\") waits on a full queue of capacity 1, size() returned " + size
                        + ", expected 1: a put that waits must not add anything yet.",
                        "put(\"y\") 在容量为 1 的已满队列上等待时，size() 返回了 " + size + "，应为 1：还在等待的 put"
                                + " 不能先加入任何东西。"));
            }
            Object head = Calls.call("poll()", queue::poll);
            if (!"x".equals(head)) {
                throw new AssertionError(say("poll() on a full queue holding \"x\" (with a put(\"y\") waiting) returned "
                        + OneThread.show(head) + ", expected \"x\".",
                        "在装着 \"x\" 的已满队列上（有一个 put(\"y\") 在等待）调用 poll()，返回了 " + OneThread.show(head)
                                + "，应为 \"x\"。"));
            }
            if (!putter.join(LIMIT)) {
                throw new AssertionError(say("A putter waits in put(\"y\") on a full queue; then poll() removes the"
                        + " element, making room. " + seconds(LIMIT) + " later the putter is still waiting ("
                        + putter.describe() + "): poll removed an element without waking the threads waiting for"
                        + " room. Wake them after removing, in poll as in take: notifyAll() (or signal the not-full"
                        + " Condition).",
                        "一个线程在已满队列上的 put(\"y\") 中等待；随后 poll() 移除了元素，腾出了空位。" + seconds(LIMIT)
                                + "之后，这个线程仍在等待（" + putter.describe() + "）：poll 移除了元素，却没有唤醒等着空位"
                                + "的线程。移除元素之后要唤醒它们，poll 和 take 都一样：notifyAll()（或 signal 表示“未满”"
                                + "的 Condition）。"));
            }
            if (putter.thrown() != null) {
                throw new AssertionError(say("After poll() made room, " + putter.describe() + ".",
                        "poll() 腾出空位之后：" + putter.describe() + "。"), putter.thrown());
            }
            Object next = Calls.call("poll()", queue::poll);
            if (!"y".equals(next)) {
                throw new AssertionError(say("After the waiting put(\"y\") finished, poll() returned " + OneThread.show(next)
                        + ", expected \"y\".",
                        "等待中的 put(\"y\") 完成之后，poll() 返回了 " + OneThread.show(next) + "，应为 \"y\"。"));
            }
        } finally {
            Actor.stopAll(List.of(putter));
        }
    }

    @Test
    @DisplayName("one element for two waiting takers: one takes it, the other waits again (while, not if)")
    void secondTakerWaitsAgain() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        List<Actor> actors = new ArrayList<>();
        try {
            Actor first = taker(queue, say("taker 1", "take 线程 1"));
            actors.add(first);
            mustWait(first, say("an empty queue", "空队列"));
            Actor second = taker(queue, say("taker 2", "take 线程 2"));
            actors.add(second);
            mustWait(second, say("an empty queue (taker 1 waiting too)", "空队列（take 线程 1 也在等待）"));
            long firstWaits = first.waits();
            long secondWaits = second.waits();
            offer(queue, "a", say("an empty queue of capacity 1", "容量为 1 的空队列"));
            Rest r1 = first.rest(firstWaits, LIMIT);
            Rest r2 = second.rest(secondWaits, LIMIT);
            String order = say("Two takers wait in take() on an empty queue of capacity 1; then offer(\"a\") adds one"
                    + " element. After that:",
                    "两个线程在容量为 1 的空队列上的 take() 中等待；随后 offer(\"a\") 加入了一个元素。此后：")
                    + describe(actors) + "\n";
            if (r1 == Rest.FINISHED && r2 == Rest.FINISHED) {
                throw new AssertionError(order + say("Both takes finished, but there was only one element: ",
                        "两个 take 都完成了，可队列里只有一个元素：") + IF_NOT_WHILE_TAKE);
            }
            if (r1 != Rest.FINISHED && r2 != Rest.FINISHED) {
                throw new AssertionError(order + say("Neither take finished within " + seconds(LIMIT) + ", although the"
                        + " queue holds \"a\": offer must wake the waiting takers (notifyAll(), or signal the"
                        + " not-empty Condition).",
                        "两个 take 都没有在 " + seconds(LIMIT) + "内完成，尽管队列里有 \"a\"：offer 必须唤醒等着取元素"
                                + "的线程（notifyAll()，或 signal 表示“非空”的 Condition）。"));
            }
            Actor done = r1 == Rest.FINISHED ? first : second;
            Actor waiting = done == first ? second : first;
            if (done.thrown() != null || !"a".equals(done.result())) {
                throw new AssertionError(order + say("Expected one take to return \"a\".",
                        "应当有一个 take 返回 \"a\"。"), done.thrown());
            }
            offer(queue, "b", say("an empty queue of capacity 1 (one taker waiting)", "容量为 1 的空队列（有一个 take 线程在等待）"));
            if (!waiting.join(LIMIT) || waiting.thrown() != null || !"b".equals(waiting.result())) {
                throw new AssertionError(order + say("Then offer(\"b\") added a second element; " + seconds(LIMIT)
                        + " later: " + waiting.describe() + ", expected: returned \"b\". The taker that went back to"
                        + " waiting must be woken by the next element.",
                        "随后 offer(\"b\") 加入了第二个元素；" + seconds(LIMIT) + "之后：" + waiting.describe()
                                + "；应当是：返回 \"b\"。回去重新等待的那个 take 线程，必须被下一个元素唤醒。"),
                        waiting.thrown());
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    static final String IF_NOT_WHILE_TAKE = say("offer's wake-up woke both takers, the first took \"a\", and the second"
            + " went on without testing the queue again, and took from an empty queue. Waking up does not mean the"
            + " queue has an element: wait in a while loop, not an if: while (queue is empty) wait();",
            "offer 的唤醒把两个 take 线程都叫醒了，第一个取走了 \"a\"，第二个没有重新检查队列就继续执行，从空队列里"
                    + "取了元素。被唤醒并不意味着队列里有元素：要在 while 循环里等待，而不是用 if：while (队列为空) wait();");

    @Test
    @DisplayName("room for one of two waiting putters: one puts, the other waits again, and the queue never holds more"
            + " than its capacity")
    void secondPutterWaitsAgain() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        offer(queue, "x", say("an empty queue of capacity 1", "容量为 1 的空队列"));
        List<Actor> actors = new ArrayList<>();
        try {
            Actor first = putter(queue, say("putter 1", "put 线程 1"), "a");
            actors.add(first);
            mustWait(first, say("a full queue (capacity 1, holding \"x\")", "已满的队列（容量为 1，装着 \"x\"）"));
            Actor second = putter(queue, say("putter 2", "put 线程 2"), "b");
            actors.add(second);
            mustWait(second, say("a full queue (capacity 1, holding \"x\"; putter 1 waiting too)",
                    "已满的队列（容量为 1，装着 \"x\"；put 线程 1 也在等待）"));
            long firstWaits = first.waits();
            long secondWaits = second.waits();
            Object head = Calls.call("poll()", queue::poll);
            if (!"x".equals(head)) {
                throw new AssertionError(say("poll() on a full queue holding \"x\" (two puts waiting) returned "
                        + OneThread.show(head) + ", expected \"x\".",
                        "在装着 \"x\" 的已满队列上（有两个 put 在等待）调用 poll()，返回了 " + OneThread.show(head)
                                + "，应为 \"x\"。"));
            }
            Rest r1 = first.rest(firstWaits, LIMIT);
            Rest r2 = second.rest(secondWaits, LIMIT);
            int size = Calls.call("size()", queue::size);
            String order = say("Two putters wait in put() on a full queue of capacity 1 (holding \"x\"); then poll()"
                    + " removes \"x\", making room for one element. After that:" + describe(actors)
                    + "\n  and size() returns " + size + ".\n",
                    "两个线程在容量为 1 的已满队列（装着 \"x\"）上的 put() 中等待；随后 poll() 移除了 \"x\"，腾出了"
                            + "一个空位。此后：" + describe(actors) + "\n  而 size() 返回 " + size + "。\n");
            if (r1 == Rest.FINISHED && r2 == Rest.FINISHED || size > 1) {
                throw new AssertionError(order + say("Both puts went through, and the queue holds more than its capacity"
                        + " of 1: poll's wake-up woke both putters, the first filled the free place, and the second"
                        + " went on without testing again. Waking up does not mean there is room: wait in a while"
                        + " loop, not an if: while (queue is full) wait();",
                        "两个 put 都完成了，队列里的元素超过了它的容量 1：poll 的唤醒把两个 put 线程都叫醒了，第一个占了"
                                + "空位，第二个没有重新检查就继续执行。被唤醒并不意味着有空位：要在 while 循环里等待，"
                                + "而不是用 if：while (队列已满) wait();"));
            }
            if (r1 != Rest.FINISHED && r2 != Rest.FINISHED) {
                throw new AssertionError(order + say("Neither put finished within " + seconds(LIMIT) + ", although there"
                        + " was room: poll must wake the waiting putters (notifyAll(), or signal the not-full"
                        + " Condition).",
                        "两个 put 都没有在 " + seconds(LIMIT) + "内完成，尽管队列有空位：poll 必须唤醒等着放元素的线程"
                                + "（notifyAll()，或 signal 表示“未满”的 Condition）。"));
            }
            Actor done = r1 == Rest.FINISHED ? first : second;
            Actor waiting = done == first ? second : first;
            if (done.thrown() != null) {
                throw new AssertionError(order + say("Expected one put to finish normally.",
                        "应当有一个 put 正常完成。"), done.thrown());
            }
            String expected = done == first ? "a" : "b";
            String other = done == first ? "b" : "a";
            Object next = Calls.call("poll()", queue::poll);
            if (!expected.equals(next)) {
                throw new AssertionError(order + say("Then poll() returned " + OneThread.show(next) + ", expected "
                        + OneThread.show(expected) + ", the element of the put that finished.",
                        "随后 poll() 返回了 " + OneThread.show(next) + "，应为 " + OneThread.show(expected)
                                + "，也就是完成了的那个 put 放入的元素。"));
            }
            if (!waiting.join(LIMIT) || waiting.thrown() != null) {
                throw new AssertionError(order + say("Then poll() made room again; " + seconds(LIMIT) + " later: "
                        + waiting.describe() + ". The putter that went back to waiting must be woken when room is"
                        + " made again.",
                        "随后 poll() 又腾出了空位；" + seconds(LIMIT) + "之后：" + waiting.describe() + "。回去重新等待的"
                                + "那个 put 线程，必须在再次有空位时被唤醒。"), waiting.thrown());
            }
            Object last = Calls.call("poll()", queue::poll);
            if (!other.equals(last)) {
                throw new AssertionError(order + say("After the second put finished, poll() returned "
                        + OneThread.show(last) + ", expected " + OneThread.show(other) + ".",
                        "第二个 put 完成之后，poll() 返回了 " + OneThread.show(last) + "，应为 " + OneThread.show(other)
                                + "。"));
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    static final String NOTIFY_ONE = say("With notify() (or signal() on one Condition that takers and putters share), a"
            + " change wakes a single waiting thread, and it can be one of the wrong kind: it finds nothing to do,"
            + " goes back to waiting, and the wake-up is lost, while the thread that could go on sleeps forever."
            + " Wake every waiting thread after each change with notifyAll() (or signalAll()), or give putters and"
            + " takers a Condition each (notFull, notEmpty) of one ReentrantLock and signal the one whose condition"
            + " you just made true.",
            "用 notify()（或者在取、放两类线程共用的同一个 Condition 上调用 signal()）时，一次修改只唤醒一个等待中的"
                    + "线程，而它可能恰好是另一类线程：它发现无事可做，又回去等待，这次唤醒就丢失了，本可以继续执行的线程"
                    + "却永远睡了下去。每次修改之后，用 notifyAll()（或 signalAll()）唤醒所有等待的线程；或者从同一个"
                    + " ReentrantLock 给放元素和取元素的线程各建一个 Condition（notFull、notEmpty），你刚让哪个条件成立，"
                    + "就 signal 哪一个。");

    @Test
    @DisplayName("a put waiting for room is woken by the take that makes it, even when another taker waits too")
    void putWokenWhileAnotherTakerWaits() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        List<Actor> actors = new ArrayList<>();
        try {
            Actor taker1 = taker(queue, say("taker 1", "take 线程 1"));
            actors.add(taker1);
            mustWait(taker1, say("an empty queue", "空队列"));
            Actor taker2 = taker(queue, say("taker 2", "take 线程 2"));
            actors.add(taker2);
            mustWait(taker2, say("an empty queue (taker 1 waiting too)", "空队列（take 线程 1 也在等待）"));
            Guard guard = guardOf(queue, taker1, taker2);
            Actor putter = Actor.start(say("putter", "put 线程"), say("offer(\"a\"), then put(\"b\")",
                    "offer(\"a\")，然后 put(\"b\")"), () -> {
                guard.hold(() -> {
                    if (!queue.offer("a")) {
                        throw new AssertionError(say("offer(\"a\") on an empty queue of capacity 1 returned false",
                                "在容量为 1 的空队列上，offer(\"a\") 返回了 false"));
                    }
                    queue.put("b");
                });
                return Actor.VOID;
            });
            actors.add(putter);
            String steps = say("The order this test forced (capacity 1):\n"
                    + "  1. taker 1 calls take() on the empty queue and waits; 2. taker 2 does the same;\n"
                    + "  3. the putter calls offer(\"a\"), which wakes a taker, and at once put(\"b\"), which finds"
                    + " the queue full and waits (the test held your queue's lock, " + guard + ", across the two"
                    + " calls, so no taker could run between them: a real run can take this order whenever the"
                    + " putter is quicker than the woken taker);\n"
                    + "  4. the woken taker takes \"a\", making room, and wakes a waiting thread.\n",
                    "这个测试强制的执行顺序（容量为 1）：\n"
                            + "  1. take 线程 1 在空队列上调用 take() 并等待；2. take 线程 2 也一样；\n"
                            + "  3. put 线程调用 offer(\"a\")，唤醒一个 take 线程，紧接着调用 put(\"b\")，发现队列已满"
                            + "而等待（测试在这两次调用期间一直持有你的队列的锁，即" + guard + "，所以没有 take 线程能插在"
                            + "两次调用之间运行：只要 put 线程比被唤醒的 take 线程快一步，真实的运行就会走出这个顺序）；\n"
                            + "  4. 被唤醒的 take 线程取走 \"a\"，腾出空位，并唤醒一个等待中的线程。\n");
            whileHolding(putter, queue, guard, actors);
            finish(actors, queue, steps + say("Then " + seconds(LIMIT) + " later:", seconds(LIMIT) + "之后："));
            Set<Object> taken = new HashSet<>(List.of(String.valueOf(taker1.result()), String.valueOf(taker2.result())));
            if (!taken.equals(Set.of("a", "b"))) {
                throw new AssertionError(steps + say("Then:", "然后：") + describe(actors)
                        + say("\nExpected the takers to get \"a\" and \"b\", one each.",
                                "\n应当是两个 take 线程分别取到 \"a\" 和 \"b\"，一个线程一个。"));
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    @Test
    @DisplayName("a take waiting for an element is woken by the put that adds it, even when another putter waits too")
    void takeWokenWhileAnotherPutterWaits() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        offer(queue, "x", say("an empty queue of capacity 1", "容量为 1 的空队列"));
        List<Actor> actors = new ArrayList<>();
        try {
            Actor putter1 = putter(queue, say("putter 1", "put 线程 1"), "a");
            actors.add(putter1);
            mustWait(putter1, say("a full queue (capacity 1, holding \"x\")", "已满的队列（容量为 1，装着 \"x\"）"));
            Actor putter2 = putter(queue, say("putter 2", "put 线程 2"), "b");
            actors.add(putter2);
            mustWait(putter2, say("a full queue (capacity 1, holding \"x\"; putter 1 waiting too)",
                    "已满的队列（容量为 1，装着 \"x\"；put 线程 1 也在等待）"));
            Guard guard = guardOf(queue, putter1, putter2);
            Actor taker = Actor.start(say("taker", "take 线程"), say("poll(), then take()", "poll()，然后 take()"), () -> {
                Object[] got = new Object[2];
                guard.hold(() -> {
                    got[0] = queue.poll();
                    got[1] = queue.take();
                });
                if (!"x".equals(got[0])) {
                    throw new AssertionError(say("poll() on a full queue holding \"x\" returned ",
                            "在装着 \"x\" 的已满队列上，poll() 返回了 ") + OneThread.show(got[0]));
                }
                return got[1];
            });
            actors.add(taker);
            String steps = say("The order this test forced (capacity 1, the queue holding \"x\"):\n"
                    + "  1. putter 1 calls put(\"a\") on the full queue and waits; 2. putter 2 calls put(\"b\") and"
                    + " waits too;\n"
                    + "  3. the taker calls poll(), which removes \"x\" and wakes a putter, and at once take(), which"
                    + " finds the queue empty and waits (the test held your queue's lock, " + guard + ", across the"
                    + " two calls, so no putter could run between them: a real run can take this order whenever the"
                    + " taker is quicker than the woken putter);\n"
                    + "  4. the woken putter adds its element and wakes a waiting thread.\n",
                    "这个测试强制的执行顺序（容量为 1，队列里装着 \"x\"）：\n"
                            + "  1. put 线程 1 在已满的队列上调用 put(\"a\") 并等待；2. put 线程 2 调用 put(\"b\")，"
                            + "也在等待；\n"
                            + "  3. take 线程调用 poll()，移除 \"x\" 并唤醒一个 put 线程，紧接着调用 take()，发现队列为空"
                            + "而等待（测试在这两次调用期间一直持有你的队列的锁，即" + guard + "，所以没有 put 线程能插在"
                            + "两次调用之间运行：只要 take 线程比被唤醒的 put 线程快一步，真实的运行就会走出这个顺序）；\n"
                            + "  4. 被唤醒的 put 线程放入它的元素，并唤醒一个等待中的线程。\n");
            whileHolding(taker, queue, guard, actors);
            finish(actors, queue, steps + say("Then " + seconds(LIMIT) + " later:", seconds(LIMIT) + "之后："));
            Object taken = taker.result();
            Object left = Calls.call("poll()", queue::poll);
            Set<Object> both = new HashSet<>(List.of(String.valueOf(taken), String.valueOf(left)));
            if (!both.equals(Set.of("a", "b"))) {
                throw new AssertionError(steps + say("Then:", "然后：") + describe(actors) + say("\nand poll() returned "
                        + OneThread.show(left) + ". Expected the take and the poll to get \"a\" and \"b\", one each.",
                        "\n而 poll() 返回了 " + OneThread.show(left) + "。应当是 take 和 poll 分别得到 \"a\" 和 \"b\"，"
                                + "一个调用一个。"));
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    /**
     * The lock the two waiting threads wait under, or the test is skipped: without it the order cannot be forced,
     * and guessing would risk failing a correct queue.
     */
    private static Guard guardOf(BoundedQueue<String> queue, Actor a, Actor b) throws Exception {
        Optional<Guard> first = Guard.of(queue, a);
        Optional<Guard> second = Guard.of(queue, b);
        if (first.isEmpty() || second.isEmpty() || !first.get().sameAs(second.get())) {
            java.lang.management.LockInfo on = a.waitingOn();
            Assumptions.abort(say("this check forces its order by holding the lock your queue's waiting threads wait"
                    + " under, and found none it can hold: they wait " + (on == null
                    ? "in a call that names no lock (a sleep?)"
                    : "on " + on + ", which is neither a monitor of the queue (itself, its class, an object in one of"
                    + " its fields) nor a Condition of a ReentrantLock in one of its fields") + ". It cannot judge"
                    + " this design; the other wake-up checks still apply",
                    "这项检查要靠持有你的队列里等待线程所等的那把锁来强制执行顺序，却没有找到它能持有的锁：这些线程"
                            + (on == null
                            ? "在一个没有指明任何锁的调用里等待（是 sleep 吗？）"
                            : "在 " + on + " 上等待，它既不是队列的监视器锁（队列本身、它的类，或它某个字段里的对象），"
                            + "也不是它某个字段里的 ReentrantLock 的 Condition")
                            + "。这项检查无法评判这种设计；其他关于唤醒的检查仍然有效"));
        }
        return first.get();
    }

    /**
     * Waits until {@code actor}, which runs two calls while holding {@code guard}, has finished or waits in the
     * second; if it waits on something other than {@code guard}, the test's hold could keep the other threads out
     * for good, so the test is skipped rather than judged.
     */
    private static void whileHolding(Actor actor, BoundedQueue<String> queue, Guard guard, List<Actor> actors)
            throws Exception {
        Rest rest = actor.rest(0, LIMIT);
        if (rest == Rest.FINISHED) {
            if (actor.thrown() instanceof AssertionError) {
                throw (AssertionError) actor.thrown();
            }
            if (actor.thrown() != null) {
                throw new AssertionError(actor.describe() + say(", on a queue with threads waiting.",
                        "，当时队列上有线程在等待。"), actor.thrown());
            }
            return;
        }
        if (rest == Rest.STILL) {
            throw new AssertionError(say("The " + actor.name() + " called " + actor.call() + " and the second call,"
                    + " which has to wait, did not start waiting within " + seconds(LIMIT) + " ("
                    + actor.describe() + "): a thread that cannot go on must wait with wait() or await(), giving up"
                    + " the lock, not keep running.",
                    actor.name() + "调用了 " + actor.call() + "，其中第二个调用本该等待，却没有在 " + seconds(LIMIT)
                            + "内开始等待（" + actor.describe() + "）：无法继续执行的线程必须用 wait() 或 await() 等待，"
                            + "放开锁，而不是一直运行下去。"));
        }
        Optional<Guard> own = Guard.of(queue, actor);
        if (own.isEmpty() || !own.get().sameAs(guard)) {
            Actor.stopAll(actors);
            Assumptions.abort(say("in your queue a put and a take wait under different locks, so this check cannot"
                    + " force its order without holding one lock while waiting on another; it cannot judge this"
                    + " design",
                    "在你的队列里，put 和 take 在不同的锁下等待，这项检查只有持有一把锁去等另一把锁才能强制执行顺序，"
                            + "所以做不到；它无法评判这种设计"));
        }
    }

    /** Waits up to {@link #LIMIT} for every actor to finish; fails naming a lost wake-up if some never do. */
    private static void finish(List<Actor> actors, BoundedQueue<String> queue, String what) throws Exception {
        long end = System.nanoTime() + LIMIT.toNanos();
        for (Actor actor : actors) {
            actor.join(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
        }
        boolean allDone = actors.stream().allMatch(Actor::finished);
        if (allDone) {
            for (Actor actor : actors) {
                if (actor.thrown() != null) {
                    throw new AssertionError(what + describe(actors), actor.thrown());
                }
            }
            return;
        }
        String state = describe(actors);
        Actor.stopAll(actors);
        int size = Calls.call("size()", queue::size);
        throw new AssertionError(say("Lost wake-up: threads wait forever although the queue lets them go on.\n" + what
                + state + "\n  and the queue holds " + size + " element" + (size == 1 ? "" : "s") + " (capacity 1)."
                + "\nThe wake-up in step 4 never reached the thread that can go on now. Most likely it woke only the"
                + " other waiting thread of the same kind (the one that had waited longest), who found nothing to do"
                + " and went back to waiting; or it woke no one at all. ",
                "唤醒丢失：队列已经允许线程继续执行，它们却永远等了下去。\n" + what + state + "\n  而队列里有 " + size
                        + " 个元素（容量为 1）。\n第 4 步的唤醒始终没有到达现在可以继续执行的那个线程。最可能的情况是："
                        + "它只唤醒了另一个同类的等待线程（等得最久的那个），那个线程发现无事可做，又回去等待了；"
                        + "或者它根本没有唤醒任何线程。") + NOTIFY_ONE);
    }
}
