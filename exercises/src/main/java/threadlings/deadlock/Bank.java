package threadlings.deadlock;

/**
 * Accounts that many threads move money between at the same time: a lock per account, and never a deadlock. Your
 * task: make every method below work.
 *
 * <h2>A lock per account</h2>
 *
 * <p>One lock for the whole bank would be safe, but every transfer would wait for every other, even transfers
 * between four different accounts. So each account gets a lock of its own (a
 * {@link java.util.concurrent.locks.ReentrantLock} each): a balance is read or written only while holding its
 * account's lock. A transfer changes two balances, so it holds <em>both</em> locks, from the check of the funds to
 * the last write: no other thread may see, or change, either account halfway.
 *
 * <h2>Deadlock</h2>
 *
 * <p>The obvious way to take two locks is "lock {@code from}, then lock {@code to}". Now let one thread run
 * {@code transfer(0, 1, 5)} while another runs {@code transfer(1, 0, 5)}: the first takes lock 0, the second takes
 * lock 1, then the first waits for lock 1 (held by the second) and the second waits for lock 0 (held by the first).
 * Neither can ever go on, and neither will ever release what the other needs: a <em>deadlock</em>. Nothing
 * crashes; the threads just stop forever. It happens only when the two threads interleave exactly so, which is
 * why a quick test often misses it and a busy server finds it.
 *
 * <p>The cure is an order: give the locks one global order (by account number) and have every thread take the
 * locks it needs in that order, the lower account number first, whichever way the money moves. Then a thread that
 * holds lock 0 never waits for a thread that wants lock 0 while holding lock 1, because nobody takes lock 1 before
 * lock 0: no cycle of waiting threads can form. Release the locks in {@code finally} blocks, so that a refused
 * transfer releases them too.
 *
 * <h2>The operations</h2>
 *
 * <ul>
 *   <li>{@link #Bank(long...)}: one account per value, numbered from 0 in order; each value is {@code >= 0}.
 *       {@code new Bank(10, 0, 5)} has accounts 0, 1 and 2 holding 10, 0 and 5.</li>
 *   <li>{@link #transfer(int, int, long)}: moves {@code amount} from account {@code from} to account {@code to}.
 *       Check the arguments first, before any lock: an account that does not exist, {@code from == to}, or
 *       {@code amount <= 0}: throw {@link IllegalArgumentException}. If {@code from} holds less than
 *       {@code amount}, throw {@link IllegalStateException} and change nothing (moving exactly the whole balance
 *       is allowed). Check the funds while holding both locks: checked before, the money can be gone by the time
 *       you move it. Must never deadlock, whatever transfers other threads run at the same time.</li>
 *   <li>{@link #balance(int)}: the balance of one account, read under its lock.</li>
 *   <li>{@link #accounts()}: how many accounts there are.</li>
 *   <li>{@link #total()}: the sum of all balances at one instant. Money only moves between accounts, so the total
 *       never changes, and {@code total()} must never see a transfer half done (taken from one account, not yet
 *       added to the other, or the other way round). Locking each account just while you read it is not enough:
 *       a transfer can move money from an account you have not read yet into one you already have. Hold every
 *       lock at once, taken in the same global order, while you add up.</li>
 * </ul>
 *
 * <p>The graders explore every interleaving of a few transfers, balances and totals on two threads with the model
 * checker Lincheck: a deadlock, a lost update or a total that counts a transfer half done shows up every time, with
 * the interleaving that caused it. They also run random transfers on several real threads at once.
 */
public final class Bank {

    /** One account per value, numbered from 0 in order; each value must be {@code >= 0}. */
    public Bank(long... initialBalances) {
        throw new UnsupportedOperationException("TODO: copy the balances and create one lock per account");
    }

    /**
     * Moves {@code amount} from {@code from} to {@code to}. Unknown account, {@code from == to} or
     * {@code amount <= 0}: {@link IllegalArgumentException}; {@code from} holds less than {@code amount}:
     * {@link IllegalStateException}, and nothing changes. Never deadlocks.
     */
    public void transfer(int from, int to, long amount) {
        throw new UnsupportedOperationException(
                "TODO: check the arguments; lock both accounts, lower number first; check the funds; move; unlock");
    }

    /** The balance of {@code account}. */
    public long balance(int account) {
        throw new UnsupportedOperationException("TODO: read the balance under the account's lock");
    }

    /** How many accounts the bank has. */
    public int accounts() {
        throw new UnsupportedOperationException("TODO: return the number of accounts");
    }

    /** The sum of all balances at one instant: no transfer is ever counted half done. */
    public long total() {
        throw new UnsupportedOperationException("TODO: lock every account in order, add up, unlock them all");
    }
}
