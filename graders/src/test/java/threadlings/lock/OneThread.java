package threadlings.lock;

import static threadlings.grading.Lang.say;

/**
 * The contract for one thread, case by case: each check creates a balance, calls it, and throws an
 * {@link AssertionError} that names the mistake. {@link BalanceBasicsTest} runs them one per test; the model checks
 * run them all first ({@link Calls#requireOneThreadCorrect()}), since no interleaving can be right when a single
 * thread already gets a wrong answer.
 */
final class OneThread {

    private OneThread() {
    }

    static void newBalanceIsZero() {
        long value = new Balance().get();
        if (value != 0) {
            throw new AssertionError(say(
                    "new Balance().get() returned " + value + ", expected 0: a balance starts at 0.",
                    "new Balance().get() 返回了 " + value + "，应为 0：余额从 0 开始。"));
        }
    }

    static void depositWithdrawChangeIt() {
        Balance balance = new Balance();
        expect(balance, "deposit(7)", () -> balance.deposit(7), 7);
        expect(balance, "deposit(5)", () -> balance.deposit(5), 12);
        expect(balance, "withdraw(4)", () -> balance.withdraw(4), 8);
        expect(balance, "changeIt(3)", () -> balance.changeIt(3), 8);
        expect(balance, "changeIt(-2)", () -> balance.changeIt(-2), 8);
        expect(balance, "changeIt(0)", () -> balance.changeIt(0), 8);
    }

    static void withdrawWholeBalance() {
        Balance balance = new Balance();
        expect(balance, "deposit(5)", () -> balance.deposit(5), 5);
        try {
            expect(balance, "withdraw(5)", () -> balance.withdraw(5), 0);
        } catch (IllegalStateException e) {
            throw new AssertionError(say("withdraw(5) on a balance of 5 threw IllegalStateException (" + e.getMessage()
                    + "): withdrawing exactly the balance is allowed; only more than the balance is refused"
                    + " (compare with >, not >=).",
                    "对余额为 5 的 Balance 调用 withdraw(5)，抛出了 IllegalStateException（" + e.getMessage() + "）："
                    + "取出恰好等于余额的金额是允许的，只有超过余额才要拒绝（用 > 比较，而不是 >=）。"), e);
        }
    }

    static void refusedWithdrawalChangesNothing() {
        Balance balance = new Balance();
        expect(balance, "deposit(3)", () -> balance.deposit(3), 3);
        for (long amount : new long[] {4, 1_000_000, Long.MAX_VALUE}) {
            Throwable thrown = thrown(() -> balance.withdraw(amount));
            if (!(thrown instanceof IllegalStateException)) {
                throw new AssertionError(say("withdraw(" + amount + ") on a balance of 3 " + describe(thrown)
                        + ": more than the balance must be refused with IllegalStateException.",
                        "对余额为 3 的 Balance 调用 withdraw(" + amount + ")，" + describeZh(thrown)
                        + "：超过余额的取款必须用 IllegalStateException 拒绝。"), thrown);
            }
            long after = balance.get();
            if (after != 3) {
                throw new AssertionError(say(
                        "After a refused withdraw(" + amount + ") on a balance of 3, get() returned "
                        + after + ": a refused withdrawal must leave the balance unchanged. Check the funds before"
                        + " you subtract, not after.",
                        "对余额为 3 的 Balance 调用 withdraw(" + amount + ") 被拒绝之后，get() 返回了 " + after
                        + "：被拒绝的取款必须让余额保持不变。请在扣款之前检查余额，而不是之后。"));
            }
        }
    }

    static void nonPositiveAmountsRefused() {
        Balance balance = new Balance();
        expect(balance, "deposit(10)", () -> balance.deposit(10), 10);
        for (long amount : new long[] {0, -1, -10, Long.MIN_VALUE}) {
            for (String method : new String[] {"deposit", "withdraw"}) {
                String call = method + "(" + amount + ")";
                Throwable thrown = thrown(() -> {
                    if (method.equals("deposit")) {
                        balance.deposit(amount);
                    } else {
                        balance.withdraw(amount);
                    }
                });
                if (!(thrown instanceof IllegalArgumentException)) {
                    throw new AssertionError(say(call + " on a balance of 10 " + describe(thrown)
                            + ": an amount that is"
                            + " zero or negative must be refused with IllegalArgumentException (check amount <= 0"
                            + " first, before anything else).",
                            "对余额为 10 的 Balance 调用 " + call + "，" + describeZh(thrown) + "：为零或负数的金额必须用"
                            + " IllegalArgumentException 拒绝（先检查 amount <= 0，再做别的事）。"), thrown);
                }
                long after = balance.get();
                if (after != 10) {
                    throw new AssertionError(say("After the refused " + call + " on a balance of 10, get() returned "
                            + after + ": a refused call must change nothing.",
                            "对余额为 10 的 Balance 调用 " + call + " 被拒绝之后，get() 返回了 " + after
                            + "：被拒绝的调用不能改变任何东西。"));
                }
            }
        }
    }

    /** Every check above, in order. */
    static void all() {
        newBalanceIsZero();
        depositWithdrawChangeIt();
        withdrawWholeBalance();
        refusedWithdrawalChangesNothing();
        nonPositiveAmountsRefused();
    }

    /** Runs {@code call}, then fails unless get() returns {@code expected}. */
    private static void expect(Balance balance, String what, Runnable call, long expected) {
        call.run();
        long actual = balance.get();
        if (actual != expected) {
            throw new AssertionError(say(
                    "After " + what + ", get() returned " + actual + ", expected " + expected + ".",
                    "执行 " + what + " 之后，get() 返回了 " + actual + "，应为 " + expected + "。"));
        }
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

    private static String describeZh(Throwable thrown) {
        return thrown == null ? "正常返回了" : "抛出了 " + thrown;
    }
}
