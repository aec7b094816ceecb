package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;

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
                    throw new AssertionError("new ProcessPool(" + workers + ") must throw IllegalArgumentException,"
                            + " but it threw " + e, e);
                }
                ((ProcessPool) result).close();
                fail("new ProcessPool(" + workers + ") returned a pool: a pool of fewer than one worker could never"
                        + " run a task, so the constructor must throw IllegalArgumentException");
            }
            if (!ProcessHandle.current().children().filter(p -> Processes.isRunning(p.pid())).findAny().isEmpty()) {
                fail("new ProcessPool(0) threw, but left processes running: check the argument before starting"
                        + " anything");
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
                fail("right after new ProcessPool(3), workerPids() returned " + pids + ": it must list the pids of"
                        + " 3 different worker processes, all started by the constructor (start them all there,"
                        + " not when the first tasks arrive)");
            }
            long self = ProcessHandle.current().pid();
            for (long pid : pids) {
                Optional<Long> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
                if (pid == self || !Processes.isRunning(pid) || parent.isEmpty() || parent.get() != self) {
                    fail("workerPids() right after new ProcessPool(3) returned " + pids + ", but " + pid
                            + " is not a running child process of this JVM (pid " + self + "): list the pid() of"
                            + " each worker Process the constructor started");
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
            checkRanInWorkers(pool, workers, 8, "the first 8 tasks");
            long begin = System.nanoTime();
            checkRanInWorkers(pool, workers, 200, "200 more tasks");
            double seconds = (System.nanoTime() - begin) / 1e9;
            String timing = String.format("a pool of 4 ran 200 trivial tasks in %.2f s after start-up", seconds);
            reporter.publishEntry("timing", timing);
            System.out.println("threadlings pool: " + timing);
            Set<Long> after = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            if (!after.equals(workers)) {
                fail("after 208 quick tasks that all succeeded, workerPids() is " + after + ", but the pool started"
                        + " with " + workers + ": a pool keeps its workers and sends every task to one of them");
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
                fail("of " + what + " (each returns the pid of the process it runs in), task " + (i + 1) + " "
                        + o.describe() + (o.pending() ? " " + Deadline.seconds(TASKS) + " after it was submitted"
                        : ""));
            }
            long pid = Long.parseLong(o.value());
            if (!workers.contains(pid)) {
                elsewhere.add(pid);
            }
        }
        if (!elsewhere.isEmpty()) {
            fail("of " + what + ", some ran in the processes " + elsewhere + ", which are not among the workers"
                    + " the pool started with, " + workers + ". A pool starts its workers once, in the constructor,"
                    + " and sends every task to one of them: starting a JVM for each task is the cost a pool"
                    + " exists to avoid");
        }
    }
}
