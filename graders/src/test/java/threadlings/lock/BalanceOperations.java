package threadlings.lock;

import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The student's {@link Balance} as Lincheck sees it: each method is one operation the model checker may run on
 * any thread, with small amounts (1 to 3) so that withdrawals are often refused. Lincheck creates a fresh
 * instance, so a fresh balance, for every interleaving it explores.
 */
@Param(name = "amount", gen = LongGen.class, conf = "1:3")
public class BalanceOperations {

    private final Balance balance = new Balance();

    @Operation
    public void changeIt(@Param(name = "amount") long n) {
        balance.changeIt(n);
    }

    @Operation
    public void deposit(@Param(name = "amount") long amount) {
        balance.deposit(amount);
    }

    @Operation
    public void withdraw(@Param(name = "amount") long amount) {
        balance.withdraw(amount);
    }

    @Operation
    public long get() {
        return balance.get();
    }
}
