package threadlings.grading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call into student code with a time limit, for the places JUnit's own limit does not reach (jqwik
 * properties, and checks that need a tighter bound than the test's).
 *
 * <p>The call runs on a daemon thread: if it never returns (a deadlock, a busy loop), the grader goes on with an
 * {@link AssertionError} that says what hung, and the stuck thread cannot keep the JVM alive.
 */
public final class Deadline {

    private Deadline() {
    }

    /** A call that may throw anything, like the student code it wraps. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    /** A call with no result. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    /**
     * Returns what {@code call} returns, or rethrows what it throws; if it has not finished within
     * {@code limit}, interrupts it and fails with "{@code what} did not finish within …".
     */
    public static <T> T call(Duration limit, String what, Call<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>((Callable<T>) call::call);
        Thread thread = new Thread(task, "deadline: " + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError(Lang.say(what + " did not finish within " + seconds(limit)
                    + ": it is blocked or looping forever",
                    what + " 没有在 " + seconds(limit) + "内完成：它被阻塞了，或者陷入了死循环"), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        }
    }

    /** {@link #call} for code with no result. */
    public static void run(Duration limit, String what, Run run) throws Exception {
        call(limit, what, () -> {
            run.run();
            return null;
        });
    }

    /** "2.5 s" ("2.5 秒" in Chinese), for messages. */
    public static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + Lang.say(" s", " 秒");
    }
}
