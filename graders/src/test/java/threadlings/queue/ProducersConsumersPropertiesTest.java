package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import threadlings.grading.Deadline;

/**
 * Properties over many runs: calls one at a time against {@link BoundedQueueModel}, and producers and consumers on
 * real threads at once. The second cannot force an order (the model check and {@link WakeUpTest} do that); it checks
 * what every run must give, whatever the order: every element taken exactly once, and each producer's elements in
 * the order it put them.
 */
class ProducersConsumersPropertiesTest {

    /** One call on one thread, chosen so that it never has to wait: put only with room, take only with an element. */
    record Op(String name, int element) {
        @Override
        public String toString() {
            return name.equals("offer") || name.equals("put") ? name + "(" + element + ")" : name + "()";
        }
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Integer> elements = Arbitraries.integers().between(1, 99);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("offer", "put"), elements).as(Op::new),
                Arbitraries.of("poll", "take", "size").map(name -> new Op(name, 0)));
    }

    @Property(tries = 100)
    @Label("any sequence of calls on one thread, none of which has to wait, does what a bounded FIFO queue does")
    void sequencesMatchTheModel(@ForAll @IntRange(min = 1, max = 4) int capacity,
                                @ForAll @Size(min = 1, max = 30) List<@From("ops") Op> ops) throws Exception {
        Calls.run(say("new BoundedQueue<>(" + capacity + ") and the calls " + ops + " on one thread",
                "在一个线程上执行 new BoundedQueue<>(" + capacity + ") 和调用序列 " + ops), () -> {
            BoundedQueue<Integer> queue = new BoundedQueue<>(capacity);
            BoundedQueueModel model = new BoundedQueueModel(capacity);
            List<String> done = new ArrayList<>();
            for (Op op : ops) {
                Object expected;
                Object actual;
                switch (op.name()) {
                    case "offer":
                        expected = model.offer(op.element());
                        actual = queue.offer(op.element());
                        break;
                    case "put":
                        if (model.size() == capacity) {
                            continue; // it would wait: not a call for one thread
                        }
                        model.put(op.element());
                        queue.put(op.element());
                        expected = "done";
                        actual = "done";
                        break;
                    case "take":
                        if (model.size() == 0) {
                            continue;
                        }
                        expected = model.take();
                        actual = queue.take();
                        break;
                    case "poll":
                        expected = model.poll();
                        actual = queue.poll();
                        break;
                    default:
                        expected = model.size();
                        actual = queue.size();
                }
                done.add(op.toString());
                if (!String.valueOf(expected).equals(String.valueOf(actual))) {
                    throw new AssertionError(say("On new BoundedQueue<>(" + capacity + "), after " + done.subList(0,
                            done.size() - 1) + ", " + op + " returned " + actual + ", expected " + expected
                            + " (a first-in, first-out queue that holds at most " + capacity + " elements; offer"
                            + " returns false when full, poll null when empty).",
                            "在 new BoundedQueue<>(" + capacity + ") 上，执行 " + done.subList(0, done.size() - 1)
                                    + " 之后，" + op + " 返回了 " + actual + "，应为 " + expected + "（这是一个先进先出、"
                                    + "最多装 " + capacity + " 个元素的队列；队列满时 offer 返回 false，队列空时 poll"
                                    + " 返回 null）。"));
                }
            }
        });
    }

    /** Time for one whole run of producers and consumers: they move a few hundred elements in milliseconds. */
    static final Duration RUN_LIMIT = Duration.ofSeconds(10);

    // No shrinking: a shrinking run left over past jqwik's time bound would go on starting threads during later tests.
    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    @Label("producers and consumers on real threads: every element is taken exactly once, each producer's in order")
    void producersAndConsumers(@ForAll @IntRange(min = 1, max = 3) int producers,
                               @ForAll @IntRange(min = 1, max = 3) int consumers,
                               @ForAll @IntRange(min = 1, max = 4) int capacity,
                               @ForAll @IntRange(min = 1, max = 60) int perProducer) throws Exception {
        String setup = say(producers + " producer(s) each putting " + perProducer + " elements, " + consumers
                + " consumer(s) taking them, capacity " + capacity,
                producers + " 个生产者各 put " + perProducer + " 个元素，" + consumers + " 个消费者把它们 take 走，"
                        + "队列容量为 " + capacity);
        BoundedQueue<Integer> queue = Calls.call("new BoundedQueue<>(" + capacity + ")",
                () -> new BoundedQueue<>(capacity));
        int total = producers * perProducer;
        List<List<Integer>> taken = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        queue.put(producer * 1000 + i);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "queue grader: " + say("producer ", "生产者 ") + (p + 1)));
        }
        for (int c = 0; c < consumers; c++) {
            int count = total / consumers + (c < total % consumers ? 1 : 0);
            List<Integer> mine = new ArrayList<>();
            taken.add(mine);
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        mine.add(queue.take());
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "queue grader: " + say("consumer ", "消费者 ") + (c + 1)));
        }
        try {
            Deadline.run(RUN_LIMIT, say(setup, "这次运行（" + setup + "）"), () -> {
                for (Thread t : threads) {
                    t.setDaemon(true);
                    t.start();
                }
                for (Thread t : threads) {
                    t.join();
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + say(". With as many takes as puts, every thread can finish:"
                    + " some thread waits forever although it could go on (a lost wake-up: notify() or signal()"
                    + " waking the wrong thread, or a change that wakes no one), or a call never returns. Still"
                    + " running: ",
                    "。take 和 put 的次数一样多，每个线程都能执行完：有线程本可以继续，却永远等了下去（唤醒丢失了："
                            + "notify() 或 signal() 唤醒了不该唤醒的线程，或者某次修改没有唤醒任何线程），或者有调用"
                            + "永远不返回。仍在运行的线程：") + describe(threads), null);
        } finally {
            for (Thread t : threads) {
                t.interrupt();
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof UnsupportedOperationException) {
                throw Calls.notImplemented((UnsupportedOperationException) first);
            }
            throw new AssertionError(setup + say(": a call threw ", "：有调用抛出了 ") + first, first);
        }
        Map<Integer, Integer> count = new TreeMap<>();
        for (int c = 0; c < consumers; c++) {
            List<Integer> mine = taken.get(c);
            Map<Integer, Integer> last = new HashMap<>();
            for (Integer e : mine) {
                if (e == null) {
                    throw new AssertionError(setup + say(": consumer " + (c + 1) + "'s take() returned null. take()"
                            + " waits for an element and never returns null: test the queue again after every"
                            + " wake-up (a while loop, not an if).",
                            "：消费者 " + (c + 1) + " 的 take() 返回了 null。take() 会一直等到有元素，从不返回 null："
                                    + "每次被唤醒之后都要重新检查队列（用 while 循环，而不是 if）。"));
                }
                count.merge(e, 1, Integer::sum);
                int producer = e / 1000;
                int seq = e % 1000;
                Integer before = last.put(producer, seq);
                if (before != null && before >= seq) {
                    throw new AssertionError(setup + say(": consumer " + (c + 1) + (before == seq
                                    ? " took producer " + (producer + 1) + "'s element #" + seq + " twice, but it was"
                                            + " put only once."
                                    : " took producer " + (producer + 1) + "'s element #" + seq + " after its element #"
                                            + before + ", but the producer put #" + seq + " first.")
                            + " A queue is first in, first out: remove from the head, add at the tail.",
                            "：消费者 " + (c + 1) + (before == seq
                                    ? " 两次取到了生产者 " + (producer + 1) + " 的元素 #" + seq + "，可它只放入过一次。"
                                    : " 先取到了生产者 " + (producer + 1) + " 的元素 #" + before + "，之后才取到它的元素 #"
                                            + seq + "，可这个生产者是先放入 #" + seq + " 的。")
                                    + "队列是先进先出的：从队头移除，从队尾加入。"));
                }
            }
        }
        for (int p = 0; p < producers; p++) {
            for (int i = 0; i < perProducer; i++) {
                int n = count.getOrDefault(p * 1000 + i, 0);
                if (n != 1) {
                    throw new AssertionError(setup + say(": producer " + (p + 1) + "'s element #" + i + " was taken "
                            + n + " times, expected exactly once. Every change to the queue must happen while holding"
                            + " its lock.",
                            "：生产者 " + (p + 1) + " 的元素 #" + i + " 被取走了 " + n + " 次，应当正好一次。对队列的每一次"
                                    + "修改，都必须在持有它的锁时进行。"));
                }
            }
        }
        int left = Calls.call("size()", queue::size);
        if (left != 0) {
            throw new AssertionError(setup + say(": after every element was taken, size() returned " + left
                    + ", expected 0.", "：所有元素都被取走之后，size() 返回了 " + left + "，应为 0。"));
        }
    }

    private static String describe(List<Thread> threads) {
        List<String> alive = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive()) {
                alive.add(t.getName().replace("queue grader: ", "") + say(" (" + t.getState() + ")",
                        "（" + t.getState() + "）"));
            }
        }
        return alive.isEmpty() ? say("none", "无") : String.join(say(", ", "、"), alive);
    }
}
