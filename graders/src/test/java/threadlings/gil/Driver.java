package threadlings.gil;

import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Drives a student's {@link Gil} with the graders' own threads, slowly enough that every hand-over can be judged,
 * and records who held the GIL when.
 *
 * <p>Each thread takes the GIL and calls {@code tick()} again and again, as the interpreter does, until the ticks
 * of all the threads together reach a total; then it releases the GIL. Before each tick that should hand the GIL
 * over (every {@code interval}-th), the holder waits until every other thread is waiting for the GIL: parked in
 * {@code acquire()} or inside its own {@code tick()} (a GIL whose waiters spin instead of parking is recognised,
 * and then a waiter still {@code RUNNABLE} after 30 ms is taken to be spinning). So at that tick it is certain who
 * waits, and in which order they began waiting: the threads are started one at a time, each once the one before
 * it waits, and each hand-over is judged only once every waiter has settled.
 *
 * <p>The log holds, in order: a thread beginning to wait ({@code acquire()} called), getting the GIL
 * ({@code acquire()} returned), calling {@code tick()}, returning from it, and releasing. Only the thread that holds
 * the GIL writes "got" and "tick" entries, so for a working GIL the log's order is the order of events.
 */
final class Driver {

    /**
     * How long a thread that called {@code acquire()} (or an interval-th {@code tick()}) may stay {@code RUNNABLE}
     * before it is taken to be spinning in the GIL rather than on its way to park; a busy machine can hold a
     * thread back for a while just before it parks.
     */
    private static final Duration PARKING = Duration.ofSeconds(2);
    /** The same, once a GIL is known to spin: one of its waiters stayed RUNNABLE for {@link #PARKING}. */
    private static final Duration SPINNING = Duration.ofMillis(30);
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /**
     * The whole run's limit: a GIL that deadlocks or never hands back ends here. A working GIL needs well under a
     * second, a spinning one a few; three runs in one test stay within the test's 30 s.
     */
    static final Duration LIMIT = Duration.ofSeconds(8);

    enum Kind { WAIT, GOT, TICK, BACK, RELEASE }

    /** One entry: what happened, to which thread (0, 1, ...), and at which tick (counted from 1 over all threads). */
    record Event(Kind kind, int thread, long tick) {
    }

    final int interval;
    final int threads;
    final long totalTicks;
    private final Gil gil;
    private final List<Event> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ticks = new AtomicLong();
    private final Thread[] workers;
    /** When each thread began to wait for the GIL (nanoTime), or 0 while it does not wait. */
    private final AtomicLongArray waitingSince;
    /** Whether each thread holds the GIL, as far as it knows: from acquire() or tick() returning to its next call. */
    private final AtomicIntegerArray holding;
    private final AtomicIntegerArray finished;
    private final Throwable[] failures;
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile boolean firstGot;
    /**
     * Set once a waiting thread stayed RUNNABLE for {@link #PARKING}: the student's Gil makes its waiters spin. Kept
     * for the whole grading run (one Gil class), so that only the first run pays for finding it out.
     */
    private static volatile boolean spins;
    /** Incremented each time a thread gets the GIL or takes it back: tells a holder whether anyone else ran. */
    private final AtomicLong holds = new AtomicLong();
    /** Interval-th ticks at which the holder kept the GIL although others waited, and of those, how many woke one. */
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong keptButWoken = new AtomicLong();

    private Driver(Gil gil, int interval, int threads, int rounds) {
        this.gil = gil;
        this.interval = interval;
        this.threads = threads;
        this.totalTicks = (long) interval * threads * rounds;
        this.workers = new Thread[threads];
        this.waitingSince = new AtomicLongArray(threads);
        this.holding = new AtomicIntegerArray(threads);
        this.finished = new AtomicIntegerArray(threads);
        this.failures = new Throwable[threads];
    }

    /** "Gil(5) shared by 3 threads": for messages. */
    String setting() {
        return say("a Gil(" + interval + ") shared by " + threads + " threads",
                threads + " 个线程共用一个 Gil(" + interval + ")");
    }

    /**
     * Runs {@code threads} threads on a new {@code Gil(interval)} until they have ticked {@code rounds} times
     * around (each {@code interval} ticks per round), and returns what happened. Fails if any GIL call throws, or
     * if the run does not end within {@link #LIMIT}.
     */
    static Driver run(int interval, int threads, int rounds) throws InterruptedException {
        Gil gil = new Gil(interval);
        Driver d = new Driver(gil, interval, threads, rounds);
        d.go();
        return d;
    }

    private void go() throws InterruptedException {
        long end = System.nanoTime() + LIMIT.toNanos();
        for (int i = 0; i < threads; i++) {
            int me = i;
            workers[i] = new Thread(() -> work(me), "gil driver " + name(i));
            workers[i].setDaemon(true);
        }
        // The first thread takes the GIL and holds it until the others queue up, one after the other.
        workers[0].start();
        while (!firstGot && failures[0] == null && workers[0].isAlive()
                && System.nanoTime() - end < 0) {
            Thread.sleep(1);
        }
        for (int i = 1; i < threads; i++) {
            workers[i].start();
            awaitWaiting(i);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        }
        for (int i = 0; i < threads; i++) {
            if (failures[i] != null) {
                throw new AssertionError(say("With " + setting() + ", thread " + name(i) + " got "
                        + failures[i] + " from the GIL.",
                        "在 " + setting() + " 时，线程 " + name(i) + " 调用 GIL 得到了 " + failures[i] + "。")
                        + timeline(log.size()), failures[i]);
            }
        }
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            if (workers[i].isAlive()) {
                stuck.add(name(i) + say(" (at " + where(workers[i]) + ")", "（位于 " + where(workers[i]) + "）"));
                workers[i].interrupt();
            }
        }
        if (!stuck.isEmpty()) {
            Problem p = overlap();
            if (p != null) {
                throw new AssertionError(say("With " + setting() + ", " + p.text() + " (and then the threads did not "
                        + "finish within " + LIMIT.toSeconds() + " s).",
                        "在 " + setting() + " 时，" + p.text() + "（之后这些线程也没能在 " + LIMIT.toSeconds()
                                + " 秒内结束）。") + timeline(p.at()));
            }
            throw new AssertionError(say("With " + setting() + ", the threads did not finish their " + totalTicks
                    + " ticks within " + LIMIT.toSeconds() + " s: " + String.join(", ", stuck) + " never got "
                    + "the GIL (back). Does every hand-over end with the GIL held by someone, and does release() "
                    + "let a waiting thread in?",
                    "在 " + setting() + " 时，这些线程没能在 " + LIMIT.toSeconds() + " 秒内做完它们的 " + totalTicks
                            + " 次 tick：" + String.join("、", stuck) + " 始终没有（再次）拿到 GIL。每次交接结束时，GIL"
                            + " 都有线程持有吗？release() 会让一个等待中的线程进来吗？") + timeline(log.size()));
        }
    }

    private void work(int me) {
        try {
            waitingSince.set(me, System.nanoTime());
            log.add(new Event(Kind.WAIT, me, ticks.get()));
            gil.acquire();
            waitingSince.set(me, 0);
            holding.set(me, 1);
            holds.incrementAndGet();
            log.add(new Event(Kind.GOT, me, ticks.get()));
            firstGot = true;
            if (me == 0) {
                go.await();
            }
            while (true) {
                long k = ticks.incrementAndGet();
                if (k > totalTicks) {
                    break;
                }
                long[] waitersCpu = null;
                if (k % interval == 0) {
                    awaitOthersWaiting(me);
                    waitersCpu = waitersCpu(me);
                }
                long holdsBefore = holds.get();
                holding.set(me, 0);
                waitingSince.set(me, System.nanoTime()); // any tick() may hand over and wait for its turn
                log.add(new Event(Kind.TICK, me, k));
                gil.tick();
                waitingSince.set(me, 0);
                holding.set(me, 1);
                boolean handedOver = holds.incrementAndGet() != holdsBefore + 1;
                log.add(new Event(Kind.BACK, me, k));
                if (waitersCpu != null && !handedOver && anyWaiting(me)) {
                    // Kept although others waited. Did a waiting thread at least wake up (the GIL was released
                    // and taken back) or not (never released)? A parked thread uses no CPU at all.
                    Thread.sleep(20);
                    kept.incrementAndGet();
                    if (!java.util.Arrays.equals(waitersCpu, waitersCpu(me))) {
                        keptButWoken.incrementAndGet();
                    }
                }
            }
            holding.set(me, 0);
            log.add(new Event(Kind.RELEASE, me, ticks.get()));
            gil.release();
        } catch (Throwable t) {
            failures[me] = t;
        } finally {
            finished.set(me, 1);
        }
    }

    /** Waits until every other unfinished thread waits for the GIL (each for a bounded time). */
    private void awaitOthersWaiting(int me) {
        for (int j = 0; j < threads; j++) {
            if (j != me) {
                awaitWaiting(j);
            }
        }
    }

    /** The CPU time of each other thread so far (-1 where unknown). */
    private long[] waitersCpu(int me) {
        long[] cpu = new long[threads];
        for (int j = 0; j < threads; j++) {
            cpu[j] = j == me ? 0 : THREADS.getThreadCpuTime(workers[j].getId());
        }
        return cpu;
    }

    private boolean anyWaiting(int me) {
        for (int j = 0; j < threads; j++) {
            if (j != me && waitingSince.get(j) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * When the holder kept the GIL on interval-th ticks: whether the waiting threads woke up meanwhile, as a
     * sentence for messages; empty if it never kept it.
     */
    String keptHow() {
        if (kept.get() == 0) {
            return "";
        }
        if (keptButWoken.get() == 0) {
            return say(" Meanwhile the waiting threads used no CPU at all: it looks as if tick() never released the GIL.",
                    "其间等待的线程完全没有用到 CPU：看起来 tick() 从来没有释放过 GIL。");
        }
        return say(" The waiting thread did wake up (it used some CPU), but found the GIL taken again.",
                "等待的线程确实醒过来了（它用了一点 CPU），却发现 GIL 又被拿走了。");
    }

    /**
     * Waits until thread {@code j} has finished, or waits for the GIL: parked in {@code acquire()} or
     * {@code tick()}, or still {@code RUNNABLE} there after {@link #PARKING} (then the GIL spins, and
     * {@link #SPINNING} is enough from then on). A thread that holds the GIL is waited for {@link #PARKING} at most.
     */
    private void awaitWaiting(int j) {
        long end = System.nanoTime() + PARKING.toNanos();
        while (finished.get(j) == 0 && System.nanoTime() - end < 0) {
            if (holding.get(j) == 1) {
                return; // two threads hold the GIL: the log shows it, waiting would not help
            }
            long since = waitingSince.get(j);
            if (since != 0) {
                Thread.State state = workers[j].getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                        || state == Thread.State.BLOCKED) {
                    return;
                }
                long runnable = System.nanoTime() - since;
                if (spins && runnable > SPINNING.toNanos()) {
                    return;
                }
                if (runnable > PARKING.toNanos()) {
                    spins = true;
                    return;
                }
            }
            LockSupport.parkNanos(50_000);
        }
    }

    // -------------------------------------------------------------------------------------------------------
    // What the log shows

    /** A broken promise found in the log: what, and at which entry. */
    record Problem(String text, int at) {
    }

    /** The ticks (numbers) after which another thread got the GIL. */
    List<Long> handOvers() {
        List<Long> at = new ArrayList<>();
        List<Event> events = events();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.kind() == Kind.TICK) {
                Event next = nextHold(events, i);
                if (next != null && next.thread() != e.thread()) {
                    at.add(e.tick());
                }
            }
        }
        return at;
    }

    /**
     * Every interval-th tick at which another thread was waiting, with whether the GIL then went to another
     * thread: {@code [tick, handedOver ? 1 : 0]}.
     */
    List<long[]> handOverPoints() {
        List<long[]> points = new ArrayList<>();
        List<Event> events = events();
        LinkedHashSet<Integer> waiting = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            switch (e.kind()) {
                case WAIT: waiting.add(e.thread()); break;
                case GOT: case BACK: waiting.remove(e.thread()); break;
                case TICK:
                    boolean others = waiting.stream().anyMatch(t -> t != e.thread());
                    if (e.tick() % interval == 0 && others) {
                        Event next = nextHold(events, i);
                        points.add(new long[] {e.tick(), next != null && next.thread() != e.thread() ? 1 : 0});
                        waiting.add(e.thread());
                    }
                    break;
                default: break;
            }
        }
        return points;
    }

    /** The first time two threads held the GIL at once, if any. */
    Problem overlap() {
        List<Event> events = events();
        int holder = -1;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            switch (e.kind()) {
                case GOT: case BACK:
                    if (holder != -1 && holder != e.thread()) {
                        return new Problem(sayf("thread %s %s while thread %s held it: two "
                                        + "threads held the GIL at once",
                                "线程 %s %s，而此时线程 %s 正持有 GIL：两个线程同时持有了 GIL", name(e.thread()),
                                e.kind() == Kind.GOT ? say("got the GIL (its acquire() returned)",
                                        "拿到了 GIL（它的 acquire() 返回了）")
                                        : say("took the GIL back (its tick() returned)", "拿回了 GIL（它的 tick() 返回了）"),
                                name(holder)), i);
                    }
                    holder = e.thread();
                    break;
                case TICK: case RELEASE:
                    holder = -1;
                    break;
                default: break;
            }
        }
        return null;
    }

    /**
     * The first tick after which the GIL did not go where it should: on an interval-th tick with others waiting,
     * to a waiting thread ({@code kept}), the one that had waited longest ({@code longest}); on any other tick,
     * nowhere: the holder keeps it ({@code extra}). Only the kinds of problem asked for are looked for.
     */
    Problem wrongTurn(boolean kept, boolean extra, boolean longest) {
        List<Event> events = events();
        LinkedHashSet<Integer> waiting = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            switch (e.kind()) {
                case WAIT: waiting.add(e.thread()); break;
                case GOT: case BACK: waiting.remove(e.thread()); break;
                case TICK: {
                    List<Integer> others = waiting.stream().filter(t -> t != e.thread()).collect(Collectors.toList());
                    Event next = nextHold(events, i);
                    if (next == null) {
                        break;
                    }
                    List<String> names = others.stream().map(Driver::name).collect(Collectors.toList());
                    String who = say(String.join(" and ", names), names.size() < 2 ? String.join("", names)
                            : String.join("、", names.subList(0, names.size() - 1)) + " 和 " + names.get(names.size() - 1));
                    if (e.tick() % interval == 0 && !others.isEmpty()) {
                        waiting.add(e.thread());
                        if (kept && next.thread() == e.thread()) {
                            return new Problem(sayf("tick %d was an interval-th tick, "
                                            + "and %s %s waiting, yet %s kept the GIL: its tick() returned to it "
                                            + "before any waiting thread had its turn",
                                    "第 %1$d 次 tick 是 interval 的整数倍，而线程 %2$s 正在等待，可线程 %4$s 还是留着"
                                            + " GIL：没等任何一个等待的线程轮到，它的 tick() 就返回了", e.tick(), who,
                                    others.size() == 1 ? "was" : "were", name(e.thread())), i);
                        }
                        if (longest && next.thread() != others.get(0)) {
                            return new Problem(sayf("tick %d was an interval-th tick, with "
                                            + "%s waiting, %s the longest; but the GIL went to %s",
                                    "第 %d 次 tick 是 interval 的整数倍，线程 %s 在等待，其中 %s 等得最久；可 GIL 却交给了 %s",
                                    e.tick(), who,
                                    name(others.get(0)), name(next.thread())), i);
                        }
                    } else if (extra && next.thread() != e.thread()) {
                        return new Problem(sayf("tick %d was not an interval-th tick (the "
                                        + "interval is %d), yet %s's tick() let %s have the GIL",
                                "第 %d 次 tick 不是 interval 的整数倍（interval 是 %d），可 %s 的 tick() 却让 %s 拿到了 GIL",
                                e.tick(), interval,
                                name(e.thread()), name(next.thread())), i);
                    }
                    break;
                }
                default: break;
            }
        }
        return null;
    }

    /** The log around entry {@code at}, one line per entry, for messages. */
    String timeline(int at) {
        List<Event> events = events();
        int from = Math.max(0, at - 8);
        int to = Math.min(events.size(), at + 4);
        StringBuilder b = new StringBuilder(sayf("%nWhat happened (entries %d to %d of %d):",
                "%n发生了什么（第 %d 到 %d 条记录，共 %d 条）：", from + 1, to, events.size()));
        for (int i = from; i < to; i++) {
            b.append(String.format(Locale.ROOT, "%n  %s %s", i == at ? "->" : "  ", describe(events.get(i))));
        }
        return b.toString();
    }

    private static String describe(Event e) {
        switch (e.kind()) {
            case WAIT: return name(e.thread()) + say(" calls acquire()", " 调用 acquire()");
            case GOT: return name(e.thread()) + say(" gets the GIL (acquire() returns)", " 拿到 GIL（acquire() 返回）");
            case TICK: return name(e.thread()) + say(" calls tick() #" + e.tick(), " 调用第 " + e.tick() + " 次 tick()");
            case BACK: return name(e.thread()) + say(" returns from tick() #" + e.tick(),
                    " 从第 " + e.tick() + " 次 tick() 返回");
            default: return name(e.thread()) + say(" calls release()", " 调用 release()");
        }
    }

    /** The next entry after {@code i} in which a thread gets the GIL or returns from tick(); null if none. */
    private static Event nextHold(List<Event> events, int i) {
        for (int j = i + 1; j < events.size(); j++) {
            Event n = events.get(j);
            if (n.kind() == Kind.GOT || n.kind() == Kind.BACK) {
                return n;
            }
            if (n.kind() == Kind.RELEASE) {
                return null;
            }
        }
        return null;
    }

    private List<Event> events() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    static String name(int thread) {
        return String.valueOf((char) ('A' + thread));
    }

    private static String where(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : stack) {
            String cls = f.getClassName();
            frames.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName()
                    + (f.getLineNumber() > 0 && cls.startsWith("threadlings.gil.Gil") ? ":" + f.getLineNumber() : ""));
            if (cls.startsWith("threadlings.gil.Gil") || frames.size() >= 5) {
                break;
            }
        }
        return frames.isEmpty() ? "?" : String.join(" <- ", frames);
    }
}
