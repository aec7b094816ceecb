package threadlings.cores;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import threadlings.grading.CpuMeter;
import threadlings.grading.Deadline;

/**
 * The lesson's experiment, measured: one spinning thread per core uses every core. Judged against this machine's
 * capacity measured in the same run (a known-good load of spinning threads, just before and just after), never
 * against a fixed number, so a busy machine does not fail correct code.
 */
class CpuUseTest {

    private static final Duration DURATION = Duration.ofMillis(600);

    @Test
    @DisplayName("with one thread per core it uses every core the machine can give right now")
    void withOneThreadPerCoreItUsesEveryCore(TestReporter reporter) throws Exception {
        CpuMeter.assumeSeveralCores(say("whether saturate's threads use several cores at once",
                "由 saturate 启动的线程能否同时用上多个核心"));
        int cores = Runtime.getRuntime().availableProcessors();
        String call = "saturate(" + cores + ", " + DURATION.toMillis() + " ms)";
        CpuMeter.Check check;
        try {
            check = CpuMeter.compare(cores, DURATION, () -> CpuMeter.measure(() ->
                    Deadline.call(Watch.limit(DURATION), call, () -> CoreSaturator.saturate(cores, DURATION))).usage());
        } catch (UnsupportedOperationException todo) {
            Watch.notImplemented(todo);
            throw todo;
        }
        reporter.publishEntry("cpu", check.summary());
        check.assumeJudgeable(say("whether saturate's threads use several cores at once",
                "由 saturate 启动的线程能否同时用上多个核心"));
        if (!check.passed()) {
            fail(sayf("%s used %.2f cores' worth of CPU, but %d threads spinning without pause "
                            + "got %.2f cores on this machine moments before and after: at least %.2f (%.0f %% of "
                            + "that) was expected, over %d tries. Threads that run one after another, share a lock, "
                            + "sleep or wait use about one core or less, however many there are.",
                    "%s 用掉的 CPU 只相当于 %.2f 个核心，而就在它前后，%d 个不停空转的线程在这台机器上得到了 %.2f 个"
                            + "核心：本应至少用到 %.2f 个（即空转线程所得的 %.0f %%），共试了 %d 次。一个接一个运行、共用一把锁、"
                            + "睡眠或等待的线程，不管有多少个，大约只能用上一个核心，甚至更少。",
                    call, check.measured(), cores, check.capacity(), check.required(), check.share() * 100,
                    check.attempts()));
        }
    }
}
