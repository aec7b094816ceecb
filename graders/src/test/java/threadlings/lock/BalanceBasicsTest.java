package threadlings.lock;

import static threadlings.grading.Lang.say;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a balance does when one thread calls it, case by case: the contract before any concurrency. Each test runs
 * its calls on one thread of its own, with a time limit ({@link Calls}); the checks themselves are in
 * {@link OneThread}.
 */
class BalanceBasicsTest {

    @Test
    @DisplayName("a new balance is 0")
    void newBalanceIsZero() throws Exception {
        Calls.run("new Balance().get()", OneThread::newBalanceIsZero);
    }

    @Test
    @DisplayName("deposit adds, withdraw subtracts, changeIt leaves the balance as it was")
    void depositWithdrawChangeIt() throws Exception {
        Calls.run(say("deposit, withdraw and changeIt on a new balance",
                "在新建的 Balance 上调用 deposit、withdraw 和 changeIt"), OneThread::depositWithdrawChangeIt);
    }

    @Test
    @DisplayName("withdrawing exactly the balance is allowed and leaves 0")
    void withdrawWholeBalance() throws Exception {
        Calls.run(say("deposit(5), then withdraw(5)", "deposit(5)，然后 withdraw(5)"), OneThread::withdrawWholeBalance);
    }

    @Test
    @DisplayName("a refused withdrawal throws IllegalStateException and leaves the balance unchanged")
    void refusedWithdrawalChangesNothing() throws Exception {
        Calls.run(say("deposit(3), then withdrawals of more than 3", "deposit(3)，然后取出多于 3 的金额"),
                OneThread::refusedWithdrawalChangesNothing);
    }

    @Test
    @DisplayName("deposit and withdraw refuse an amount that is zero or negative, with IllegalArgumentException")
    void nonPositiveAmountsRefused() throws Exception {
        Calls.run(say("deposit(10), then deposits and withdrawals of 0 and less",
                "deposit(10)，然后存入和取出 0 或负数的金额"), OneThread::nonPositiveAmountsRefused);
    }
}
