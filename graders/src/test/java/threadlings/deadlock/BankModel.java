package threadlings.deadlock;

/**
 * What a bank must do, one call at a time: the sequential specification Lincheck compares every interleaving with,
 * and the model the jqwik properties run beside the student's class. Same method names and parameters as
 * {@link BankOperations}; throws the exceptions the contract names, in the same cases.
 */
public class BankModel {

    private final long[] balances;

    /** The bank Lincheck's operations start from: {@link BankOperations#INITIAL}. */
    public BankModel() {
        this(BankOperations.INITIAL);
    }

    BankModel(long... initial) {
        balances = initial.clone();
    }

    public void transfer(int from, int to, long amount) {
        if (from < 0 || from >= balances.length || to < 0 || to >= balances.length) {
            throw new IllegalArgumentException("no such account");
        }
        if (from == to) {
            throw new IllegalArgumentException("same account");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (balances[from] < amount) {
            throw new IllegalStateException("not enough money");
        }
        balances[from] -= amount;
        balances[to] += amount;
    }

    public long balance(int account) {
        return balances[account];
    }

    public long total() {
        long sum = 0;
        for (long b : balances) {
            sum += b;
        }
        return sum;
    }

    int accounts() {
        return balances.length;
    }
}
