package threadlings.lock;

import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/** The given {@link UnsafeBalance} as Lincheck sees it: the same operations as {@link BalanceOperations}. */
@Param(name = "amount", gen = LongGen.class, conf = "1:3")
public class UnsafeBalanceOperations {

    private final UnsafeBalance balance = new UnsafeBalance();

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
