package threadlings.lock;

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
            throw new AssertionError("The model checker found no interleaving in which UnsafeBalance loses an"
                    + " update; it should have (this is a fault in the kit, not in your code).");
        }
        reporter.publishEntry("lesson", "Two threads each call changeIt once on UnsafeBalance (no lock): thread 1"
                + " adds 5 and subtracts 5, thread 2 adds 8 and subtracts 8, so the balance should end at 0."
                + " The model checker found an interleaving in which it does not. In the trace below, watch a"
                + " thread read the balance, get switched out before it writes its sum back, and then write over"
                + " the other thread's update: balance = balance + n is two steps, and a lock is what makes them"
                + " one.\n\n" + failure.get().strip());
    }
}
