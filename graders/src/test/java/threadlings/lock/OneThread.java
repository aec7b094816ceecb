package threadlings.lock;

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
            throw new AssertionError("new Balance().get() returned " + value + ", expected 0: a balance starts at 0.");
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
            throw new AssertionError("withdraw(5) on a balance of 5 threw IllegalStateException (" + e.getMessage()
                    + "): withdrawing exactly the balance is allowed; only more than the balance is refused"
                    + " (compare with >, not >=).", e);
        }
    }

    static void refusedWithdrawalChangesNothing() {
        Balance balance = new Balance();
        expect(balance, "deposit(3)", () -> balance.deposit(3), 3);
        for (long amount : new long[] {4, 1_000_000, Long.MAX_VALUE}) {
            Throwable thrown = thrown(() -> balance.withdraw(amount));
            if (!(thrown instanceof IllegalStateException)) {
                throw new AssertionError("withdraw(" + amount + ") on a balance of 3 " + describe(thrown)
                        + ": more than the balance must be refused with IllegalStateException.", thrown);
            }
            long after = balance.get();
            if (after != 3) {
                throw new AssertionError("After a refused withdraw(" + amount + ") on a balance of 3, get() returned "
                        + after + ": a refused withdrawal must leave the balance unchanged. Check the funds before"
                        + " you subtract, not after.");
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
                    throw new AssertionError(call + " on a balance of 10 " + describe(thrown) + ": an amount that is"
                            + " zero or negative must be refused with IllegalArgumentException (check amount <= 0"
                            + " first, before anything else).", thrown);
                }
                long after = balance.get();
                if (after != 10) {
                    throw new AssertionError("After the refused " + call + " on a balance of 10, get() returned "
                            + after + ": a refused call must change nothing.");
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
            throw new AssertionError("After " + what + ", get() returned " + actual + ", expected " + expected + ".");
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
}
