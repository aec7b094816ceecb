package threadlings.lock;

import static threadlings.grading.Lang.say;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Sequences of operations, one call at a time, against {@link BalanceModel}: the behaviour every interleaving in
 * the model checks is compared with. Small amounts, so that withdrawals are often refused.
 */
class BalancePropertiesTest {

    /** One call: {@code changeIt}, {@code deposit}, {@code withdraw} or {@code get}, with its argument. */
    record Op(String name, long amount) {
        Object applyTo(Balance b) {
            switch (name) {
                case "changeIt": b.changeIt(amount); return "void";
                case "deposit": b.deposit(amount); return "void";
                case "withdraw": b.withdraw(amount); return "void";
                default: return b.get();
            }
        }

        Object applyTo(BalanceModel m) {
            switch (name) {
                case "changeIt": m.changeIt(amount); return "void";
                case "deposit": m.deposit(amount); return "void";
                case "withdraw": m.withdraw(amount); return "void";
                default: return m.get();
            }
        }

        @Override
        public String toString() {
            return name.equals("get") ? "get()" : name + "(" + amount + ")";
        }
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Long> small = Arbitraries.longs().between(1, 6);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.just("changeIt"), Arbitraries.longs().between(-6, 6)).as(Op::new),
                Combinators.combine(Arbitraries.just("deposit"), small).as(Op::new),
                Combinators.combine(Arbitraries.just("withdraw"), small).as(Op::new),
                Arbitraries.just(new Op("get", 0)));
    }

    @Property(tries = 200)
    @Label("any sequence of calls, one at a time, does what the contract says")
    void sequencesMatchTheModel(@ForAll @Size(min = 1, max = 30) List<@From("ops") Op> ops)
            throws Exception {
        Calls.run(say("the sequence " + ops + " on one thread", "在一个线程上执行调用序列 " + ops), () -> {
            Balance balance = new Balance();
            BalanceModel model = new BalanceModel();
            List<Op> done = new ArrayList<>();
            for (Op op : ops) {
                String expected = outcome(() -> op.applyTo(model));
                String actual = outcome(() -> op.applyTo(balance));
                if (!expected.equals(actual)) {
                    throw new AssertionError(say("After " + (done.isEmpty() ? "nothing" : done.toString())
                            + " on a new balance, " + op + " " + actual + "; expected: " + expected + ".",
                            (done.isEmpty() ? "在新建的 Balance 上，" : "在新建的 Balance 上执行 " + done + " 之后，")
                            + op + " 的结果是：" + zh(actual) + "；应为：" + zh(expected) + "。"));
                }
                done.add(op);
            }
        });
    }

    @Property(tries = 50)
    @Label("any amount that is zero or negative is refused with IllegalArgumentException, and changes nothing")
    void nonPositiveAmountsRefused(@ForAll @LongRange(min = 1, max = 1000) long start,
                                   @ForAll @LongRange(min = Long.MIN_VALUE, max = 0) long amount) throws Exception {
        Calls.run(say("deposit(" + start + "), then deposit(" + amount + ") and withdraw(" + amount + ")",
                "deposit(" + start + ")，然后 deposit(" + amount + ") 和 withdraw(" + amount + ")"), () -> {
            Balance balance = new Balance();
            balance.deposit(start);
            for (Op op : List.of(new Op("deposit", amount), new Op("withdraw", amount))) {
                String actual = outcome(() -> op.applyTo(balance));
                if (!actual.equals("threw IllegalArgumentException")) {
                    throw new AssertionError(say(op + " on a balance of " + start + " " + actual + "; expected: threw"
                            + " IllegalArgumentException, since the amount is not positive.",
                            "对余额为 " + start + " 的 Balance 调用 " + op + " 的结果是：" + zh(actual) + "；应为：抛出"
                            + " IllegalArgumentException，因为金额不是正数。"));
                }
                long after = balance.get();
                if (after != start) {
                    throw new AssertionError(say("After the refused " + op + " on a balance of " + start
                            + ", get() returned " + after + ": a refused call must change nothing.",
                            "对余额为 " + start + " 的 Balance 调用 " + op + " 被拒绝之后，get() 返回了 " + after
                            + "：被拒绝的调用不能改变任何东西。"));
                }
            }
        });
    }

    @Property(tries = 50)
    @Label("withdrawing more than the balance is refused with IllegalStateException, and changes nothing")
    void overdraftRefused(@ForAll @LongRange(min = 0, max = 1_000_000) long start,
                          @ForAll @LongRange(min = 1, max = 1_000_000) long extra) throws Exception {
        long amount = start + extra;
        Calls.run(say("withdraw(" + amount + ") on a balance of " + start,
                "对余额为 " + start + " 的 Balance 调用 withdraw(" + amount + ")"), () -> {
            Balance balance = new Balance();
            if (start > 0) {
                balance.deposit(start);
            }
            String actual = outcome(() -> new Op("withdraw", amount).applyTo(balance));
            if (!actual.equals("threw IllegalStateException")) {
                throw new AssertionError(say("withdraw(" + amount + ") on a balance of " + start + " " + actual
                        + "; expected: threw IllegalStateException, since it is more than the balance.",
                        "对余额为 " + start + " 的 Balance 调用 withdraw(" + amount + ") 的结果是：" + zh(actual)
                        + "；应为：抛出 IllegalStateException，因为金额超过了余额。"));
            }
            long after = balance.get();
            if (after != start) {
                throw new AssertionError(say("After the refused withdraw(" + amount + ") on a balance of " + start
                        + ", get() returned " + after + ": a refused withdrawal must leave the balance unchanged."
                        + " Check the funds before you subtract, not after.",
                        "对余额为 " + start + " 的 Balance 调用 withdraw(" + amount + ") 被拒绝之后，get() 返回了 " + after
                        + "：被拒绝的取款必须让余额保持不变。请在扣款之前检查余额，而不是之后。"));
            }
        });
    }

    /** An {@link #outcome} as the Chinese text says it: "返回 5", "正常返回" or "抛出 IllegalStateException". */
    private static String zh(String outcome) {
        if (outcome.equals("returned normally")) {
            return "正常返回";
        }
        if (outcome.startsWith("returned ")) {
            return "返回 " + outcome.substring("returned ".length());
        }
        if (outcome.startsWith("threw ")) {
            return "抛出 " + outcome.substring("threw ".length());
        }
        return outcome;
    }

    /** "returned 5", "returned void" or "threw IllegalStateException": what a call did, to compare. */
    private static String outcome(Callable<Object> call) {
        try {
            Object result = call.call();
            return "void".equals(result) ? "returned normally" : "returned " + result;
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (Exception e) {
            return "threw " + e.getClass().getSimpleName();
        }
    }
}
