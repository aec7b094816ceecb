package threadlings.deadlock;

import static threadlings.grading.Lang.say;

import java.util.Arrays;

/**
 * The contract for one thread, case by case: each check creates a bank, calls it, and throws an
 * {@link AssertionError} that names the mistake. {@link BankBasicsTest} runs them one per test; a failed model
 * check runs them all first ({@link Calls#oneThreadProblem()}), since no interleaving can be right when a single
 * thread already gets a wrong answer.
 */
final class OneThread {

    private OneThread() {
    }

    static void newBankHoldsItsBalances() {
        expectBalances("new Bank(10, 0, 5)", new Bank(10, 0, 5), 10, 0, 5);
        expectBalances("new Bank(7)", new Bank(7), 7);
        expectBalances("new Bank()", new Bank());
    }

    static void transferMoves() {
        Bank bank = new Bank(10, 0, 5);
        String done = "new Bank(10, 0, 5)";
        done = expectAfter(bank, done, 0, 1, 4, 6, 4, 5);
        done = expectAfter(bank, done, 2, 0, 5, 11, 4, 0); // the whole balance may go
        expectAfter(bank, done, 1, 2, 1, 11, 3, 1);
    }

    static void overdraftRefused() {
        Bank bank = new Bank(3, 1, 0);
        long[] before = {3, 1, 0};
        for (long[] t : new long[][] {{0, 1, 4}, {2, 0, 1}, {1, 0, 2}, {1, 2, Long.MAX_VALUE}}) {
            String call = "transfer(" + t[0] + ", " + t[1] + ", " + t[2] + ")";
            Throwable thrown = thrown(() -> bank.transfer((int) t[0], (int) t[1], t[2]));
            if (!(thrown instanceof IllegalStateException)) {
                throw new AssertionError(say(call + " on accounts holding " + Calls.show(before) + " "
                        + describe(thrown) + ": account " + t[0] + " holds less than " + t[2] + ", so the transfer must"
                        + " be refused with IllegalStateException.",
                        "在各账户余额为 " + Calls.show(before) + " 时调用 " + call + "，" + describeZh(thrown) + "：账户 "
                        + t[0] + " 的余额少于 " + t[2] + "，所以这次转账必须用 IllegalStateException 拒绝。"), thrown);
            }
            expectUnchanged(bank, call, before, say(" Check the funds before you take any money out, not after.",
                    "请在取出任何钱之前检查余额，而不是之后。"));
        }
    }

    static void badArgumentsRefused() {
        Bank bank = new Bank(5, 5, 5);
        long[] before = {5, 5, 5};
        // Amounts first: a negative amount would quietly move money the wrong way.
        for (long amount : new long[] {0, -1, -5, Long.MIN_VALUE}) {
            refuse(bank, before, 0, 1, amount, say("an amount that is zero or negative must be refused with"
                    + " IllegalArgumentException (a negative one would move money backwards, into account 0)",
                    "为零或负数的金额必须用 IllegalArgumentException 拒绝（负数金额会让钱反向流动，流进账户 0）"));
        }
        for (int[] accounts : new int[][] {{-1, 0}, {0, -1}, {3, 0}, {0, 3}, {Integer.MAX_VALUE, 1},
                {1, Integer.MIN_VALUE}}) {
            int bad = accounts[0] < 0 || accounts[0] > 2 ? accounts[0] : accounts[1];
            refuse(bank, before, accounts[0], accounts[1], 1, say("account " + bad + " does not exist (the accounts are"
                    + " 0 to 2), so the transfer must be refused with IllegalArgumentException, checked before"
                    + " anything else (an ArrayIndexOutOfBoundsException is not a refusal)",
                    "账户 " + bad + " 不存在（账户是 0 到 2），所以这次转账必须用 IllegalArgumentException 拒绝，而且要"
                    + "在做其他任何事之前检查（抛出 ArrayIndexOutOfBoundsException 不算拒绝）"));
        }
        for (int account : new int[] {0, 1, 2}) {
            refuse(bank, before, account, account, 1, say("a transfer from an account to itself must be refused with"
                    + " IllegalArgumentException (check from != to)",
                    "从一个账户转给它自己必须用 IllegalArgumentException 拒绝（检查 from != to）"));
        }
    }

    /** Every check above, in order. */
    static void all() {
        newBankHoldsItsBalances();
        transferMoves();
        overdraftRefused();
        badArgumentsRefused();
    }

    private static void refuse(Bank bank, long[] before, int from, int to, long amount, String rule) {
        String call = "transfer(" + from + ", " + to + ", " + amount + ")";
        Throwable thrown = thrown(() -> bank.transfer(from, to, amount));
        if (!(thrown instanceof IllegalArgumentException)) {
            throw new AssertionError(say(call + " on accounts holding " + Calls.show(before) + " " + describe(thrown)
                    + ": " + rule + ".",
                    "在各账户余额为 " + Calls.show(before) + " 时调用 " + call + "，" + describeZh(thrown) + "：" + rule
                    + "。"), thrown);
        }
        expectUnchanged(bank, call, before, "");
    }

    private static void expectUnchanged(Bank bank, String call, long[] before, String advice) {
        long[] after = Calls.balances(bank);
        if (!Arrays.equals(after, before)) {
            throw new AssertionError(say("After the refused " + call + " on accounts holding " + Calls.show(before)
                    + ", they hold " + Calls.show(after) + ": a refused transfer must change nothing." + advice,
                    "在各账户余额为 " + Calls.show(before) + " 时调用 " + call + " 被拒绝之后，余额变成了 "
                    + Calls.show(after) + "：被拒绝的转账不能改变任何东西。" + advice));
        }
    }

    private static String expectAfter(Bank bank, String done, int from, int to, long amount, long... expected) {
        String call = "transfer(" + from + ", " + to + ", " + amount + ")";
        bank.transfer(from, to, amount);
        String now = done + ", " + call;
        expectBalances(now, bank, expected);
        return now;
    }

    private static void expectBalances(String done, Bank bank, long... expected) {
        int accounts = bank.accounts();
        if (accounts != expected.length) {
            throw new AssertionError(say("After " + done + ", accounts() returned " + accounts + ", expected "
                    + expected.length + ": one account per value given to the constructor.",
                    "执行 " + done + " 之后，accounts() 返回了 " + accounts + "，应为 " + expected.length
                    + "：传给构造函数的每个值对应一个账户。"));
        }
        long[] actual = Calls.balances(bank);
        if (!Arrays.equals(actual, expected)) {
            throw new AssertionError(say("After " + done + ", balance(0.." + (accounts - 1) + ") returned "
                    + Calls.show(actual) + ", expected " + Calls.show(expected) + ".",
                    "执行 " + done + " 之后，balance(0.." + (accounts - 1) + ") 返回了 " + Calls.show(actual) + "，应为 "
                    + Calls.show(expected) + "。"));
        }
        long total = bank.total();
        long sum = Arrays.stream(expected).sum();
        if (total != sum) {
            throw new AssertionError(say("After " + done + ", total() returned " + total + ", expected " + sum
                    + ", the sum of the balances " + Calls.show(expected) + ".",
                    "执行 " + done + " 之后，total() 返回了 " + total + "，应为 " + sum + "，即各余额 "
                    + Calls.show(expected) + " 之和。"));
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
