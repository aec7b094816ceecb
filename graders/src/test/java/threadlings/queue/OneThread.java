package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract for one thread, case by case, with calls that never have to wait: each check creates a queue, calls
 * it, and throws an {@link AssertionError} that names the mistake. {@link BoundedQueueBasicsTest} runs them one per
 * test; the checks with several threads run them all first ({@link Calls#oneThreadProblem()}), since no
 * interleaving can be right when a single thread already gets a wrong answer.
 */
final class OneThread {

    private OneThread() {
    }

    static void capacityBelowOneRefused() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
            Throwable thrown = thrown(() -> new BoundedQueue<String>(capacity));
            if (!(thrown instanceof IllegalArgumentException)) {
                throw new AssertionError(say("new BoundedQueue<>(" + capacity + ") " + describe(thrown) + ": a capacity"
                        + " below 1 must be refused with IllegalArgumentException (a queue that can hold nothing"
                        + " would make every put wait forever).",
                        "new BoundedQueue<>(" + capacity + ") " + describe(thrown) + "：小于 1 的容量必须用"
                                + " IllegalArgumentException 拒绝（一个什么都装不下的队列，会让每个 put 都永远等下去）。"),
                        thrown);
            }
        }
        BoundedQueue<String> one = new BoundedQueue<>(1);
        expectSize(one, "new BoundedQueue<>(1)", 0);
    }

    static void nullRefused() throws InterruptedException {
        BoundedQueue<String> queue = new BoundedQueue<>(3);
        queue.put("a");
        String before = "new BoundedQueue<>(3), put(\"a\")";
        Throwable byPut = thrown(() -> {
            try {
                queue.put(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!(byPut instanceof NullPointerException)) {
            throw new AssertionError(say("After " + before + ", put(null) " + describe(byPut) + ": a null element must be"
                    + " refused with NullPointerException (poll() returns null to mean \"empty\", so a null element"
                    + " could not be told apart).",
                    "在 " + before + " 之后，put(null) " + describe(byPut) + "：null 元素必须用 NullPointerException"
                            + " 拒绝（poll() 用返回 null 表示“队列为空”，null 元素就没法和它区分开了）。"), byPut);
        }
        expectSize(queue, say(before + ", put(null) refused", before + "，put(null) 被拒绝"), 1);
        Throwable byOffer = thrown(() -> queue.offer(null));
        if (!(byOffer instanceof NullPointerException)) {
            throw new AssertionError(say("After " + before + ", offer(null) " + describe(byOffer) + ": a null element"
                    + " must be refused with NullPointerException, by offer as by put.",
                    "在 " + before + " 之后，offer(null) " + describe(byOffer) + "：null 元素必须用 NullPointerException"
                            + " 拒绝，offer 和 put 都一样。"), byOffer);
        }
        expectSize(queue, say(before + ", put(null) and offer(null) refused",
                before + "，put(null) 和 offer(null) 被拒绝"), 1);
        expectHead(queue.poll(), say(before + " and the refused nulls, poll()",
                before + "，两个 null 被拒绝，然后 poll()"), "a");
        expectHead(queue.poll(), say(before + " and the refused nulls, poll() and poll()",
                before + "，两个 null 被拒绝，然后 poll() 和 poll()"), null);

        // On a full queue too: null is refused because it is null, before anything else, not only where it would
        // be stored (a put(null) that waits for room first, or an offer(null) that returns false, is wrong).
        BoundedQueue<String> full = new BoundedQueue<>(1);
        full.offer("x");
        String fullBefore = say("new BoundedQueue<>(1), offer(\"x\") (now full)",
                "new BoundedQueue<>(1), offer(\"x\")（此时已满）");
        Throwable byOfferFull = thrown(() -> full.offer(null));
        if (!(byOfferFull instanceof NullPointerException)) {
            throw new AssertionError(say("After " + fullBefore + ", offer(null) " + describe(byOfferFull) + ": a null"
                    + " element must be refused with NullPointerException even when the queue is full. Check for"
                    + " null first, before testing for room.",
                    "在 " + fullBefore + " 之后，offer(null) " + describe(byOfferFull) + "：即使队列已满，null 元素"
                            + "也必须用 NullPointerException 拒绝。先检查 null，再检查有没有空位。"), byOfferFull);
        }
        Throwable byPutFull = thrown(() -> {
            try {
                full.put(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(say("put(null) on a full queue waited (and was interrupted) instead of"
                        + " throwing NullPointerException at once",
                        "在已满的队列上，put(null) 先等待了（然后被中断），而不是立即抛出 NullPointerException"), e);
            }
        });
        if (!(byPutFull instanceof NullPointerException)) {
            throw new AssertionError(say("After " + fullBefore + ", put(null) " + describe(byPutFull) + ": a null element"
                    + " must be refused with NullPointerException at once, even when the queue is full. Check for"
                    + " null first, before waiting for room.",
                    "在 " + fullBefore + " 之后，put(null) " + describe(byPutFull) + "：即使队列已满，null 元素"
                            + "也必须立即用 NullPointerException 拒绝。先检查 null，再等待空位。"), byPutFull);
        }
        expectSize(full, say(fullBefore + ", offer(null) and put(null) refused",
                fullBefore + "，offer(null) 和 put(null) 被拒绝"), 1);
    }

    static void offerRefusedWhenFull() {
        BoundedQueue<String> queue = new BoundedQueue<>(2);
        String done = "new BoundedQueue<>(2)";
        for (String e : new String[] {"a", "b"}) {
            done += ", offer(\"" + e + "\")";
            if (!queue.offer(e)) {
                throw new AssertionError(done + say(" returned false: the queue had room, so offer must add the element"
                        + " and return true.", " 返回了 false：队列还有空位，offer 必须加入元素并返回 true。"));
            }
        }
        expectSize(queue, done, 2);
        for (String e : new String[] {"c", "d"}) {
            boolean accepted = queue.offer(e);
            done += ", offer(\"" + e + "\")";
            if (accepted) {
                throw new AssertionError(done + say(" returned true, but the queue already held 2 elements, its capacity:"
                        + " offer on a full queue must return false at once and add nothing (compare the size with"
                        + " the capacity before adding).",
                        " 返回了 true，但队列里已经有 2 个元素，达到了它的容量：在已满的队列上，offer 必须立即返回 false，"
                                + "并且什么都不加入（加入之前，先把元素个数和容量比一比）。"));
            }
            expectSize(queue, done, 2);
        }
        expectHead(queue.poll(), done + ", poll()", "a");
        expectHead(queue.poll(), done + ", poll(), poll()", "b");
        expectHead(queue.poll(), done + ", poll(), poll(), poll()", null);
        BoundedQueue<String> one = new BoundedQueue<>(1);
        if (!one.offer("x") || one.offer("y")) {
            throw new AssertionError(say("new BoundedQueue<>(1): the first offer must return true and the second false,"
                    + " since a queue of capacity 1 is full with one element.",
                    "new BoundedQueue<>(1)：第一次 offer 必须返回 true，第二次必须返回 false，因为容量为 1 的队列"
                            + "装了一个元素就满了。"));
        }
    }

    static void pollEmptyReturnsNull() {
        BoundedQueue<String> queue = new BoundedQueue<>(2);
        expectHead(queue.poll(), "new BoundedQueue<>(2), poll()", null);
        expectSize(queue, "new BoundedQueue<>(2), poll()", 0);
        queue.offer("a");
        expectHead(queue.poll(), "new BoundedQueue<>(2), poll(), offer(\"a\"), poll()", "a");
        expectHead(queue.poll(), "new BoundedQueue<>(2), poll(), offer(\"a\"), poll(), poll()", null);
        expectSize(queue, "new BoundedQueue<>(2), poll(), offer(\"a\"), poll(), poll()", 0);
    }

    static void firstInFirstOut() throws InterruptedException {
        BoundedQueue<String> queue = new BoundedQueue<>(3);
        List<String> done = new ArrayList<>(List.of("new BoundedQueue<>(3)"));
        queue.put("a");
        done.add("put(\"a\")");
        queue.offer("b");
        done.add("offer(\"b\")");
        queue.put("c");
        done.add("put(\"c\")");
        expectSize(queue, String.join(", ", done), 3);
        expectHead(queue.take(), String.join(", ", done) + ", take()", "a");
        done.add("take()");
        queue.put("d");
        done.add("put(\"d\")");
        expectHead(queue.poll(), String.join(", ", done) + ", poll()", "b");
        done.add("poll()");
        expectHead(queue.take(), String.join(", ", done) + ", take()", "c");
        done.add("take()");
        expectSize(queue, String.join(", ", done), 1);
        expectHead(queue.take(), String.join(", ", done) + ", take()", "d");
        done.add("take()");
        expectSize(queue, String.join(", ", done), 0);
    }

    /** Every check above, in order. */
    static void all() throws InterruptedException {
        capacityBelowOneRefused();
        nullRefused();
        offerRefusedWhenFull();
        pollEmptyReturnsNull();
        firstInFirstOut();
    }

    private static void expectSize(BoundedQueue<?> queue, String after, int expected) {
        int size = queue.size();
        if (size != expected) {
            throw new AssertionError(say("After " + after + ", size() returned " + size + ", expected " + expected + ".",
                    "在 " + after + " 之后，size() 返回了 " + size + "，应为 " + expected + "。"));
        }
    }

    private static void expectHead(Object actual, String call, String expected) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            String hint = expected == null
                    ? (call.endsWith("poll()") ? say(" poll() on an empty queue returns null at once.",
                            "在空队列上，poll() 会立即返回 null。") : "")
                    : say(" A queue is first in, first out: the element that went in first comes out first"
                            + " (add at the tail, remove from the head; not a stack).",
                            "队列是先进先出的：先进去的元素先出来（从队尾加入，从队头移除；它不是栈）。");
            throw new AssertionError(say(call + " returned " + show(actual) + ", expected " + show(expected) + ".",
                    call + " 返回了 " + show(actual) + "，应为 " + show(expected) + "。") + hint);
        }
    }

    static String show(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** What {@code call} threw, or null if it returned normally; the stub's "TODO" is passed on, not caught. */
    private static Throwable thrown(Runnable call) {
        try {
            call.run();
            return null;
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String describe(Throwable thrown) {
        return thrown == null ? say("returned normally", "正常返回了") : say("threw ", "抛出了 ") + thrown;
    }
}
