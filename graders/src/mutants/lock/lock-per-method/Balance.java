package threadlings.lock;

import java.util.concurrent.locks.ReentrantLock;

/** Mutant: each method has a lock of its own, so deposit and withdraw (or changeIt and get) still run at once. */
public final class Balance {

    private final ReentrantLock changeItLock = new ReentrantLock();
    private final ReentrantLock depositLock = new ReentrantLock();
    private final ReentrantLock withdrawLock = new ReentrantLock();
    private final ReentrantLock getLock = new ReentrantLock();

    private long balance;

    /** A balance that starts at 0. */
    public Balance() {
    }

    /** Adds {@code n}, then subtracts {@code n}, as one indivisible step: no thread sees the middle. */
    public void changeIt(long n) {
        changeItLock.lock();
        try {
            balance = balance + n;
            balance = balance - n;
        } finally {
            changeItLock.unlock();
        }
    }

    /** Adds {@code amount}. {@code amount <= 0}: {@link IllegalArgumentException}. */
    public void deposit(long amount) {
        requirePositive("deposit", amount);
        depositLock.lock();
        try {
            balance = balance + amount;
        } finally {
            depositLock.unlock();
        }
    }

    /**
     * Subtracts {@code amount}. {@code amount <= 0}: {@link IllegalArgumentException}; more than the balance:
     * {@link IllegalStateException}, and the balance stays as it was.
     */
    public void withdraw(long amount) {
        requirePositive("withdraw", amount);
        withdrawLock.lock();
        try {
            // The check and the subtraction under one lock: between them no other thread can take the money.
            if (amount > balance) {
                throw new IllegalStateException("cannot withdraw " + amount + ": the balance is only " + balance);
            }
            balance = balance - amount;
        } finally {
            // Runs on the way out of the exception above too.
            withdrawLock.unlock();
        }
    }

    /** The balance. */
    public long get() {
        getLock.lock();
        try {
            return balance;
        } finally {
            getLock.unlock();
        }
    }

    private static void requirePositive(String what, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException(what + " amount must be positive, was " + amount);
        }
    }
}
