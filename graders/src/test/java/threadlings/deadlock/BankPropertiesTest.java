package threadlings.deadlock;

import static threadlings.grading.Lang.say;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import threadlings.grading.Deadline;

/**
 * Generated inputs: sequences of calls on one thread against {@link BankModel}, bad arguments of every kind, and
 * random transfer programs run by several real threads at once, with the total and the balances checked during
 * and after.
 */
class BankPropertiesTest {

    /** One call on one thread: a transfer (any arguments, good or bad), a balance or a total. */
    record Op(String name, int from, int to, long amount) {
        Object applyTo(Bank b) {
            switch (name) {
                case "transfer": b.transfer(from, to, amount); return "void";
                case "balance": return b.balance(from);
                default: return b.total();
            }
        }

        Object applyTo(BankModel m) {
            switch (name) {
                case "transfer": m.transfer(from, to, amount); return "void";
                case "balance": return m.balance(from);
                default: return m.total();
            }
        }

        @Override
        public String toString() {
            switch (name) {
                case "transfer": return "transfer(" + from + ", " + to + ", " + amount + ")";
                case "balance": return "balance(" + from + ")";
                default: return "total()";
            }
        }
    }

    /** Mostly valid calls on three accounts, with small amounts (often more than the account holds). */
    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Integer> account = Arbitraries.integers().between(0, 2);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(account, account, Arbitraries.longs().between(1, 8))
                        .as((f, t, a) -> new Op("transfer", f, t, a))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(-2, 4),
                        Arbitraries.integers().between(-2, 4), Arbitraries.longs().between(-3, 3))
                        .as((f, t, a) -> new Op("transfer", f, t, a))),
                net.jqwik.api.Tuple.of(2, account.map(a -> new Op("balance", a, 0, 0))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Op("total", 0, 0, 0))));
    }

    @Property(tries = 100)
    @Label("any sequence of calls on one thread does what the contract says")
    void sequencesMatchTheModel(@ForAll @Size(3) List<@LongRange(min = 0, max = 10) Long> initial,
                                @ForAll @Size(min = 1, max = 30) List<@From("ops") Op> ops) throws Exception {
        long[] start = initial.stream().mapToLong(Long::longValue).toArray();
        String bank = "new Bank(" + Arrays.toString(start).replaceAll("[\\[\\]]", "") + ")";
        Calls.run(say("the sequence " + ops + " on " + bank, "在 " + bank + " 上执行调用序列 " + ops), () -> {
            Bank b = new Bank(start.clone());
            BankModel m = new BankModel(start);
            List<Op> done = new ArrayList<>();
            for (Op op : ops) {
                String expected = outcome(() -> op.applyTo(m));
                String actual = outcome(() -> op.applyTo(b));
                if (!expected.equals(actual)) {
                    throw new AssertionError(say("After " + (done.isEmpty() ? "nothing" : done.toString()) + " on "
                            + bank + ", " + op + " " + actual + "; expected: " + expected + ".",
                            (done.isEmpty() ? "在 " + bank + " 上，" : "在 " + bank + " 上执行 " + done + " 之后，") + op
                            + " 的结果是：" + zh(actual) + "；应为：" + zh(expected) + "。"));
                }
                done.add(op);
            }
        });
    }

    /** A bad transfer on three accounts: an unknown account, the same account twice, or an amount <= 0. */
    @Provide
    Arbitrary<Op> badTransfers() {
        Arbitrary<Integer> account = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> unknown = Arbitraries.oneOf(Arbitraries.integers().between(Integer.MIN_VALUE, -1),
                Arbitraries.integers().between(3, Integer.MAX_VALUE));
        Arbitrary<Long> fine = Arbitraries.longs().between(1, 3);
        return Arbitraries.oneOf(
                Combinators.combine(unknown, account, fine).as((f, t, a) -> new Op("transfer", f, t, a)),
                Combinators.combine(account, unknown, fine).as((f, t, a) -> new Op("transfer", f, t, a)),
                Combinators.combine(account, fine).as((a, amount) -> new Op("transfer", a, a, amount)),
                Combinators.combine(account, account, Arbitraries.longs().between(Long.MIN_VALUE, 0))
                        .filter((f, t, a) -> !f.equals(t)).as((f, t, a) -> new Op("transfer", f, t, a)));
    }

    @Property(tries = 100)
    @Label("any bad argument is refused with IllegalArgumentException and leaves every balance as it was")
    void badArgumentsChangeNothing(@ForAll("badTransfers") Op op) throws Exception {
        // Each account holds at least 3, so no amount used with good accounts is more than it holds: only the bad
        // argument can be the reason to refuse.
        long[] start = {3, 4, 5};
        Calls.run(say(op + " on new Bank(3, 4, 5)", "在 new Bank(3, 4, 5) 上调用 " + op), () -> {
            Bank bank = new Bank(start.clone());
            String actual = outcome(() -> op.applyTo(bank));
            if (!actual.equals("threw IllegalArgumentException")) {
                throw new AssertionError(say(op + " on new Bank(3, 4, 5) " + actual + "; expected: threw"
                        + " IllegalArgumentException, since " + why(op) + ". Check the arguments first, before"
                        + " taking any lock or touching any balance.",
                        "在 new Bank(3, 4, 5) 上调用 " + op + " 的结果是：" + zh(actual) + "；应为：抛出"
                        + " IllegalArgumentException，因为" + whyZh(op) + "。请先检查参数，再去获取锁或动任何余额。"));
            }
            long[] after = Calls.balances(bank);
            if (!Arrays.equals(after, start)) {
                throw new AssertionError(say("After the refused " + op + " on new Bank(3, 4, 5), the balances are "
                        + Calls.show(after) + ": a refused transfer must change nothing.",
                        "在 new Bank(3, 4, 5) 上调用 " + op + " 被拒绝之后，余额变成了 " + Calls.show(after)
                        + "：被拒绝的转账不能改变任何东西。"));
            }
        });
    }

    private static String why(Op op) {
        if (op.from() < 0 || op.from() > 2 || op.to() < 0 || op.to() > 2) {
            return "there is no account " + (op.from() < 0 || op.from() > 2 ? op.from() : op.to())
                    + " (the accounts are 0 to 2)";
        }
        if (op.from() == op.to()) {
            return "a transfer from an account to itself is refused";
        }
        return "the amount is not positive";
    }

    /** {@link #why} as the Chinese text says it, after "因为". */
    private static String whyZh(Op op) {
        if (op.from() < 0 || op.from() > 2 || op.to() < 0 || op.to() > 2) {
            return "不存在账户 " + (op.from() < 0 || op.from() > 2 ? op.from() : op.to()) + "（账户是 0 到 2）";
        }
        if (op.from() == op.to()) {
            return "从一个账户转给它自己是要拒绝的";
        }
        return "金额不是正数";
    }

    /** One transfer of a real thread's program: accounts are taken modulo the bank's size, never the same. */
    record Move(int from, int to, long amount) {
        @Override
        public String toString() {
            return from + "->" + to + ":" + amount;
        }
    }

    /** Time for one try of the real-thread property: a few hundred transfers take milliseconds. */
    static final Duration REAL_THREADS_LIMIT = Duration.ofSeconds(5);

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    @Label("transfers on several real threads at once keep the total and never overdraw an account")
    void realThreadsKeepTheTotal(@ForAll @Size(min = 2, max = 5) List<@LongRange(min = 0, max = 20) Long> initial,
                                 @ForAll @IntRange(min = 2, max = 4) int threads,
                                 @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) throws Exception {
        long[] start = initial.stream().mapToLong(Long::longValue).toArray();
        long expectedTotal = Arrays.stream(start).sum();
        List<List<Move>> programs = programs(start.length, threads, new java.util.Random(seed));
        String bank = "new Bank(" + Arrays.toString(start).replaceAll("[\\[\\]]", "") + ")";
        String what = say(threads + " threads each running 200 random transfers on " + bank + " (seed " + seed + ")",
                threads + " 个线程在 " + bank + " 上各执行 200 次随机转账（种子 " + seed + "）");
        Bank b = Calls.call("new Bank(...)", () -> new Bank(start.clone()));
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Move> program = programs.get(t);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    for (Move m : program) {
                        try {
                            b.transfer(m.from(), m.to(), m.amount());
                        } catch (IllegalStateException refused) {
                            // Not enough money at that moment: fine.
                        } catch (RuntimeException e) {
                            problems.add(say("transfer(" + m.from() + ", " + m.to() + ", " + m.amount() + ") threw " + e
                                    + ", although its arguments are good",
                                    "transfer(" + m.from() + ", " + m.to() + ", " + m.amount() + ") 抛出了 " + e
                                    + "，而它的参数都是正确的"));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "transfers-" + (t + 1));
            worker.setDaemon(true);
            workers.add(worker);
        }
        Thread watcher = new Thread(() -> {
            while (done.getCount() > 0 && problems.isEmpty()) {
                try {
                    long total = b.total();
                    if (total != expectedTotal) {
                        problems.add(say("total(), called while the transfers ran, returned " + total + " where the"
                                + " accounts always hold " + expectedTotal + " in all: it counted a transfer half done."
                                + " Hold every account's lock while total() adds up",
                                "在转账进行期间调用 total()，返回了 " + total + "，而各账户的总额始终是 " + expectedTotal
                                + "：它把一次只做了一半的转账算了进去。total() 求和时要持有所有账户的锁"));
                    }
                } catch (RuntimeException e) {
                    problems.add(say("total(), called while the transfers ran, threw " + e,
                            "在转账进行期间调用 total()，抛出了 " + e));
                }
            }
        }, "watcher");
        watcher.setDaemon(true);
        Deadline.run(REAL_THREADS_LIMIT.plusSeconds(2), what, () -> {
            workers.forEach(Thread::start);
            watcher.start();
            go.countDown();
            if (!done.await(REAL_THREADS_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(say(what + ": the transfers did not finish within "
                        + Deadline.seconds(REAL_THREADS_LIMIT) + ". ",
                        what + "：这些转账没有在 " + Deadline.seconds(REAL_THREADS_LIMIT) + "内完成。")
                        + deadlockReport(workers));
            }
            watcher.join(REAL_THREADS_LIMIT.toMillis());
        });
        if (!problems.isEmpty()) {
            throw new AssertionError(say(what + ": " + problems.peek() + ".", what + "：" + problems.peek() + "。"));
        }
        long[] after = Calls.call(say("balance(i) after the transfers", "转账结束后调用 balance(i)"),
                () -> Calls.balances(b));
        for (int i = 0; i < after.length; i++) {
            if (after[i] < 0) {
                throw new AssertionError(say(what + ": afterwards account " + i + " holds " + after[i] + " (all: "
                        + Calls.show(after) + "). An account went below zero: two transfers both saw enough money"
                        + " and both took it. Check the funds while holding both locks, not before.",
                        what + "：结束后账户 " + i + " 的余额是 " + after[i] + "（全部余额：" + Calls.show(after)
                        + "）。有账户的余额变成了负数：两次转账都看到钱够，于是都把钱取走了。请在持有两把锁的时候"
                        + "检查余额，而不是在加锁之前。"));
            }
        }
        long sum = Arrays.stream(after).sum();
        long total = Calls.call(say("total() after the transfers", "转账结束后调用 total()"), b::total);
        if (sum != expectedTotal || total != expectedTotal) {
            throw new AssertionError(say(what + ": afterwards the balances are " + Calls.show(after) + ", " + sum
                    + " in all, and total() returns " + total + "; expected " + expectedTotal + " in all, since"
                    + " money only moves between accounts. An update was lost: every balance must be read and"
                    + " written only while holding its account's lock, and a transfer holds both.",
                    what + "：结束后余额是 " + Calls.show(after) + "，合计 " + sum + "，total() 返回 " + total + "；合计"
                    + "应为 " + expectedTotal + "，因为钱只在账户之间移动。有一次更新丢失了：每个余额都只能在持有"
                    + "其账户的锁时读写，而一次转账要同时持有两把锁。"));
        }
    }

    private static List<List<Move>> programs(int accounts, int threads, java.util.Random random) {
        List<List<Move>> programs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Move> program = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int from = random.nextInt(accounts);
                int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                program.add(new Move(from, to, 1 + random.nextInt(8)));
            }
            programs.add(program);
        }
        return programs;
    }

    /** What the JVM knows about threads stuck waiting for each other's locks, for the message. */
    private static String deadlockReport(List<Thread> workers) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] stuck = mx.findDeadlockedThreads();
        if (stuck == null || stuck.length == 0) {
            return say("Some thread is waiting forever (for a lock never released?) or looping.",
                    "某个线程在永远等待（等一把从未释放的锁？），或者在无限循环。");
        }
        StringBuilder s = new StringBuilder(say("A deadlock: ", "死锁："));
        for (ThreadInfo info : mx.getThreadInfo(stuck, true, true)) {
            if (info == null) {
                continue;
            }
            int held = info.getLockedSynchronizers().length + info.getLockedMonitors().length;
            s.append(say("thread " + info.getThreadName() + " holds " + held + " lock(s) and waits for one held by "
                    + info.getLockOwnerName() + "; ",
                    "线程 " + info.getThreadName() + " 持有 " + held + " 把锁，并在等待 " + info.getLockOwnerName()
                    + " 持有的一把；"));
        }
        return s.append(say("they wait for each other forever. Take the locks in one global order, the lower account"
                + " number first, whichever way the money moves.",
                "它们永远在互相等待。请按一个全局顺序获取锁，账户号小的先锁，无论钱往哪个方向转。")).toString();
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

    /** "returned 5", "returned normally" or "threw IllegalStateException": what a call did, to compare. */
    private static String outcome(java.util.concurrent.Callable<Object> call) {
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
