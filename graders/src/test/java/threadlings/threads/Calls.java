package threadlings.threads;

import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import threadlings.grading.Deadline;

/**
 * Calls into the student's {@link Threads} with a time limit (a {@code join} that waits for a thread that never
 * ends fails the test instead of hanging it), the stub's "TODO" turned into one clear line, and a way to make a
 * call from a thread whose name the test chooses.
 */
final class Calls {

    /** Time limit for one call into the student's code: far above what a correct call needs. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private Calls() {
    }

    /** {@code call()} on a thread of its own, within {@link #LIMIT}; {@code what} names it in messages. */
    static <T> T call(String what, Deadline.Call<T> call) throws Exception {
        try {
            return Deadline.call(LIMIT, what, call);
        } catch (UnsupportedOperationException e) {
            throw notImplemented(e);
        }
    }

    /**
     * {@code call()} on a new thread named {@code threadName}, within {@link #LIMIT}: what it returned, or what it
     * threw rethrown here.
     */
    static <T> T callOn(String threadName, String what, Deadline.Call<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                result.set(call.call());
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                done.countDown();
            }
        }, threadName);
        caller.setDaemon(true);
        caller.start();
        if (!done.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            caller.interrupt();
            throw new AssertionError(say(what + " did not finish within " + Deadline.seconds(LIMIT)
                    + ": it is blocked or"
                    + " looping forever (a join() waiting for a thread whose body never ends, for one).",
                    what + " 没有在 " + Deadline.seconds(LIMIT) + "内完成：它被阻塞了，或者陷入了死循环（比如 join()"
                    + " 等待的线程永远不会结束）。"), null);
        }
        Throwable t = thrown.get();
        if (t instanceof UnsupportedOperationException) {
            throw notImplemented((UnsupportedOperationException) t);
        }
        if (t instanceof Exception) {
            throw (Exception) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return result.get();
    }

    static AssertionError notImplemented(UnsupportedOperationException e) {
        return new AssertionError(say("Threads is not implemented yet: ", "Threads 还没有实现：") + e.getMessage(), e);
    }

    /** The records {@code loop(name, n)} must return. */
    static java.util.List<String> expectedRecords(String name, int n) {
        java.util.List<String> records = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            records.add("thread " + name + " >>> " + i);
        }
        return records;
    }

    /** {@code s} in quotes, with invisible characters escaped, for messages. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.UNASSIGNED || Character.isWhitespace(c) && c != ' ') {
                b.append(String.format("\\u{%X}", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
