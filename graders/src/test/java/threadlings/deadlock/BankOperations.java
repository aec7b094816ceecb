package threadlings.deadlock;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The student's {@link Bank} as Lincheck sees it: three accounts holding 2 each, and small amounts (1 to 3), so
 * that transfers are sometimes refused; random account numbers sometimes name the same account twice, which must be
 * refused too. Lincheck creates a fresh instance, so a fresh bank, for every interleaving it explores.
 */
@Param(name = "account", gen = IntGen.class, conf = "0:2")
@Param(name = "amount", gen = LongGen.class, conf = "1:3")
public class BankOperations {

    /** The balances every explored bank starts with. */
    static final long[] INITIAL = {2, 2, 2};

    private final Bank bank = new Bank(INITIAL.clone());

    @Operation
    public void transfer(@Param(name = "account") int from, @Param(name = "account") int to,
                         @Param(name = "amount") long amount) {
        bank.transfer(from, to, amount);
    }

    @Operation
    public long balance(@Param(name = "account") int account) {
        return bank.balance(account);
    }

    @Operation
    public long total() {
        return bank.total();
    }
}
