package threadlings.lock;

import static threadlings.grading.Lang.say;

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
        Calls.run(say("withdraw(5) on a new balance (on thread A)", "在线程 A 上对新建的 Balance 调用 withdraw(5)"), () -> {
            try {
                balance.withdraw(5);
            } catch (IllegalStateException e) {
                refusal.set(e);
            }
        });
        if (refusal.get() == null) {
            throw new AssertionError(say("withdraw(5) on a new balance (0) returned normally: it must throw"
                    + " IllegalStateException, since 5 is more than the balance.",
                    "对新建的 Balance（余额为 0）调用 withdraw(5) 正常返回了：它必须抛出 IllegalStateException，因为"
                    + " 5 超过了余额。"));
        }

        // Thread B, after A has finished: if A still holds the lock, this waits forever.
        try {
            Deadline.run(Calls.LIMIT, say("deposit(1) on thread B, after thread A's withdraw(5) was refused",
                    "线程 A 的 withdraw(5) 被拒绝之后，在线程 B 上调用 deposit(1)"), () -> balance.deposit(1));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + say(". Thread A's refused withdraw(5) left the lock held: the"
                    + " exception skipped the unlock(). Release the lock in a finally block, so it is released"
                    + " however the method ends: lock.lock(); try { ... } finally { lock.unlock(); }.",
                    "。线程 A 被拒绝的 withdraw(5) 没有释放锁：异常跳过了 unlock()。请在 finally 块中释放锁，这样无论"
                    + "方法以哪种方式结束，锁都会被释放：lock.lock(); try { ... } finally { lock.unlock(); }。"), null);
        }
        long after = Calls.call(say("get() on thread B", "在线程 B 上调用 get()"), balance::get);
        if (after != 1) {
            throw new AssertionError(say(
                    "After a refused withdraw(5) and then deposit(1) on a new balance, get() returned "
                    + after + ", expected 1: the refused withdrawal must change nothing.",
                    "在新建的 Balance 上，先有一次 withdraw(5) 被拒绝，再调用 deposit(1)，之后 get() 返回了 " + after
                    + "，应为 1：被拒绝的取款不能改变任何东西。"));
        }
    }
}
