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

/** Tasks that throw, tasks that kill their worker, and workers that die on their own. */
class PoolFailureTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration TASKS = Duration.ofSeconds(15);
    /** The contract: within 5 s of a worker's death, workerPids() lists a full set of live workers again. */
    private static final Duration REPLACED = Duration.ofSeconds(5);

    @Test
    @DisplayName("a task that throws fails only its own future, with the exception's class and message")
    void throwingTask() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            String message = "no such account: Zoë\nsecond line of the message";
            List<CompletableFuture<String>> futures = new ArrayList<>();
            futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Describe.class, "before")));
            futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Fail.class, message)));
            futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Describe.class, "after")));
            futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Describe.class, "and after that")));
            List<Outcome> outcomes = Outcome.awaitAll(futures, TASKS);
            Outcome failed = outcomes.get(1);
            String task = "the task Fail, which throws new IllegalStateException(\"" + Texts.escape(message) + "\"),";
            if (failed.pending()) {
                fail(task + " did not complete its future within " + Deadline.seconds(TASKS) + ": when apply"
                        + " throws, the worker must catch it and reply with a failure, and the pool must fail the"
                        + " future with a PoolTaskException");
            }
            if (failed.failure() == null) {
                fail(task + " has a future that " + failed.describe() + ": it must fail with a PoolTaskException");
            }
            if (!(failed.failure() instanceof PoolTaskException)) {
                fail(task + " has a future that failed with " + failed.failure() + ": it must fail with a"
                        + " PoolTaskException (completeExceptionally(new PoolTaskException(...)))");
            }
            String got = String.valueOf(failed.failure().getMessage());
            if (!got.contains("IllegalStateException") || !got.contains(message)) {
                fail(task + " failed with a PoolTaskException whose message is \"" + Texts.escape(got) + "\": it"
                        + " must name the exception's class (IllegalStateException) and hold its message whole, line"
                        + " breaks and all. The worker can send e.toString(), which gives both");
            }
            String[] inputs = {"before", null, "after", "and after that"};
            for (int i : new int[] {0, 2, 3}) {
                String expected = new Describe().apply(inputs[i]);
                if (!outcomes.get(i).succeeded() || !expected.equals(outcomes.get(i).value())) {
                    fail("a task that throws must fail only its own future: the task submitted "
                            + (i == 0 ? "just before" : "after") + " it (Describe on \"" + inputs[i] + "\") "
                            + outcomes.get(i).describe() + ", but must return \"" + expected + "\". The worker must"
                            + " catch what apply throws, reply with a failure and go on to the next task");
                }
            }
        }
    }

    @Test
    @DisplayName("a task that ends its worker fails its own future, and the pool replaces the worker and goes on")
    void taskKillsItsWorker() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            Path dir = cleanup.folder();
            Path haltedPid = dir.resolve("halted.pid");
            Path exitedPid = dir.resolve("exited.pid");
            CompletableFuture<String> halted = Deadline.call(QUICK, "submit()",
                    () -> pool.submit(Die.class, haltedPid + "|halt|3"));
            CompletableFuture<String> exited = Deadline.call(QUICK, "submit()",
                    () -> pool.submit(Die.class, exitedPid + "|exit|0"));
            List<CompletableFuture<String>> after = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String input = "after the deaths " + i;
                after.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Describe.class, input)));
            }
            long deadline = System.nanoTime() + TASKS.toNanos();
            String[] how = {"Runtime.getRuntime().halt(3)", "System.exit(0)"};
            List<CompletableFuture<String>> dying = List.of(halted, exited);
            for (int i = 0; i < 2; i++) {
                Outcome o = Outcome.await(dying.get(i), deadline);
                String task = "a task that calls " + how[i] + " ends the worker running it, so its future must fail"
                        + " with a PoolTaskException; it ";
                if (o.pending()) {
                    fail(task + "had not completed " + Deadline.seconds(TASKS) + " after it was submitted. When the"
                            + " worker dies, its stdout ends before the reply (read() returns -1, readInt throws"
                            + " EOFException): fail the future then");
                }
                if (!(o.failure() instanceof PoolTaskException)) {
                    fail(task + o.describe());
                }
            }
            Set<Long> dead = new TreeSet<>();
            for (Path file : List.of(haltedPid, exitedPid)) {
                dead.add(Long.parseLong(Files.readString(file).trim()));
            }
            List<Long> pids = awaitFullPool(pool, 2, dead);
            if (pids != null) {
                fail(Deadline.seconds(REPLACED) + " after the tasks in workers " + dead + " ended their workers,"
                        + " workerPids() is " + pids + ": a dead worker must be replaced by a new one (start"
                        + " another worker JVM when you notice the death), so that the pool again has 2 live"
                        + " workers");
            }
            List<Outcome> outcomes = Outcome.awaitAll(after, TASKS);
            for (int i = 0; i < after.size(); i++) {
                String expected = new Describe().apply("after the deaths " + i);
                if (!outcomes.get(i).succeeded() || !expected.equals(outcomes.get(i).value())) {
                    fail("after two tasks ended their workers, the tasks submitted behind them must still run on"
                            + " the new workers, but task " + (i + 1) + " of them " + outcomes.get(i).describe());
                }
            }
        }
    }

    @Test
    @DisplayName("a worker that dies while it waits for work is replaced within 5 s")
    void idleWorkerDies() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            List<CompletableFuture<String>> warm = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                warm.add(Deadline.call(QUICK, "submit()", () -> pool.submit(WorkerPid.class, "")));
            }
            for (Outcome o : Outcome.awaitAll(warm, TASKS)) {
                if (!o.succeeded()) {
                    fail("a task that returns its worker's pid " + o.describe());
                }
            }
            List<Long> before = Deadline.call(QUICK, "workerPids()", pool::workerPids);
            long victim = before.get(0);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            if (!Processes.awaitGone(victim, QUICK)) {
                fail("the grader could not kill worker " + victim);
            }
            List<Long> pids = awaitFullPool(pool, 2, Set.of(victim));
            if (pids != null) {
                fail("worker " + victim + " was killed while it waited for work, and " + Deadline.seconds(REPLACED)
                        + " later workerPids() is " + pids + " (it was " + before + "): notice a worker's death"
                        + " while it is idle too (check Process.isAlive() now and then, or use Process.onExit()),"
                        + " and start a new worker in its place");
            }
            CompletableFuture<String> next = Deadline.call(QUICK, "submit()",
                    () -> pool.submit(Describe.class, "still working"));
            Outcome o = Outcome.await(next, System.nanoTime() + TASKS.toNanos());
            if (!o.succeeded() || !new Describe().apply("still working").equals(o.value())) {
                fail("after an idle worker was killed and replaced, a new task " + o.describe());
            }
        }
    }

    /**
     * Waits up to {@link #REPLACED} for workerPids() to list {@code size} distinct running processes, none of them
     * in {@code dead}. Returns null once it does, or the last list seen when the time is up.
     */
    private static List<Long> awaitFullPool(ProcessPool pool, int size, Set<Long> dead) throws Exception {
        long deadline = System.nanoTime() + REPLACED.toNanos();
        while (true) {
            List<Long> pids = Deadline.call(QUICK, "workerPids()", pool::workerPids);
            if (pids.size() == size && new TreeSet<>(pids).size() == size
                    && pids.stream().noneMatch(dead::contains) && pids.stream().allMatch(Processes::isRunning)) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                return pids;
            }
            Thread.sleep(50);
        }
    }
}
