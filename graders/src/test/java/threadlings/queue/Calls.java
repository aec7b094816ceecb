package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.time.Duration;

import threadlings.grading.Deadline;

/**
 * Calls into the student's {@link BoundedQueue} that must not wait, each on a thread of its own with a time limit
 * (so a call that blocks or loops fails the test instead of hanging it), with the stub's "TODO" turned into one
 * clear line.
 */
final class Calls {

    /** Time limit for one call, or a few, that should return at once: far above what a correct call needs. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private Calls() {
    }

    /** {@code call()} on a thread of its own, within {@link #LIMIT}; {@code what} names it in messages. */
    static <T> T call(String what, Deadline.Call<T> call) throws Exception {
        try {
            return Deadline.call(LIMIT, what, call);
        } catch (UnsupportedOperationException e) {
            throw notImplemented(e);
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains(say("did not finish within", "内完成"))) {
                // Deadline's own timeout: say what usually causes it here.
                throw new AssertionError(e.getMessage() + say(". None of these calls has to wait: is a thread waiting"
                        + " for a condition that already holds, a lock never released, or a loop that never ends?",
                        "。这些调用没有一个需要等待：是不是有线程在等一个早已成立的条件，有锁一直没有释放，"
                                + "或者有循环永远不会结束？"),
                        null);
            }
            throw e;
        }
    }

    /** {@link #call} for calls with no result. */
    static void run(String what, Deadline.Run run) throws Exception {
        call(what, () -> {
            run.run();
            return null;
        });
    }

    /**
     * A first look before the checks with several threads: every method once, on one thread, none of them
     * waiting. If the stub's "TODO" is still there, or a call that has no reason to wait hangs, the test says so
     * in one line instead of handing the student an interleaving table about a "TODO".
     */
    static void requireImplemented() throws Exception {
        run(say("new BoundedQueue<>(2), put, offer, size, take, poll, poll on one thread",
                "在一个线程上依次调用 new BoundedQueue<>(2)、put、offer、size、take、poll、poll"), () -> {
            BoundedQueue<String> queue = new BoundedQueue<>(2);
            queue.put("a");
            queue.offer("b");
            queue.size();
            queue.take();
            queue.poll();
            queue.poll();
        });
    }

    /**
     * What one thread alone already gets wrong (the first {@link OneThread} check that fails), or {@code null} if
     * nothing: when a check with several threads fails, this tells whether the threads matter at all.
     */
    static String oneThreadProblem() {
        try {
            run(say("the checks on one thread", "单线程的各项检查"), OneThread::all);
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }

    static AssertionError notImplemented(UnsupportedOperationException e) {
        return new AssertionError(say("BoundedQueue is not implemented yet: ", "BoundedQueue 还没有实现：")
                + e.getMessage(), e);
    }
}
