package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/** close(): the work already submitted finishes, then every worker stops; afterwards nothing more is taken. */
class PoolCloseTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration CLOSE = Duration.ofSeconds(15);
    /** How long a worker may still be seen after close() returned: it should be none, this allows for the OS. */
    private static final Duration VANISH = Duration.ofSeconds(3);

    @Test
    @DisplayName("close() waits for every submitted task, then stops every worker")
    void closeWaitsThenStops() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            Path dir = cleanup.folder();
            Set<Long> workers = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String input = Nap.input(dir, "task " + i, 600);
                futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Nap.class, input)));
            }
            workers.addAll(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            Deadline.run(CLOSE, "close() with 4 tasks of 0.6 s submitted to a pool of 2", pool::close);
            for (int i = 1; i <= 4; i++) {
                Outcome o = Outcome.now(futures.get(i - 1));
                if (!o.succeeded() || !o.value().equals("task " + i) || !Files.exists(dir.resolve("task " + i
                        + ".end"))) {
                    fail("4 tasks that sleep 0.6 s were submitted to a pool of 2, then close() was called; when"
                            + " close() returned, task " + i + " " + o.describe() + (Files.exists(dir.resolve("task "
                            + i + ".start")) ? "" : " and had never started") + ". close() must refuse new tasks"
                            + " but let every task already submitted run to its end, and only then stop the workers");
                }
            }
            for (long pid : workers) {
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail("close() returned, but worker " + pid + " was still running " + Deadline.seconds(VANISH)
                            + " later: after the last task, stop every worker (close its stdin so that it exits;"
                            + " kill it if it does not) and wait until it has exited");
                }
            }
        }
    }

    @Test
    @DisplayName("close() stops every worker, even one that a task keeps from ending by itself")
    void closeStopsALingeringWorker() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(1);
            Set<Long> workers = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            CompletableFuture<String> lingering = Deadline.call(QUICK, "submit()",
                    () -> pool.submit(Linger.class, ""));
            Outcome o = Outcome.await(lingering, System.nanoTime() + CLOSE.toNanos());
            if (!o.succeeded()) {
                fail("a task that starts a thread and returns \"lingering\" " + o.describe());
            }
            workers.addAll(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            Deadline.run(CLOSE, "close() on a pool whose worker runs a thread that is not a daemon", pool::close);
            for (long pid : workers) {
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail("a task left a thread running in worker " + pid + " (and a shutdown hook that waits), so"
                            + " that worker does not end when its stdin closes; close() returned, but the worker was"
                            + " still running " + Deadline.seconds(VANISH) + " later. Give each worker a few seconds"
                            + " to exit, then kill it (destroyForcibly()) and wait until it has exited");
                }
            }
        }
    }

    @Test
    @DisplayName("close() called with the interrupt flag set still waits for the tasks, and keeps the flag")
    void closeWhileInterrupted() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            Path dir = cleanup.folder();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String input = Nap.input(dir, "task " + i, 500);
                futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Nap.class, input)));
            }
            boolean[] stillInterrupted = new boolean[1];
            try {
                Deadline.run(CLOSE, "close() called with the interrupt flag set", () -> {
                    Thread.currentThread().interrupt();
                    try {
                        pool.close();
                    } finally {
                        stillInterrupted[0] = Thread.interrupted();
                    }
                });
            } catch (RuntimeException e) {
                throw new AssertionError("close(), called by a thread whose interrupt flag was set, threw " + e
                        + ". close() has no InterruptedException to throw: when a wait is interrupted, keep waiting,"
                        + " and set the interrupt flag again before returning", e);
            }
            for (int i = 1; i <= 3; i++) {
                Outcome o = Outcome.now(futures.get(i - 1));
                if (!o.succeeded()) {
                    fail("close(), called by a thread whose interrupt flag was set, returned while task " + i
                            + " (of 3 that sleep 0.5 s, in a pool of 2) " + o.describe() + ": a wait (join,"
                            + " waitFor) throws InterruptedException at once when the flag is set. Catch it, keep"
                            + " waiting, and set the flag again before returning");
                }
            }
            if (!stillInterrupted[0]) {
                fail("close() cleared the calling thread's interrupt flag: when you catch InterruptedException and"
                        + " go on waiting, call Thread.currentThread().interrupt() before returning, so the caller"
                        + " still learns that it was interrupted");
            }
        }
    }

    @Test
    @DisplayName("after close(), submit() throws IllegalStateException and close() again does nothing")
    void afterClose() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(1);
            Set<Long> workers = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            Deadline.run(CLOSE, "close() on an idle pool", pool::close);
            Object result;
            try {
                result = Deadline.call(QUICK, "submit() after close()", () -> pool.submit(Describe.class, "late"));
            } catch (IllegalStateException expected) {
                result = expected;
            } catch (Exception e) {
                throw new AssertionError("submit() after close() must throw IllegalStateException, but it threw " + e,
                        e);
            }
            if (!(result instanceof IllegalStateException)) {
                fail("submit() after close() returned " + result + ": a closed pool must refuse new tasks with"
                        + " IllegalStateException");
            }
            try {
                Deadline.run(QUICK, "a second close()", pool::close);
            } catch (RuntimeException e) {
                throw new AssertionError("a second close() must do nothing, but it threw " + e, e);
            }
            for (long pid : workers) {
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail("close() on an idle pool returned, but worker " + pid + " was still running "
                            + Deadline.seconds(VANISH) + " later: close() stops every worker and waits for it");
                }
            }
        }
    }
}
