package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import threadlings.grading.Deadline;

/**
 * A thread that makes a call (or a few) into the student's queue, and that the test watches from outside: whether
 * it has finished and how, and, while it has not, whether it is waiting, on what, and how many times it has waited
 * so far (from the JVM's own thread statistics, {@link ThreadMXBean}). That is how the wake-up tests drive real
 * threads into an exact order without any hook in the student's class: they start one thread, wait until the JVM
 * reports it waiting, then start the next.
 */
final class Actor {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * How a thread stands after {@link #rest}: finished; waiting in a new wait; or neither within the time limit
     * (still in the wait it was already in, or running, or blocked on a lock).
     */
    enum Rest {
        FINISHED, WAITING, STILL
    }

    /** What a call with no result (a put) "returns", so that it shows as "returned" in messages. */
    static final Object VOID = new Object();

    private final String name;
    private final String call;
    private final Thread thread;
    private volatile boolean finished;
    private volatile Object result;
    private volatile Throwable thrown;

    private Actor(String name, String call, Deadline.Call<Object> body) {
        this.name = name;
        this.call = call;
        this.thread = new Thread(() -> {
            try {
                result = body.call();
            } catch (Throwable t) {
                thrown = t;
            } finally {
                finished = true;
            }
        }, "queue grader: " + name);
        // Daemon: a thread the student's code left waiting forever cannot keep the JVM alive.
        thread.setDaemon(true);
    }

    /** Starts a thread named {@code name} running {@code body}; {@code call} says what it calls, for messages. */
    static Actor start(String name, String call, Deadline.Call<Object> body) {
        Actor actor = new Actor(name, call, body);
        actor.thread.start();
        return actor;
    }

    String name() {
        return name;
    }

    String call() {
        return call;
    }

    boolean finished() {
        return finished;
    }

    /** What the call returned; only meaningful once {@link #finished()} and nothing was thrown. */
    Object result() {
        return result;
    }

    /** What the call threw, or {@code null}. */
    Throwable thrown() {
        return thrown;
    }

    void interrupt() {
        thread.interrupt();
    }

    /** How many times this thread has waited so far (in {@code wait()}, {@code await()}, {@code park()}...). */
    long waits() {
        ThreadInfo info = THREADS.getThreadInfo(thread.getId());
        return info == null ? Long.MAX_VALUE : info.getWaitedCount();
    }

    /** The object this thread is waiting on or blocked on now, as the JVM names it; {@code null} if none. */
    LockInfo waitingOn() {
        ThreadInfo info = THREADS.getThreadInfo(thread.getId());
        return info == null ? null : info.getLockInfo();
    }

    /** Waits up to {@code limit} for the thread to end; true if it did. */
    boolean join(Duration limit) throws InterruptedException {
        thread.join(Math.max(1, limit.toMillis()));
        return finished;
    }

    /**
     * Waits up to {@code limit} until the thread has finished, or is waiting for a condition (in {@code wait()},
     * {@code await()}, a sleep...) in a wait it began after it had waited {@code waitsBefore} times: a wait it was
     * already in does not count, since it may already have been woken and merely not yet run. Waiting to enter a
     * lock does not count either: a thread there is about to run.
     */
    Rest rest(long waitsBefore, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (finished) {
                return Rest.FINISHED;
            }
            if (restingSince(waitsBefore)) {
                return Rest.WAITING;
            }
            if (System.nanoTime() - end > 0) {
                return finished ? Rest.FINISHED : Rest.STILL;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private boolean restingSince(long waitsBefore) {
        ThreadInfo info = THREADS.getThreadInfo(thread.getId());
        if (info == null) {
            return false;
        }
        Thread.State state = info.getThreadState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        if (info.getWaitedCount() <= waitsBefore) {
            return false;
        }
        LockInfo on = info.getLockInfo();
        // A thread parked to enter a ReentrantLock is not waiting for the queue to change: it is about to run.
        return on == null || !isLockEntry(on);
    }

    private static boolean isLockEntry(LockInfo on) {
        String cls = on.getClassName();
        return cls.startsWith("java.util.concurrent.locks.ReentrantLock$")
                || cls.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$");
    }

    /**
     * "taker 1, take(): returned "a"", "... threw X", "... still waiting, in BoundedQueue.take (line 52)". The
     * head ("taker 1, take(): ") ends at the first colon, ASCII or full-width: see {@link #outcome()}.
     */
    String describe() {
        String head = name + say(", ", "，") + call + say(": ", "：");
        if (finished) {
            if (thrown != null) {
                return head + say("threw ", "抛出了 ") + thrown;
            }
            return head + (result == VOID ? say("returned", "正常返回")
                    : say("returned ", "返回了 ") + OneThread.show(result));
        }
        Thread.State state = thread.getState();
        String where = where();
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            return head + say("still waiting", "仍在等待") + where;
        }
        return head + say("still running (" + state + ")", "仍在运行（" + state + "）") + where;
    }

    /** {@link #describe()} without its head: "still waiting, in BoundedQueue.take (line 52)". */
    String outcome() {
        return describe().replaceFirst("^[^:：]*[:：] ?", "");
    }

    /** ", in BoundedQueue.take (line 52)": the student's frame the thread is in, if any. */
    private String where() {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(BoundedQueue.class.getName())) {
                return say(", in BoundedQueue." + frame.getMethodName()
                                + (frame.getLineNumber() > 0 ? " (line " + frame.getLineNumber() + ")" : ""),
                        "，位于 BoundedQueue." + frame.getMethodName()
                                + (frame.getLineNumber() > 0 ? "（第 " + frame.getLineNumber() + " 行）" : ""));
            }
        }
        return "";
    }

    /** Interrupts every actor still running, so none is left waiting after the test. */
    static void stopAll(List<Actor> actors) {
        for (Actor actor : actors) {
            if (!actor.finished) {
                actor.interrupt();
            }
        }
    }
}
