package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/** The workers: how many the constructor starts, and that tasks reuse them instead of starting new JVMs. */
class PoolWorkersTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    /** Long enough for a few worker JVMs to boot and run quick tasks on a busy machine. */
    private static final Duration TASKS = Duration.ofSeconds(20);

    @Test
    @DisplayName("a pool needs at least one worker: new ProcessPool(0) throws IllegalArgumentException")
    void zeroWorkersRefused() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            for (int workers : new int[] {0, -2}) {
                Object result;
                try {
                    result = Deadline.call(QUICK, "new ProcessPool(" + workers + ")", () -> new ProcessPool(workers));
                } catch (IllegalArgumentException expected) {
                    continue;
                } catch (Exception e) {
                    throw new AssertionError(say("new ProcessPool(" + workers + ") must throw"
                            + " IllegalArgumentException, but it threw " + e,
                            "new ProcessPool(" + workers + ") 应当抛出 IllegalArgumentException，但它抛出了 " + e), e);
                }
                ((ProcessPool) result).close();
                fail(say("new ProcessPool(" + workers + ") returned a pool: a pool of fewer than one worker could"
                        + " never run a task, so the constructor must throw IllegalArgumentException",
                        "new ProcessPool(" + workers + ") 返回了一个进程池：工作进程少于一个的进程池永远无法运行任务，"
                        + "所以构造函数应当抛出 IllegalArgumentException"));
            }
            if (!ProcessHandle.current().children().filter(p -> Processes.isRunning(p.pid())).findAny().isEmpty()) {
                fail(say("new ProcessPool(0) threw, but left processes running: check the argument before starting"
                        + " anything",
                        "new ProcessPool(0) 抛出了异常，却留下了仍在运行的进程：应在启动任何进程之前先检查参数"));
            }
        }
    }

    @Test
    @DisplayName("new ProcessPool(3) starts 3 worker processes, children of this JVM")
    void constructorStartsTheWorkers() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(3);
            List<Long> pids = Deadline.call(QUICK, "workerPids()", pool::workerPids);
            if (pids == null || pids.size() != 3 || new HashSet<>(pids).size() != 3) {
                fail(say("right after new ProcessPool(3), workerPids() returned " + pids + ": it must list the pids"
                        + " of 3 different worker processes, all started by the constructor (start them all there,"
                        + " not when the first tasks arrive)",
                        "刚执行完 new ProcessPool(3)，workerPids() 就返回了 " + pids + "：它应当列出 3 个不同工作进程的"
                        + " pid，这些进程都由构造函数启动（全部在构造函数里启动，而不是等第一批任务到来时才启动）"));
            }
            long self = ProcessHandle.current().pid();
            for (long pid : pids) {
                Optional<Long> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
                if (pid == self || !Processes.isRunning(pid) || parent.isEmpty() || parent.get() != self) {
                    fail(say("workerPids() right after new ProcessPool(3) returned " + pids + ", but " + pid
                            + " is not a running child process of this JVM (pid " + self + "): list the pid() of"
                            + " each worker Process the constructor started",
                            "刚执行完 new ProcessPool(3) 时，workerPids() 返回了 " + pids + "，但 " + pid
                            + " 不是本 JVM（pid " + self + "）正在运行的子进程：应列出构造函数启动的每个工作进程"
                            + " Process 的 pid()"));
                }
            }
        }
    }

    @Test
    @DisplayName("workers are reused: every task runs in one of the workers started at the beginning")
    void workersAreReused(TestReporter reporter) throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(4);
            Set<Long> workers = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            checkRanInWorkers(pool, workers, 8, say("the first 8 tasks", "前 8 个任务"));
            long begin = System.nanoTime();
            checkRanInWorkers(pool, workers, 200, say("200 more tasks", "随后的 200 个任务"));
            double seconds = (System.nanoTime() - begin) / 1e9;
            String timing = String.format(say("a pool of 4 ran 200 trivial tasks in %.2f s after start-up",
                    "启动之后，有 4 个工作进程的进程池用 %.2f 秒运行完了 200 个简单任务"), seconds);
            reporter.publishEntry("timing", timing);
            System.out.println("threadlings pool: " + timing);
            Set<Long> after = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            if (!after.equals(workers)) {
                fail(say("after 208 quick tasks that all succeeded, workerPids() is " + after + ", but the pool"
                        + " started with " + workers + ": a pool keeps its workers and sends every task to one of them",
                        "208 个快速任务全部成功之后，workerPids() 是 " + after + "，但进程池开始时的工作进程是 "
                        + workers + "：进程池应当保留它的工作进程，把每个任务都交给其中之一"));
            }
        }
    }

    /** Runs {@code count} {@link WorkerPid} tasks and checks that each ran in one of {@code workers}. */
    private static void checkRanInWorkers(ProcessPool pool, Set<Long> workers, int count, String what)
            throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(WorkerPid.class, "")));
        }
        List<Outcome> outcomes = Outcome.awaitAll(futures, TASKS);
        Set<Long> elsewhere = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            Outcome o = outcomes.get(i);
            if (!o.succeeded()) {
                fail(say("of " + what + " (each returns the pid of the process it runs in), task " + (i + 1) + " "
                        + o.describe() + (o.pending() ? " " + Deadline.seconds(TASKS) + " after it was submitted"
                        : ""),
                        what + "（每个任务都返回它所在进程的 pid）中，任务 " + (i + 1) + " " + o.describe()
                        + (o.pending() ? "（提交后已过 " + Deadline.seconds(TASKS) + "）" : "")));
            }
            long pid = Long.parseLong(o.value());
            if (!workers.contains(pid)) {
                elsewhere.add(pid);
            }
        }
        if (!elsewhere.isEmpty()) {
            fail(say("of " + what + ", some ran in the processes " + elsewhere + ", which are not among the workers"
                    + " the pool started with, " + workers + ". A pool starts its workers once, in the constructor,"
                    + " and sends every task to one of them: starting a JVM for each task is the cost a pool"
                    + " exists to avoid",
                    what + "中，有些运行在进程 " + elsewhere + " 里，它们不是进程池一开始启动的工作进程 " + workers
                    + " 之一。进程池只在构造函数里启动一次工作进程，之后把每个任务交给其中之一：为每个任务启动一个"
                    + " JVM，正是进程池要避免的开销"));
        }
    }
}
