package threadlings.deadlock;

import java.util.concurrent.locks.ReentrantLock;

/** Mutant: total() locks each account only while reading it: a transfer can run between two reads. */
public final class Bank {

    /** balances[i] is guarded by locks[i]: read and written only while holding it. */
    private final long[] balances;
    private final ReentrantLock[] locks;

    /** One account per value, in order (account 0 first); each value must be {@code >= 0}. */
    public Bank(long... initialBalances) {
        balances = initialBalances.clone();
        locks = new ReentrantLock[balances.length];
        for (int i = 0; i < balances.length; i++) {
            if (balances[i] < 0) {
                throw new IllegalArgumentException("account " + i + " cannot start negative: " + balances[i]);
            }
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Moves {@code amount} from account {@code from} to account {@code to}. Unknown account, {@code from == to}
     * or {@code amount <= 0}: {@link IllegalArgumentException}; {@code from} holds less than {@code amount}:
     * {@link IllegalStateException}, and nothing changes.
     */
    public void transfer(int from, int to, long amount) {
        requireAccount("from", from);
        requireAccount("to", to);
        if (from == to) {
            throw new IllegalArgumentException("cannot transfer from account " + from + " to itself");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        // The global order: the lower account number first, whatever the direction of the transfer.
        ReentrantLock first = locks[Math.min(from, to)];
        ReentrantLock second = locks[Math.max(from, to)];
        first.lock();
        try {
            second.lock();
            try {
                // Checked under both locks: nobody can take the money between the check and the move.
                if (balances[from] < amount) {
                    throw new IllegalStateException("account " + from + " holds " + balances[from]
                            + ", less than " + amount);
                }
                balances[from] -= amount;
                balances[to] += amount;
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    /** The balance of {@code account}. Unknown account: {@link IllegalArgumentException}. */
    public long balance(int account) {
        requireAccount("account", account);
        locks[account].lock();
        try {
            return balances[account];
        } finally {
            locks[account].unlock();
        }
    }

    /** How many accounts the bank has. */
    public int accounts() {
        return balances.length;
    }

    /** The sum of all balances at one instant: every lock held, taken in the same order as transfers take them. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < balances.length; i++) {
            sum += balance(i);
        }
        return sum;
    }

    private void requireAccount(String what, int account) {
        if (account < 0 || account >= balances.length) {
            throw new IllegalArgumentException(what + " account " + account + " does not exist; accounts are 0 to "
                    + (balances.length - 1));
        }
    }
}
