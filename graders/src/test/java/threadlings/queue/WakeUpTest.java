package threadlings.queue;

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
            throw new AssertionError(actor.call() + " on " + state + " " + (thrown == null
                    ? "returned " + (actor.result() == Actor.VOID ? "" : OneThread.show(actor.result()) + " ")
                    : "threw " + thrown + " ") + "without waiting: it must wait (wait() or await(), in a while loop)"
                    + " until another thread changes the queue.", thrown);
        }
        if (rest == Rest.STILL) {
            throw new AssertionError(actor.call() + " on " + state + " did not start waiting within "
                    + seconds(LIMIT) + " (" + actor.describe() + "): a thread that cannot go on must wait with"
                    + " wait() or await(), which gives up the lock and sleeps, not spin in a loop or sleep while"
                    + " holding the lock.");
        }
    }

    private static BoundedQueue<String> newQueue(int capacity) throws Exception {
        return Calls.call("new BoundedQueue<>(" + capacity + ")", () -> new BoundedQueue<>(capacity));
    }

    private static void offer(BoundedQueue<String> queue, String element, String state) throws Exception {
        boolean accepted = Calls.call("offer(\"" + element + "\")", () -> queue.offer(element));
        if (!accepted) {
            throw new AssertionError("offer(\"" + element + "\") on " + state + " returned false: there was room.");
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
        Actor taker = taker(queue, "taker");
        try {
            mustWait(taker, "an empty queue");
            offer(queue, "a", "an empty queue of capacity 1");
            if (!taker.join(LIMIT)) {
                throw new AssertionError("A taker waits in take() on an empty queue; then offer(\"a\") adds an element."
                        + " " + seconds(LIMIT) + " later the taker is still waiting (" + taker.describe() + "):"
                        + " offer added an element without waking the threads waiting for one. Wake them after"
                        + " adding, in offer as in put: notifyAll() (or signal the not-empty Condition).");
            }
            if (taker.thrown() != null || !"a".equals(taker.result())) {
                throw new AssertionError("A taker waits in take() on an empty queue; offer(\"a\") adds an element."
                        + " Then " + taker.describe() + ", expected: returned \"a\".", taker.thrown());
            }
            int size = Calls.call("size()", queue::size);
            if (size != 0) {
                throw new AssertionError("After a waiting take() got the element offer(\"a\") added, size() returned "
                        + size + ", expected 0.");
            }
        } finally {
            Actor.stopAll(List.of(taker));
        }
    }

    @Test
    @DisplayName("put waits while the queue is full, and finishes once a poll makes room")
    void putWaitsForRoom() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        offer(queue, "x", "an empty queue of capacity 1");
        Actor putter = putter(queue, "putter", "y");
        try {
            mustWait(putter, "a full queue (capacity 1, holding \"x\")");
            int size = Calls.call("size()", queue::size);
            if (size != 1) {
                throw new AssertionError("While put(\"y\") waits on a full queue of capacity 1, size() returned " + size
                        + ", expected 1: a put that waits must not add anything yet.");
            }
            Object head = Calls.call("poll()", queue::poll);
            if (!"x".equals(head)) {
                throw new AssertionError("poll() on a full queue holding \"x\" (with a put(\"y\") waiting) returned "
                        + OneThread.show(head) + ", expected \"x\".");
            }
            if (!putter.join(LIMIT)) {
                throw new AssertionError("A putter waits in put(\"y\") on a full queue; then poll() removes the"
                        + " element, making room. " + seconds(LIMIT) + " later the putter is still waiting ("
                        + putter.describe() + "): poll removed an element without waking the threads waiting for"
                        + " room. Wake them after removing, in poll as in take: notifyAll() (or signal the not-full"
                        + " Condition).");
            }
            if (putter.thrown() != null) {
                throw new AssertionError("After poll() made room, " + putter.describe() + ".", putter.thrown());
            }
            Object next = Calls.call("poll()", queue::poll);
            if (!"y".equals(next)) {
                throw new AssertionError("After the waiting put(\"y\") finished, poll() returned " + OneThread.show(next)
                        + ", expected \"y\".");
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
            Actor first = taker(queue, "taker 1");
            actors.add(first);
            mustWait(first, "an empty queue");
            Actor second = taker(queue, "taker 2");
            actors.add(second);
            mustWait(second, "an empty queue (taker 1 waiting too)");
            long firstWaits = first.waits();
            long secondWaits = second.waits();
            offer(queue, "a", "an empty queue of capacity 1");
            Rest r1 = first.rest(firstWaits, LIMIT);
            Rest r2 = second.rest(secondWaits, LIMIT);
            String order = "Two takers wait in take() on an empty queue of capacity 1; then offer(\"a\") adds one"
                    + " element. After that:" + describe(actors) + "\n";
            if (r1 == Rest.FINISHED && r2 == Rest.FINISHED) {
                throw new AssertionError(order + "Both takes finished, but there was only one element: "
                        + IF_NOT_WHILE_TAKE);
            }
            if (r1 != Rest.FINISHED && r2 != Rest.FINISHED) {
                throw new AssertionError(order + "Neither take finished within " + seconds(LIMIT) + ", although the"
                        + " queue holds \"a\": offer must wake the waiting takers (notifyAll(), or signal the"
                        + " not-empty Condition).");
            }
            Actor done = r1 == Rest.FINISHED ? first : second;
            Actor waiting = done == first ? second : first;
            if (done.thrown() != null || !"a".equals(done.result())) {
                throw new AssertionError(order + "Expected one take to return \"a\".", done.thrown());
            }
            offer(queue, "b", "an empty queue of capacity 1 (one taker waiting)");
            if (!waiting.join(LIMIT) || waiting.thrown() != null || !"b".equals(waiting.result())) {
                throw new AssertionError(order + "Then offer(\"b\") added a second element; " + seconds(LIMIT)
                        + " later: " + waiting.describe() + ", expected: returned \"b\". The taker that went back to"
                        + " waiting must be woken by the next element.", waiting.thrown());
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    static final String IF_NOT_WHILE_TAKE = "offer's wake-up woke both takers, the first took \"a\", and the second"
            + " went on without testing the queue again, and took from an empty queue. Waking up does not mean the"
            + " queue has an element: wait in a while loop, not an if: while (queue is empty) wait();";

    @Test
    @DisplayName("room for one of two waiting putters: one puts, the other waits again, and the queue never holds more"
            + " than its capacity")
    void secondPutterWaitsAgain() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        offer(queue, "x", "an empty queue of capacity 1");
        List<Actor> actors = new ArrayList<>();
        try {
            Actor first = putter(queue, "putter 1", "a");
            actors.add(first);
            mustWait(first, "a full queue (capacity 1, holding \"x\")");
            Actor second = putter(queue, "putter 2", "b");
            actors.add(second);
            mustWait(second, "a full queue (capacity 1, holding \"x\"; putter 1 waiting too)");
            long firstWaits = first.waits();
            long secondWaits = second.waits();
            Object head = Calls.call("poll()", queue::poll);
            if (!"x".equals(head)) {
                throw new AssertionError("poll() on a full queue holding \"x\" (two puts waiting) returned "
                        + OneThread.show(head) + ", expected \"x\".");
            }
            Rest r1 = first.rest(firstWaits, LIMIT);
            Rest r2 = second.rest(secondWaits, LIMIT);
            int size = Calls.call("size()", queue::size);
            String order = "Two putters wait in put() on a full queue of capacity 1 (holding \"x\"); then poll()"
                    + " removes \"x\", making room for one element. After that:" + describe(actors)
                    + "\n  and size() returns " + size + ".\n";
            if (r1 == Rest.FINISHED && r2 == Rest.FINISHED || size > 1) {
                throw new AssertionError(order + "Both puts went through, and the queue holds more than its capacity"
                        + " of 1: poll's wake-up woke both putters, the first filled the free place, and the second"
                        + " went on without testing again. Waking up does not mean there is room: wait in a while"
                        + " loop, not an if: while (queue is full) wait();");
            }
            if (r1 != Rest.FINISHED && r2 != Rest.FINISHED) {
                throw new AssertionError(order + "Neither put finished within " + seconds(LIMIT) + ", although there"
                        + " was room: poll must wake the waiting putters (notifyAll(), or signal the not-full"
                        + " Condition).");
            }
            Actor done = r1 == Rest.FINISHED ? first : second;
            Actor waiting = done == first ? second : first;
            if (done.thrown() != null) {
                throw new AssertionError(order + "Expected one put to finish normally.", done.thrown());
            }
            String expected = done == first ? "a" : "b";
            String other = done == first ? "b" : "a";
            Object next = Calls.call("poll()", queue::poll);
            if (!expected.equals(next)) {
                throw new AssertionError(order + "Then poll() returned " + OneThread.show(next) + ", expected "
                        + OneThread.show(expected) + ", the element of the put that finished.");
            }
            if (!waiting.join(LIMIT) || waiting.thrown() != null) {
                throw new AssertionError(order + "Then poll() made room again; " + seconds(LIMIT) + " later: "
                        + waiting.describe() + ". The putter that went back to waiting must be woken when room is"
                        + " made again.", waiting.thrown());
            }
            Object last = Calls.call("poll()", queue::poll);
            if (!other.equals(last)) {
                throw new AssertionError(order + "After the second put finished, poll() returned "
                        + OneThread.show(last) + ", expected " + OneThread.show(other) + ".");
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    static final String NOTIFY_ONE = "With notify() (or signal() on one Condition that takers and putters share), a"
            + " change wakes a single waiting thread, and it can be one of the wrong kind: it finds nothing to do,"
            + " goes back to waiting, and the wake-up is lost, while the thread that could go on sleeps forever."
            + " Wake every waiting thread after each change with notifyAll() (or signalAll()), or give putters and"
            + " takers a Condition each (notFull, notEmpty) of one ReentrantLock and signal the one whose condition"
            + " you just made true.";

    @Test
    @DisplayName("a put waiting for room is woken by the take that makes it, even when another taker waits too")
    void putWokenWhileAnotherTakerWaits() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        List<Actor> actors = new ArrayList<>();
        try {
            Actor taker1 = taker(queue, "taker 1");
            actors.add(taker1);
            mustWait(taker1, "an empty queue");
            Actor taker2 = taker(queue, "taker 2");
            actors.add(taker2);
            mustWait(taker2, "an empty queue (taker 1 waiting too)");
            Guard guard = guardOf(queue, taker1, taker2);
            Actor putter = Actor.start("putter", "offer(\"a\"), then put(\"b\")", () -> {
                guard.hold(() -> {
                    if (!queue.offer("a")) {
                        throw new AssertionError("offer(\"a\") on an empty queue of capacity 1 returned false");
                    }
                    queue.put("b");
                });
                return Actor.VOID;
            });
            actors.add(putter);
            String steps = "The order this test forced (capacity 1):\n"
                    + "  1. taker 1 calls take() on the empty queue and waits; 2. taker 2 does the same;\n"
                    + "  3. the putter calls offer(\"a\"), which wakes a taker, and at once put(\"b\"), which finds"
                    + " the queue full and waits (the test held your queue's lock, " + guard + ", across the two"
                    + " calls, so no taker could run between them: a real run can take this order whenever the"
                    + " putter is quicker than the woken taker);\n"
                    + "  4. the woken taker takes \"a\", making room, and wakes a waiting thread.\n";
            whileHolding(putter, queue, guard, actors);
            finish(actors, queue, steps + "Then " + seconds(LIMIT) + " later:");
            Set<Object> taken = new HashSet<>(List.of(String.valueOf(taker1.result()), String.valueOf(taker2.result())));
            if (!taken.equals(Set.of("a", "b"))) {
                throw new AssertionError(steps + "Then:" + describe(actors) + "\nExpected the takers to get \"a\" and"
                        + " \"b\", one each.");
            }
        } finally {
            Actor.stopAll(actors);
        }
    }

    @Test
    @DisplayName("a take waiting for an element is woken by the put that adds it, even when another putter waits too")
    void takeWokenWhileAnotherPutterWaits() throws Exception {
        BoundedQueue<String> queue = newQueue(1);
        offer(queue, "x", "an empty queue of capacity 1");
        List<Actor> actors = new ArrayList<>();
        try {
            Actor putter1 = putter(queue, "putter 1", "a");
            actors.add(putter1);
            mustWait(putter1, "a full queue (capacity 1, holding \"x\")");
            Actor putter2 = putter(queue, "putter 2", "b");
            actors.add(putter2);
            mustWait(putter2, "a full queue (capacity 1, holding \"x\"; putter 1 waiting too)");
            Guard guard = guardOf(queue, putter1, putter2);
            Actor taker = Actor.start("taker", "poll(), then take()", () -> {
                Object[] got = new Object[2];
                guard.hold(() -> {
                    got[0] = queue.poll();
                    got[1] = queue.take();
                });
                if (!"x".equals(got[0])) {
                    throw new AssertionError("poll() on a full queue holding \"x\" returned " + OneThread.show(got[0]));
                }
                return got[1];
            });
            actors.add(taker);
            String steps = "The order this test forced (capacity 1, the queue holding \"x\"):\n"
                    + "  1. putter 1 calls put(\"a\") on the full queue and waits; 2. putter 2 calls put(\"b\") and"
                    + " waits too;\n"
                    + "  3. the taker calls poll(), which removes \"x\" and wakes a putter, and at once take(), which"
                    + " finds the queue empty and waits (the test held your queue's lock, " + guard + ", across the"
                    + " two calls, so no putter could run between them: a real run can take this order whenever the"
                    + " taker is quicker than the woken putter);\n"
                    + "  4. the woken putter adds its element and wakes a waiting thread.\n";
            whileHolding(taker, queue, guard, actors);
            finish(actors, queue, steps + "Then " + seconds(LIMIT) + " later:");
            Object taken = taker.result();
            Object left = Calls.call("poll()", queue::poll);
            Set<Object> both = new HashSet<>(List.of(String.valueOf(taken), String.valueOf(left)));
            if (!both.equals(Set.of("a", "b"))) {
                throw new AssertionError(steps + "Then:" + describe(actors) + "\nand poll() returned "
                        + OneThread.show(left) + ". Expected the take and the poll to get \"a\" and \"b\", one each.");
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
            Assumptions.abort("this check forces its order by holding the lock your queue's waiting threads wait"
                    + " under, and found none it can hold: they wait " + (on == null
                    ? "in a call that names no lock (a sleep?)"
                    : "on " + on + ", which is neither a monitor of the queue (itself, its class, an object in one of"
                    + " its fields) nor a Condition of a ReentrantLock in one of its fields") + ". It cannot judge"
                    + " this design; the other wake-up checks still apply");
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
                throw new AssertionError(actor.describe() + ", on a queue with threads waiting.", actor.thrown());
            }
            return;
        }
        if (rest == Rest.STILL) {
            throw new AssertionError("The " + actor.name() + " called " + actor.call() + " and the second call,"
                    + " which has to wait, did not start waiting within " + seconds(LIMIT) + " ("
                    + actor.describe() + "): a thread that cannot go on must wait with wait() or await(), giving up"
                    + " the lock, not keep running.");
        }
        Optional<Guard> own = Guard.of(queue, actor);
        if (own.isEmpty() || !own.get().sameAs(guard)) {
            Actor.stopAll(actors);
            Assumptions.abort("in your queue a put and a take wait under different locks, so this check cannot"
                    + " force its order without holding one lock while waiting on another; it cannot judge this"
                    + " design");
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
        throw new AssertionError("Lost wake-up: threads wait forever although the queue lets them go on.\n" + what
                + state + "\n  and the queue holds " + size + " element" + (size == 1 ? "" : "s") + " (capacity 1)."
                + "\nThe wake-up in step 4 never reached the thread that can go on now. Most likely it woke only the"
                + " other waiting thread of the same kind (the one that had waited longest), who found nothing to do"
                + " and went back to waiting; or it woke no one at all. " + NOTIFY_ONE);
    }
}
