package threadlings.deadlock;

import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import threadlings.grading.Deadline;

/**
 * Calls into the student's {@link Bank}, each on a thread of its own with a time limit (so a lock that is never
 * released fails the test instead of hanging it), with the stub's "TODO" turned into one clear line.
 */
final class Calls {

    /** Time limit for one call, or a few, into the student's class: far above what a correct call needs. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private Calls() {
    }

    /** {@code call()} on a thread of its own, within {@link #LIMIT}; {@code what} names it in messages. */
    static <T> T call(String what, Deadline.Call<T> call) throws Exception {
        // Whether the call came back at all: if not, the AssertionError is Deadline's timeout, in any language.
        AtomicBoolean finished = new AtomicBoolean();
        try {
            return Deadline.call(LIMIT, what, () -> {
                try {
                    return call.call();
                } finally {
                    finished.set(true);
                }
            });
        } catch (UnsupportedOperationException e) {
            throw notImplemented(e);
        } catch (AssertionError e) {
            if (e.getMessage() != null && (e.getMessage().startsWith(what + " did not finish within")
                    || !finished.get())) {
                throw new AssertionError(e.getMessage() + say(". Is a lock taken and never released (an unlock() that"
                        + " an exception skips: unlock in a finally block), or a loop that never ends?",
                        "。是不是有一把锁被拿走后再也没有释放（被异常跳过的 unlock()：请在 finally 块中 unlock），"
                        + "或者有一个永远不会结束的循环？"), null);
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
     * A first look before a model check: every method, on one thread. If the stub's "TODO" is still there, or a
     * call made by one thread alone hangs, the test says so in one line instead of handing the student an
     * interleaving table about a "TODO". Wrong results are left to the model check (see {@link #oneThreadProblem}).
     */
    static void requireImplemented() throws Exception {
        run(say("new Bank(2, 2, 2), then transfer, balance, accounts and total on one thread",
                "在一个线程上：new Bank(2, 2, 2)，然后调用 transfer、balance、accounts 和 total"), () -> {
            Bank bank = new Bank(2, 2, 2);
            bank.transfer(0, 1, 1);
            bank.transfer(2, 0, 2);
            try {
                bank.transfer(1, 2, 10);
            } catch (UnsupportedOperationException e) {
                throw e;
            } catch (RuntimeException refused) {
                // what it threw, and what it left behind, are checked elsewhere
            }
            bank.balance(0);
            bank.accounts();
            bank.total();
        });
    }

    /**
     * What one thread alone already gets wrong (the first {@link OneThread} check that fails), or {@code null} if
     * nothing: when a model check fails, this tells whether the interleaving matters at all.
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
        return new AssertionError(say("Bank is not implemented yet: ", "Bank 还没有实现：") + e.getMessage(), e);
    }

    /** Every balance of {@code bank}, in account order. */
    static long[] balances(Bank bank) {
        long[] b = new long[bank.accounts()];
        for (int i = 0; i < b.length; i++) {
            b[i] = bank.balance(i);
        }
        return b;
    }

    /** "[2, 0, 5]". */
    static String show(long[] balances) {
        return Arrays.toString(balances);
    }
}
