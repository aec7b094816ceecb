package threadlings.lock;

/**
 * Mutant: volatile instead of a lock; every read sees the latest write, but "balance = balance + n" is still two
 * steps.
 */
public final class Balance {

    private volatile long balance;

    public Balance() {
    }

    public void changeIt(long n) {
        balance = balance + n;
        balance = balance - n;
    }

    public void deposit(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("deposit amount must be positive, was " + amount);
        }
        balance = balance + amount;
    }

    public void withdraw(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("withdraw amount must be positive, was " + amount);
        }
        if (amount > balance) {
            throw new IllegalStateException("cannot withdraw " + amount + ": the balance is only " + balance);
        }
        balance = balance - amount;
    }

    public long get() {
        return balance;
    }
}
