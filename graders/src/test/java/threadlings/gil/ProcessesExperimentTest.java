package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestReporter;
import threadlings.grading.CpuMeter;
import threadlings.grading.Deadline;

/**
 * The second half of the lesson's experiment: interpreter processes, each with a GIL of its own. Nothing keeps them
 * apart, so they use every core the machine can give, which no number of threads under one GIL can.
 */
@ExtendWith(NotYet.class)
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
            fail(sayf("%s returned %s after %d ms, but started no child process: the "
                            + "interpreters ran inside this JVM. The point of the experiment is that each process "
                            + "has a GIL of its own: start %d child JVMs with new ProcessBuilder(Jvm.command(...)), "
                            + "each running one interpreter, and read back each one's count.",
                    "%s 返回了 %s（用时 %d ms），却没有启动任何子进程：解释器都在这个 JVM 里运行。这个实验的要点在于"
                            + "每个进程都有自己的 GIL：用 new ProcessBuilder(Jvm.command(...)) 启动 %d 个子 JVM，每个运行"
                            + "一个解释器，再读回每个子进程的计数。", call,
                    Arrays.toString(counts), millis, PROCESSES));
        }
        if (most < PROCESSES) {
            fail(sayf("%s returned %s after %d ms, but at most %d of its child JVMs were "
                            + "running at any moment: they ran one after another. Start every child before waiting "
                            + "for any: only processes that run at the same time can use several cores.",
                    "%s 返回了 %s（用时 %d ms），但任何时刻它最多只有 %d 个子 JVM 在运行：它们是一个接一个运行的。"
                            + "先启动所有子进程，再去等其中任何一个：只有同时运行的进程才能用上多个核心。",
                    call, Arrays.toString(counts), millis, most));
        }
        ThreadsExperimentTest.checkCounts(call, counts, PROCESSES, say("child JVM", "子进程（子 JVM）"));
        if (millis < DURATION.toMillis()) {
            fail(say(call + " returned after " + millis + " ms, before the children's " + DURATION.toMillis()
                    + " ms of interpreting could be over: wait for every child to exit and read its count.",
                    call + " 在 " + millis + " ms 后就返回了，这时子进程 " + DURATION.toMillis() + " ms 的解释执行还不"
                            + "可能结束：要等每个子进程退出，再读取它的计数。"));
        }
    }

    @Test
    @DisplayName("n processes, each with its own Gil, use every core the machine can give")
    void nProcessesUseEveryCore(TestReporter reporter) throws Exception {
        CpuMeter.assumeSeveralCores(say("whether interpreter processes use several cores at once",
                "多个解释器进程能否同时用上多个核心"));
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), ThreadsExperimentTest.MOST);
        String call = "processes(" + cores + ", " + DURATION.toMillis() + " ms)";
        CpuMeter.Check check = CpuMeter.compare(cores, DURATION, () -> CpuMeter.measureWithChildren(() -> {
            long[] counts = Deadline.call(LIMIT, call, () -> GilExperiment.processes(cores, DURATION));
            ThreadsExperimentTest.checkCounts(call, counts, cores, say("child JVM", "子进程（子 JVM）"));
            return counts;
        }).usage());
        reporter.publishEntry("measured", sayf("%d processes, each under its own GIL: %s",
                "%d 个进程，各有自己的 GIL：%s", cores, check.summary()));
        check.assumeJudgeable(say("whether interpreter processes use several cores at once",
                "多个解释器进程能否同时用上多个核心"));
        if (!check.passed()) {
            fail(sayf("%s and its children used %.2f cores' worth of CPU, but %d threads "
                            + "spinning without pause got %.2f cores on this machine moments before and after: at "
                            + "least %.2f (%.0f %% of that) was expected, over %d tries. Processes that each run "
                            + "their own interpreter under their own GIL run in parallel: do the children all run "
                            + "at the same time, and does each one run Interpreter.run for the whole duration?",
                    "%s 和它的子进程用掉的 CPU 只相当于 %.2f 个核心，而就在它前后，%d 个不停空转的线程在这台机器上"
                            + "得到了 %.2f 个核心：本应至少用到 %.2f 个（即空转线程所得的 %.0f %%），共试了 %d 次。各自"
                            + "在自己的 GIL 下运行自己解释器的进程是并行的：子进程都在同时运行吗？每个子进程都在整个"
                            + " duration 内运行 Interpreter.run 吗？",
                    call, check.measured(), cores, check.capacity(), check.required(), check.share() * 100,
                    check.attempts()));
        }
    }
}
