package threadlings.cores;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Locale;
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
        CpuMeter.assumeSeveralCores("whether saturate's threads use several cores at once");
        int cores = Runtime.getRuntime().availableProcessors();
        String call = "saturate(" + cores + ", " + DURATION.toMillis() + " ms)";
        CpuMeter.Check check = CpuMeter.compare(cores, DURATION, () -> CpuMeter.measure(() ->
                Deadline.call(Watch.limit(DURATION), call, () -> CoreSaturator.saturate(cores, DURATION))).usage());
        reporter.publishEntry("cpu", check.summary());
        check.assumeJudgeable("whether saturate's threads use several cores at once");
        if (!check.passed()) {
            fail(String.format(Locale.ROOT, "%s used %.2f cores' worth of CPU, but %d threads spinning without pause "
                            + "got %.2f cores on this machine moments before and after: at least %.2f (%.0f %% of "
                            + "that) was expected, over %d tries. Threads that run one after another, share a lock, "
                            + "sleep or wait use about one core or less, however many there are.",
                    call, check.measured(), cores, check.capacity(), check.required(), check.share() * 100,
                    check.attempts()));
        }
    }
}
