package threadlings.deadlock;

import static threadlings.grading.Lang.say;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a bank does when one thread calls it, case by case: the contract before any concurrency. Each test runs
 * one {@link OneThread} check with a time limit.
 */
class BankBasicsTest {

    @Test
    @DisplayName("a new bank holds the balances it was given")
    void newBankHoldsItsBalances() throws Exception {
        Calls.run(say("new Bank(...), then accounts(), balance(i) and total()",
                "new Bank(...)，然后调用 accounts()、balance(i) 和 total()"), OneThread::newBankHoldsItsBalances);
    }

    @Test
    @DisplayName("a transfer moves the amount from one account to the other, the whole balance included")
    void transferMoves() throws Exception {
        Calls.run(say("a few transfers on new Bank(10, 0, 5)", "在 new Bank(10, 0, 5) 上做几次转账"),
                OneThread::transferMoves);
    }

    @Test
    @DisplayName("a transfer of more than the account holds is refused with IllegalStateException and changes nothing")
    void overdraftRefused() throws Exception {
        Calls.run(say("transfers of more than the account holds, on new Bank(3, 1, 0)",
                "在 new Bank(3, 1, 0) 上转出超过账户余额的金额"), OneThread::overdraftRefused);
    }

    @Test
    @DisplayName("bad arguments are refused with IllegalArgumentException and change nothing")
    void badArgumentsRefused() throws Exception {
        Calls.run(say("transfers with bad arguments, on new Bank(5, 5, 5)", "在 new Bank(5, 5, 5) 上用错误的参数转账"),
                OneThread::badArgumentsRefused);
    }
}
