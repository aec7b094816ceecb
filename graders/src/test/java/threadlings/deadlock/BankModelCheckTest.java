package threadlings.deadlock;

import static threadlings.grading.Lang.say;

import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import threadlings.grading.ModelCheck;
import threadlings.grading.ModelCheck.Kind;

/**
 * Every interleaving of a few operations on two threads, explored by Lincheck's model checker and compared with
 * {@link BankModel}, one call at a time, on a bank of three accounts holding 2 each. Each of the first four tests
 * explores one danger from the lesson in a hand-written scenario, so nothing is left to chance: the deadlock of two
 * transfers in opposite directions, a total that counts a transfer half done, two transfers that both spend the
 * same money, and two transfers into one account that lose one. The last runs random scenarios of all operations
 * for whatever the others did not think of.
 */
class BankModelCheckTest {

    /**
     * Interleavings explored for one hand-written scenario, at most. Measured: each mistake the kit knows (its
     * mutants) is found within the first 25 (the deadlock at the 25th, the others by the 16th); the rest is margin
     * for mistakes it does not know. More costs time: the reference, which must pass, explores all of them.
     */
    static final int SCENARIO_INVOCATIONS = 150;

    /**
     * The time limit of each model check here: far above what they need (a few seconds on an idle machine), so that
     * a heavily loaded machine (measured: over 30 s for the costliest, with both cores oversubscribed 20 times)
     * cannot turn a correct solution's pass, or a mistake's named failure, into a timeout.
     */
    static final int LIMIT_SECONDS = 90;

    private static final String HANG_HINT = "Some thread waits forever for a lock. If two transfers are each waiting"
            + " for a lock the other holds, that is a deadlock: take the locks of the two accounts in one global"
            + " order, the lower account number first, whichever way the money moves (and total() in the same"
            + " order). If a lock is simply never released, release every lock in a finally block.";
    private static final String HANG_HINT_ZH = "某个线程在永远等待一把锁。如果两次转账各自在等对方持有的锁，那就是"
            + "死锁：请按一个全局顺序获取两个账户的锁，账户号小的先锁，无论钱往哪个方向转（total() 也按同样的顺序）。"
            + "如果只是某把锁一直没有释放，请在 finally 块中释放每一把锁。";

    /**
     * Random scenarios, and interleavings per scenario, in the last test: a net for mistakes the hand-written
     * scenarios do not aim at. Fewer than the kit's defaults, because it is the costliest check here (measured:
     * 100 interleavings of 6 scenarios cost about 5 s of CPU, the defaults 10 s); every mistake the kit knows is
     * caught by a hand-written scenario first.
     */
    static final int RANDOM_SCENARIOS = 6;
    static final int RANDOM_INVOCATIONS = 100;

    @BeforeAll
    @Timeout(value = LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void attachLincheck() {
        // Lincheck attaches its agent on the first check in a JVM (3 s idle, 18 s measured on an oversubscribed
        // machine), and instruments each class the first time a check loads it (several seconds more for Bank and
        // its operations): pay for both here, not inside the first test's time limit.
        ModelCheck.warmUp();
        try {
            Calls.requireImplemented();
        } catch (Exception | AssertionError notYet) {
            return; // every test says why, in one line, without calling Lincheck
        }
        // One interleaving of two reads, whatever it finds: only to load Bank through Lincheck.
        try {
            ModelCheck.findFailure(ModelCheck.options().iterations(0).invocationsPerIteration(1)
                            .addCustomScenario(scenario().thread(1, "balance", 0).thread(2, "balance", 1).build()),
                    BankOperations.class);
        } catch (RuntimeException e) {
            // Whatever went wrong, the tests meet it again and say what it is.
        }
    }

    /** Options for a test that explores only its own scenario, in up to {@link #SCENARIO_INVOCATIONS} interleavings. */
    private static ModelCheckingOptions only(ExecutionScenario scenario) {
        return ModelCheck.options()
                .iterations(0)
                .invocationsPerIteration(SCENARIO_INVOCATIONS)
                .sequentialSpecification(BankModel.class)
                .addCustomScenario(scenario);
    }

    private static ModelCheck.Scenario scenario() {
        return ModelCheck.scenario(BankOperations.class);
    }

    /**
     * The hint for a failed model check: if one thread alone already gets a wrong answer, that first (the
     * interleaving may show nothing but it); otherwise {@code whenHung} for a hang, {@code whenWrong} for anything
     * else.
     */
    private static ModelCheck.Hint hint(String whenHung, String whenWrong) {
        return kind -> {
            String oneThread = Calls.oneThreadProblem();
            if (oneThread != null) {
                return say("Even one thread alone gets a wrong answer: " + oneThread + " Fix that first (the tests that"
                        + " run on one thread say more); the interleaving below may show nothing else.",
                        "即使只有一个线程，结果也已经是错的：" + oneThread + " 请先修正这一点（只用一个线程的那些测试会"
                        + "说得更详细）；下面的交错执行可能除此之外什么也看不出来。");
            }
            return kind == Kind.HANG ? whenHung : whenWrong;
        };
    }

    @Test
    @Timeout(value = LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("two transfers in opposite directions never deadlock")
    void oppositeTransfersNeverDeadlock() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .thread(1, "transfer", 0, 1, 1L)
                        .thread(2, "transfer", 1, 0, 1L)
                        .post("total")
                        .build()),
                BankOperations.class,
                hint(say(
                        "A deadlock: thread 1 runs transfer(0, 1, 1) and thread 2 runs transfer(1, 0, 1); each took the"
                        + " lock of its own 'from' account first, then waited forever for the other's (the trace"
                        + " below shows both waiting). Locking 'from' then 'to' makes the two directions take the"
                        + " locks in opposite orders. Take them in one global order instead, the lower account"
                        + " number first, whichever way the money moves: then whoever gets the first lock also gets"
                        + " the second.",
                        "死锁：线程 1 执行 transfer(0, 1, 1)，线程 2 执行 transfer(1, 0, 1)；两者都先拿到了自己的 'from'"
                        + " 账户的锁，然后永远等着对方手里的那一把（下面的轨迹显示两者都在等待）。先锁 'from' 再锁 'to'，"
                        + "会让两个方向的转账以相反的顺序获取锁。应当改为按一个全局顺序获取锁，账户号小的先锁，无论钱"
                        + "往哪个方向转：这样谁拿到了第一把锁，谁也就能拿到第二把。"),
                        say("Two transfers in opposite directions gave results that no one-at-a-time order gives: a"
                                + " transfer must hold the locks of both its accounts from the funds check to the"
                                + " last write.",
                                "两次方向相反的转账给出的结果，是任何一次只执行一个调用的顺序都给不出的：一次转账从"
                                + "检查余额到最后一次写入，都必须持有它两个账户的锁。")));
    }

    @Test
    @Timeout(value = LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("total() never counts a transfer half done")
    void totalNeverSeesAHalfDoneTransfer() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .thread(1, "transfer", 0, 1, 1L)
                        .thread(2, "total")
                        .build()),
                BankOperations.class,
                hint(say(HANG_HINT, HANG_HINT_ZH),
                        say("total() returned a sum the accounts never held at any one instant (it must always"
                        + " be 6 here, since money only moves between them): it counted a transfer half done."
                        + " Reading the balances without their locks, or locking each account only while you read"
                        + " it, lets a transfer move money between an account you have already added and one you"
                        + " have not. Hold every account's lock at once while you add up, taken in the same global"
                        + " order as transfers take theirs.",
                        "total() 返回的总和，是各账户在任何一个时刻都不曾有过的（这里它必须始终是 6，因为钱只在账户"
                        + "之间移动）：它把一次只做了一半的转账算了进去。不加锁就读取余额，或者只在读某个账户的时候才"
                        + "锁住它，都会让一次转账在你已经加过的账户和还没加的账户之间挪钱。求和时要同时持有所有账户"
                        + "的锁，并按与转账相同的全局顺序获取。")));
    }

    @Test
    @Timeout(value = LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("two transfers from one account never take more than it holds")
    void transfersNeverOverdraw() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .thread(1, "transfer", 0, 1, 2L)
                        .thread(2, "transfer", 0, 2, 2L)
                        .post("balance", 0)
                        .build()),
                BankOperations.class,
                hint(say(HANG_HINT, HANG_HINT_ZH),
                        say("Account 0 holds 2, and two transfers of 2 out of it ran at once: only one may go"
                        + " through, the other must be refused with IllegalStateException. Both went through (or the"
                        + " balances went wrong), so the funds were checked before taking the locks"
                        + " (check-then-act): both threads saw enough money, then both took it. Check the funds and"
                        + " move the money while holding both locks the whole time.",
                        "账户 0 里有 2，两次从它转出 2 的转账同时执行：只能有一次成功，另一次必须用"
                        + " IllegalStateException 拒绝。结果两次都成功了（或者余额出了错），说明余额是在加锁之前检查的"
                        + "（先检查后执行，check-then-act）：两个线程都看到钱够，然后都把钱取走了。检查余额和转钱的整个"
                        + "过程都要一直持有两把锁。")));
    }

    @Test
    @Timeout(value = LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("two transfers into one account never lose one")
    void transfersIntoOneAccountNeverLost() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(only(scenario()
                        .thread(1, "transfer", 0, 2, 1L)
                        .thread(2, "transfer", 1, 2, 1L)
                        .post("balance", 2)
                        .post("total")
                        .build()),
                BankOperations.class,
                hint(say(HANG_HINT, HANG_HINT_ZH),
                        say("Two transfers into account 2, from accounts 0 and 1, ran at once and one of them"
                        + " was lost (or money appeared or vanished): account 2 was written while not holding its"
                        + " lock. balance = balance + amount is two steps, a read and a write, and the other"
                        + " thread's write came in between. A transfer must hold the locks of both accounts, 'from'"
                        + " and 'to', while it changes them.",
                        "从账户 0 和账户 1 转入账户 2 的两次转账同时执行，其中一次丢失了（或者钱凭空出现或消失了）："
                        + "写账户 2 的时候没有持有它的锁。balance = balance + amount 是两步，一次读和一次写，而另一个"
                        + "线程的写入插在了中间。一次转账在修改 'from' 和 'to' 两个账户时，必须持有这两个账户的锁。")));
    }

    @Test
    @Timeout(value = LIMIT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("any few transfers, balances and totals on two threads give results as if run one at a time")
    void randomScenariosAreLinearizable() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(ModelCheck.options()
                        .iterations(RANDOM_SCENARIOS)
                        .invocationsPerIteration(RANDOM_INVOCATIONS)
                        .sequentialSpecification(BankModel.class),
                BankOperations.class,
                hint(say(HANG_HINT, HANG_HINT_ZH),
                        say("Some interleaving of transfer, balance and total gave results that no one-at-a-time"
                        + " order gives. Read and write each balance only under its account's lock; hold both"
                        + " locks for the whole of a transfer, the funds check included; hold every lock while"
                        + " total() adds up; and always take locks in ascending account order.",
                        "transfer、balance 和 total 的某种交错执行给出的结果，是任何一次只执行一个调用的顺序都给不出"
                        + "的。只在持有账户的锁时读写它的余额；转账的全过程（包括检查余额）都持有两把锁；total() 求和"
                        + "时持有所有的锁；并且始终按账户号从小到大的顺序获取锁。")));
    }
}
