package threadlings.lock;

/**
 * The lesson's shared balance with no lock at all: the same operations as {@link Balance}, and the bug
 * {@link Balance} exists to fix.
 *
 * <p>Given: you read it, you do not change it. Every method is correct when one thread calls it. When two threads
 * call it at once, updates get lost: {@code balance = balance + n} is two steps (read the balance and add, then
 * write the sum back), and another thread can run between them. The thread that writes last wins, and whatever
 * the other one wrote is gone.
 *
 * <p>The lesson's demonstration: two threads each call {@code changeIt} many times. Each call adds {@code n} and
 * subtracts it again, so the balance should end where it began, at 0. It does not; run the topic's graders to
 * see the exact interleaving that breaks it, found by a model checker rather than by luck.
 */
public final class UnsafeBalance {

    private long balance;

    /** A balance that starts at 0. */
    public UnsafeBalance() {
    }

    /** Adds {@code n}, then subtracts {@code n}: meant to leave the balance as it was. */
    public void changeIt(long n) {
        // Written the long way round, to show the two steps hidden in "balance = balance + n".
        long x = balance + n; // step 1: read the balance, compute the sum
        balance = x;          // step 2: write the sum back
        x = balance - n;
        balance = x;
    }

    /** Adds {@code amount}; {@code amount <= 0}: {@link IllegalArgumentException}. */
    public void deposit(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("deposit amount must be positive, was " + amount);
        }
        balance = balance + amount;
    }

    /**
     * Subtracts {@code amount}; {@code amount <= 0}: {@link IllegalArgumentException}; more than the balance:
     * {@link IllegalStateException}, balance unchanged.
     */
    public void withdraw(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("withdraw amount must be positive, was " + amount);
        }
        if (amount > balance) {
            throw new IllegalStateException("cannot withdraw " + amount + ": the balance is only " + balance);
        }
        balance = balance - amount;
    }

    /** The balance. */
    public long get() {
        return balance;
    }
}
