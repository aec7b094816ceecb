package threadlings.queue;

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
                throw new AssertionError("new BoundedQueue<>(" + capacity + ") " + describe(thrown) + ": a capacity"
                        + " below 1 must be refused with IllegalArgumentException (a queue that can hold nothing"
                        + " would make every put wait forever).", thrown);
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
            throw new AssertionError("After " + before + ", put(null) " + describe(byPut) + ": a null element must be"
                    + " refused with NullPointerException (poll() returns null to mean \"empty\", so a null element"
                    + " could not be told apart).", byPut);
        }
        expectSize(queue, before + ", put(null) refused", 1);
        Throwable byOffer = thrown(() -> queue.offer(null));
        if (!(byOffer instanceof NullPointerException)) {
            throw new AssertionError("After " + before + ", offer(null) " + describe(byOffer) + ": a null element"
                    + " must be refused with NullPointerException, by offer as by put.", byOffer);
        }
        expectSize(queue, before + ", put(null) and offer(null) refused", 1);
        expectHead(queue.poll(), before + " and the refused nulls, poll()", "a");
        expectHead(queue.poll(), before + " and the refused nulls, poll() and poll()", null);

        // On a full queue too: null is refused because it is null, before anything else, not only where it would
        // be stored (a put(null) that waits for room first, or an offer(null) that returns false, is wrong).
        BoundedQueue<String> full = new BoundedQueue<>(1);
        full.offer("x");
        String fullBefore = "new BoundedQueue<>(1), offer(\"x\") (now full)";
        Throwable byOfferFull = thrown(() -> full.offer(null));
        if (!(byOfferFull instanceof NullPointerException)) {
            throw new AssertionError("After " + fullBefore + ", offer(null) " + describe(byOfferFull) + ": a null"
                    + " element must be refused with NullPointerException even when the queue is full. Check for"
                    + " null first, before testing for room.", byOfferFull);
        }
        Throwable byPutFull = thrown(() -> {
            try {
                full.put(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException("put(null) on a full queue waited (and was interrupted) instead of"
                        + " throwing NullPointerException at once", e);
            }
        });
        if (!(byPutFull instanceof NullPointerException)) {
            throw new AssertionError("After " + fullBefore + ", put(null) " + describe(byPutFull) + ": a null element"
                    + " must be refused with NullPointerException at once, even when the queue is full. Check for"
                    + " null first, before waiting for room.", byPutFull);
        }
        expectSize(full, fullBefore + ", offer(null) and put(null) refused", 1);
    }

    static void offerRefusedWhenFull() {
        BoundedQueue<String> queue = new BoundedQueue<>(2);
        String done = "new BoundedQueue<>(2)";
        for (String e : new String[] {"a", "b"}) {
            done += ", offer(\"" + e + "\")";
            if (!queue.offer(e)) {
                throw new AssertionError(done + " returned false: the queue had room, so offer must add the element"
                        + " and return true.");
            }
        }
        expectSize(queue, done, 2);
        for (String e : new String[] {"c", "d"}) {
            boolean accepted = queue.offer(e);
            done += ", offer(\"" + e + "\")";
            if (accepted) {
                throw new AssertionError(done + " returned true, but the queue already held 2 elements, its capacity:"
                        + " offer on a full queue must return false at once and add nothing (compare the size with"
                        + " the capacity before adding).");
            }
            expectSize(queue, done, 2);
        }
        expectHead(queue.poll(), done + ", poll()", "a");
        expectHead(queue.poll(), done + ", poll(), poll()", "b");
        expectHead(queue.poll(), done + ", poll(), poll(), poll()", null);
        BoundedQueue<String> one = new BoundedQueue<>(1);
        if (!one.offer("x") || one.offer("y")) {
            throw new AssertionError("new BoundedQueue<>(1): the first offer must return true and the second false,"
                    + " since a queue of capacity 1 is full with one element.");
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
            throw new AssertionError("After " + after + ", size() returned " + size + ", expected " + expected + ".");
        }
    }

    private static void expectHead(Object actual, String call, String expected) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            String hint = expected == null
                    ? (call.endsWith("poll()") ? " poll() on an empty queue returns null at once." : "")
                    : " A queue is first in, first out: the element that went in first comes out first"
                            + " (add at the tail, remove from the head; not a stack).";
            throw new AssertionError(call + " returned " + show(actual) + ", expected " + show(expected) + "." + hint);
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
        return thrown == null ? "returned normally" : "threw " + thrown;
    }
}
