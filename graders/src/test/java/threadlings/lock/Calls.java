package threadlings.lock;

import java.time.Duration;

import threadlings.grading.Deadline;

/**
 * Calls into the student's {@link Balance}, each on a thread of its own with a time limit (so a lock that is never
 * released fails the test instead of hanging it), and with the stub's "TODO" turned into one clear line.
 */
final class Calls {

    /** Time limit for one call, or a few, into the student's class: far above what a correct call needs. */
    static final Duration LIMIT = Duration.ofSeconds(3);

    private Calls() {
    }

    /** {@code call()} on a thread of its own, within {@link #LIMIT}; {@code what} names it in messages. */
    static <T> T call(String what, Deadline.Call<T> call) throws Exception {
        try {
            return Deadline.call(LIMIT, what, call);
        } catch (UnsupportedOperationException e) {
            throw notImplemented(e);
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains("did not finish within")) {
                // Deadline's own timeout: say what usually causes it here.
                throw new AssertionError(e.getMessage() + ". Is a lock taken and never released (an unlock() that"
                        + " an exception skips), or a loop that never ends?", null);
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
     * A first look before a model check: every method once, on one thread. If the stub's "TODO" is still there, or
     * a call made by one thread alone hangs, the test says so in one line instead of handing the student an
     * interleaving table about a "TODO". Wrong results are left to the model check (see {@link #oneThreadProblem}).
     */
    static void requireImplemented() throws Exception {
        run("new Balance(), deposit(2), withdraw(1), withdraw(5), changeIt(1), get() on one thread", () -> {
            Balance balance = new Balance();
            balance.deposit(2);
            balance.withdraw(1);
            try {
                balance.withdraw(5);
            } catch (UnsupportedOperationException e) {
                throw e;
            } catch (RuntimeException refused) {
                // what it threw, and what it left behind, are checked elsewhere
            }
            balance.changeIt(1);
            balance.get();
        });
    }

    /**
     * What one thread alone already gets wrong (the first {@link OneThread} check that fails), or {@code null} if
     * nothing: when a model check fails, this tells whether the interleaving matters at all.
     */
    static String oneThreadProblem() {
        try {
            run("the checks on one thread", OneThread::all);
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }

    private static final String NOT_IMPLEMENTED = "Balance is not implemented yet: ";

    static AssertionError notImplemented(UnsupportedOperationException e) {
        return new AssertionError(NOT_IMPLEMENTED + e.getMessage(), e);
    }
}
