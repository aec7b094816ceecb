package threadlings.lock;

import java.util.concurrent.locks.ReentrantLock;

/** Mutant: every call creates its own new lock, so no two calls ever wait for each other. */
public final class Balance {

    private long balance;

    /** A balance that starts at 0. */
    public Balance() {
    }

    /** Adds {@code n}, then subtracts {@code n}, as one indivisible step: no thread sees the middle. */
    public void changeIt(long n) {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            balance = balance + n;
            balance = balance - n;
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code amount}. {@code amount <= 0}: {@link IllegalArgumentException}. */
    public void deposit(long amount) {
        requirePositive("deposit", amount);
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            balance = balance + amount;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subtracts {@code amount}. {@code amount <= 0}: {@link IllegalArgumentException}; more than the balance:
     * {@link IllegalStateException}, and the balance stays as it was.
     */
    public void withdraw(long amount) {
        requirePositive("withdraw", amount);
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            // The check and the subtraction under one lock: between them no other thread can take the money.
            if (amount > balance) {
                throw new IllegalStateException("cannot withdraw " + amount + ": the balance is only " + balance);
            }
            balance = balance - amount;
        } finally {
            // Runs on the way out of the exception above too.
            lock.unlock();
        }
    }

    /** The balance. */
    public long get() {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }

    private static void requirePositive(String what, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException(what + " amount must be positive, was " + amount);
        }
    }
}
