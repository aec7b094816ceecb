package threadlings.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static threadlings.grading.Lang.say;

import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import threadlings.grading.ModelCheck;

/**
 * The lesson, shown rather than told: the same model check the graders run on {@link Balance}, run on the given
 * {@link UnsafeBalance}, which has no lock. It must fail, and the interleaving that breaks it is published for the
 * student to read. Never counted in the score.
 */
class UnsafeBalanceLessonTest {

    @BeforeAll
    static void attachLincheck() {
        ModelCheck.warmUp();
    }

    @Test
    @Tag("lesson")
    @DisplayName("the lesson: without a lock, two threads running changeIt lose an update")
    void unsafeBalanceLosesAnUpdate(TestReporter reporter) {
        Optional<String> failure = ModelCheck.findFailure(ModelCheck.options()
                        .iterations(0)
                        .sequentialSpecification(BalanceModel.class)
                        .addCustomScenario(ModelCheck.scenario(UnsafeBalanceOperations.class)
                                .thread(1, "changeIt", 5L)
                                .thread(2, "changeIt", 8L)
                                .post("get")
                                .build()),
                UnsafeBalanceOperations.class);
        if (failure.isEmpty()) {
            throw new AssertionError(say("The model checker found no interleaving in which UnsafeBalance loses an"
                    + " update; it should have (this is a fault in the kit, not in your code).",
                    "模型检查器没有找到让 UnsafeBalance 丢失更新的交错执行，而它本应找到（这是本套件的问题，不是你的"
                    + "代码的问题）。"));
        }
        reporter.publishEntry("lesson", say("Two threads each call changeIt once on UnsafeBalance (no lock): thread 1"
                + " adds 5 and subtracts 5, thread 2 adds 8 and subtracts 8, so the balance should end at 0."
                + " The model checker found an interleaving in which it does not. In the trace below, watch a"
                + " thread read the balance, get switched out before it writes its sum back, and then write over"
                + " the other thread's update: balance = balance + n is two steps, and a lock is what makes them"
                + " one.\n\n",
                "两个线程在 UnsafeBalance（没有锁）上各调用一次 changeIt：线程 1 加 5 再减 5，线程 2 加 8 再减 8，"
                + "所以余额最后应当是 0。模型检查器找到了一种交错执行，结果却不是 0。在下面的执行轨迹里，请留意："
                + "一个线程读取了余额，还没来得及把相加的结果写回就被切换出去，之后再写回时覆盖了另一个线程的更新。"
                + "balance = balance + n 是两步，而锁能把它们变成一步。\n\n") + interleaving(failure.get()));
    }

    /**
     * The other half of the lesson, checked rather than published (the scoreboard shows one lesson per topic): the
     * same class is right whenever one thread calls it. Its bug is in the interleaving, not in any line.
     */
    @Test
    @Tag("lesson")
    @DisplayName("the lesson: one thread at a time, the class without a lock is right")
    void unsafeBalanceIsRightOnOneThread() {
        UnsafeBalance balance = new UnsafeBalance();
        balance.deposit(7);
        balance.withdraw(3);
        assertThrows(IllegalStateException.class, () -> balance.withdraw(10), say("withdraw(10) on a balance of 4",
                "对余额为 4 的 UnsafeBalance 调用 withdraw(10)"));
        assertThrows(IllegalArgumentException.class, () -> balance.deposit(0), "deposit(0)");
        assertThrows(IllegalArgumentException.class, () -> balance.withdraw(-1), "withdraw(-1)");
        balance.changeIt(5);
        assertEquals(4, balance.get(), say("UnsafeBalance after deposit(7), withdraw(3), refusals and changeIt(5)"
                + " (a fault in the kit, not in your code)",
                "执行 deposit(7)、withdraw(3)、几次被拒绝的调用和 changeIt(5) 之后的 UnsafeBalance（这是本套件的"
                + "问题，不是你的代码的问题）"));
    }

    /**
     * Lincheck's report up to its "Detailed trace" (the same steps again, each with its source line): the results
     * and the interleaving are the lesson; the scoreboard stays short enough to read.
     */
    private static String interleaving(String report) {
        int detailed = report.indexOf("Detailed trace:");
        return (detailed < 0 ? report : report.substring(0, detailed)).strip();
    }
}
