package threadlings.lock;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import threadlings.grading.Deadline;

/**
 * The lesson's try/finally, checked directly: one thread's withdrawal is refused, then another thread must still
 * be able to take the lock. A lock released only on success stays held by the first thread forever, and the
 * second one waits forever; {@link Calls} turns that wait into a failure after a few seconds.
 */
class FailedWithdrawalTest {

    @Test
    @DisplayName("a failed withdrawal releases the lock")
    void failedWithdrawalReleasesTheLock() throws Exception {
        Balance balance = Calls.call("new Balance()", Balance::new);

        // Thread A: a withdrawal from an empty balance, which must be refused.
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        Calls.run("withdraw(5) on a new balance (on thread A)", () -> {
            try {
                balance.withdraw(5);
            } catch (IllegalStateException e) {
                refusal.set(e);
            }
        });
        if (refusal.get() == null) {
            throw new AssertionError("withdraw(5) on a new balance (0) returned normally: it must throw"
                    + " IllegalStateException, since 5 is more than the balance.");
        }

        // Thread B, after A has finished: if A still holds the lock, this waits forever.
        try {
            Deadline.run(Calls.LIMIT, "deposit(1) on thread B, after thread A's withdraw(5) was refused",
                    () -> balance.deposit(1));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ". Thread A's refused withdraw(5) left the lock held: the"
                    + " exception skipped the unlock(). Release the lock in a finally block, so it is released"
                    + " however the method ends: lock.lock(); try { ... } finally { lock.unlock(); }.", null);
        }
        long after = Calls.call("get() on thread B", balance::get);
        if (after != 1) {
            throw new AssertionError("After a refused withdraw(5) and then deposit(1) on a new balance, get() returned "
                    + after + ", expected 1: the refused withdrawal must change nothing.");
        }
    }
}
