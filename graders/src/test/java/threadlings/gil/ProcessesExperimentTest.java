package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import threadlings.grading.CpuMeter;
import threadlings.grading.Deadline;

/**
 * The second half of the lesson's experiment: interpreter processes, each with a GIL of its own. Nothing keeps them
 * apart, so they use every core the machine can give, which no number of threads under one GIL can.
 */
class ProcessesExperimentTest {

    private static final int PROCESSES = 3;
    private static final Duration DURATION = Duration.ofMillis(800);
    /** Generous: starting a JVM takes a fraction of a second, more on a busy machine. */
    private static final Duration LIMIT = DURATION.multipliedBy(PROCESSES).plusSeconds(30);

    @Test
    @DisplayName("processes(n) runs n child JVMs at the same time, each one interpreter")
    void processesRunsNChildJvmsAtTheSameTime() throws Exception {
        String call = "processes(" + PROCESSES + ", " + DURATION.toMillis() + " ms)";
        long[] counts = null;
        int most = 0;
        long millis = 0;
        // A busy machine may starve the sampler through a whole call: then it proves nothing, and the call is
        // repeated. Children run one after another, or none at all, show so in every call.
        for (int attempt = 1; attempt <= 3 && most < PROCESSES; attempt++) {
            long started = System.nanoTime();
            try (Sampling sampling = Sampling.start()) {
                counts = Deadline.call(LIMIT, call, () -> GilExperiment.processes(PROCESSES, DURATION));
                most = sampling.mostChildren();
                millis = (System.nanoTime() - started) / 1_000_000;
                if (most < PROCESSES && sampling.snapshots() >= ThreadsExperimentTest.ENOUGH) {
                    break;
                }
            }
        }
        if (most == 0) {
            fail(String.format(Locale.ROOT, "%s returned %s after %d ms, but started no child process: the "
                            + "interpreters ran inside this JVM. The point of the experiment is that each process "
                            + "has a GIL of its own: start %d child JVMs with new ProcessBuilder(Jvm.command(...)), "
                            + "each running one interpreter, and read back each one's count.", call,
                    Arrays.toString(counts), millis, PROCESSES));
        }
        if (most < PROCESSES) {
            fail(String.format(Locale.ROOT, "%s returned %s after %d ms, but at most %d of its child JVMs were "
                            + "running at any moment: they ran one after another. Start every child before waiting "
                            + "for any: only processes that run at the same time can use several cores.",
                    call, Arrays.toString(counts), millis, most));
        }
        ThreadsExperimentTest.checkCounts(call, counts, PROCESSES, "child JVM");
        if (millis < DURATION.toMillis()) {
            fail(call + " returned after " + millis + " ms, before the children's " + DURATION.toMillis()
                    + " ms of interpreting could be over: wait for every child to exit and read its count.");
        }
    }

    @Test
    @DisplayName("n processes, each with its own Gil, use every core the machine can give")
    void nProcessesUseEveryCore(TestReporter reporter) throws Exception {
        CpuMeter.assumeSeveralCores("whether interpreter processes use several cores at once");
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), ThreadsExperimentTest.MOST);
        String call = "processes(" + cores + ", " + DURATION.toMillis() + " ms)";
        CpuMeter.Check check = CpuMeter.compare(cores, DURATION, () -> CpuMeter.measureWithChildren(() -> {
            long[] counts = Deadline.call(LIMIT, call, () -> GilExperiment.processes(cores, DURATION));
            ThreadsExperimentTest.checkCounts(call, counts, cores, "child JVM");
            return counts;
        }).usage());
        reporter.publishEntry("measured", String.format(Locale.ROOT, "%d processes, each under its own GIL: %s",
                cores, check.summary()));
        check.assumeJudgeable("whether interpreter processes use several cores at once");
        if (!check.passed()) {
            fail(String.format(Locale.ROOT, "%s and its children used %.2f cores' worth of CPU, but %d threads "
                            + "spinning without pause got %.2f cores on this machine moments before and after: at "
                            + "least %.2f (%.0f %% of that) was expected, over %d tries. Processes that each run "
                            + "their own interpreter under their own GIL run in parallel: do the children all run "
                            + "at the same time, and does each one run Interpreter.run for the whole duration?",
                    call, check.measured(), cores, check.capacity(), check.required(), check.share() * 100,
                    check.attempts()));
        }
    }
}
