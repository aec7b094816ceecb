package threadlings.lock;

/**
 * What a balance must do, one call at a time: the sequential specification that Lincheck compares every
 * interleaving with, and the model the jqwik properties run beside the student's class. Its methods have the same
 * names and parameters as {@link BalanceOperations}, and throw the same exceptions the contract names.
 */
public class BalanceModel {

    private long balance;

    public void changeIt(long n) {
        // Adds n and takes it away again: no visible change.
    }

    public void deposit(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        balance += amount;
    }

    public void withdraw(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (amount > balance) {
            throw new IllegalStateException("not enough money");
        }
        balance -= amount;
    }

    public long get() {
        return balance;
    }
}
