package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

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
            String taskZh = "任务 Fail（它会抛出 new IllegalStateException(\"" + Texts.escape(message) + "\")）";
            if (failed.pending()) {
                fail(say(task + " did not complete its future within " + Deadline.seconds(TASKS) + ": when apply"
                        + " throws, the worker must catch it and reply with a failure, and the pool must fail the"
                        + " future with a PoolTaskException",
                        taskZh + "没有在 " + Deadline.seconds(TASKS) + "内完成它的 future：apply 抛出异常时，工作进程"
                        + "应当捕获它并回复一个失败，进程池则应当以 PoolTaskException 让这个 future 失败"));
            }
            if (failed.failure() == null) {
                fail(say(task + " has a future that " + failed.describe() + ": it must fail with a PoolTaskException",
                        taskZh + "的 future " + failed.describe() + "：它应当以 PoolTaskException 失败"));
            }
            if (!(failed.failure() instanceof PoolTaskException)) {
                fail(say(task + " has a future that failed with " + failed.failure() + ": it must fail with a"
                        + " PoolTaskException (completeExceptionally(new PoolTaskException(...)))",
                        taskZh + "的 future 以 " + failed.failure() + " 失败了：它应当以 PoolTaskException 失败"
                        + "（completeExceptionally(new PoolTaskException(...))）"));
            }
            String got = String.valueOf(failed.failure().getMessage());
            if (!got.contains("IllegalStateException") || !got.contains(message)) {
                fail(say(task + " failed with a PoolTaskException whose message is \"" + Texts.escape(got) + "\":"
                        + " it must name the exception's class (IllegalStateException) and hold its message whole,"
                        + " line breaks and all. The worker can send e.toString(), which gives both",
                        taskZh + "以 PoolTaskException 失败了，但它的消息是 \"" + Texts.escape(got) + "\"：消息应当"
                        + "写出异常的类名（IllegalStateException），并完整包含异常自己的消息，连换行也不能少。工作进程"
                        + "可以发送 e.toString()，两者就都有了"));
            }
            String[] inputs = {"before", null, "after", "and after that"};
            for (int i : new int[] {0, 2, 3}) {
                String expected = new Describe().apply(inputs[i]);
                if (!outcomes.get(i).succeeded() || !expected.equals(outcomes.get(i).value())) {
                    fail(say("a task that throws must fail only its own future: the task submitted "
                            + (i == 0 ? "just before" : "after") + " it (Describe on \"" + inputs[i] + "\") "
                            + outcomes.get(i).describe() + ", but must return \"" + expected + "\". The worker must"
                            + " catch what apply throws, reply with a failure and go on to the next task",
                            "抛出异常的任务只应让它自己的 future 失败：" + (i == 0 ? "紧挨着在它之前" : "在它之后")
                            + "提交的任务（Describe，输入 \"" + inputs[i] + "\"）" + outcomes.get(i).describe()
                            + "，但它应当返回 \"" + expected + "\"。工作进程应当捕获 apply 抛出的异常，回复一个失败，"
                            + "然后接着处理下一个任务"));
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
                String taskZh = "调用 " + how[i] + " 的任务会结束运行它的工作进程，所以它的 future 应当以"
                        + " PoolTaskException 失败；但它";
                if (o.pending()) {
                    fail(say(task + "had not completed " + Deadline.seconds(TASKS) + " after it was submitted. When"
                            + " the worker dies, its stdout ends before the reply (read() returns -1, readInt throws"
                            + " EOFException): fail the future then",
                            taskZh + "在提交 " + Deadline.seconds(TASKS) + "之后仍未完成。工作进程死掉时，它的 stdout"
                            + " 会在回复之前结束（read() 返回 -1，readInt 抛出 EOFException）：这时就让 future 失败"));
                }
                if (!(o.failure() instanceof PoolTaskException)) {
                    fail(say(task + o.describe(), taskZh + o.describe()));
                }
            }
            Set<Long> dead = new TreeSet<>();
            for (Path file : List.of(haltedPid, exitedPid)) {
                dead.add(Long.parseLong(Files.readString(file).trim()));
            }
            List<Long> pids = awaitFullPool(pool, 2, dead);
            if (pids != null) {
                fail(say(Deadline.seconds(REPLACED) + " after the tasks in workers " + dead + " ended their workers,"
                        + " workerPids() is " + pids + ": a dead worker must be replaced by a new one (start"
                        + " another worker JVM when you notice the death), so that the pool again has 2 live"
                        + " workers",
                        "工作进程 " + dead + " 中的任务结束了各自的工作进程，" + Deadline.seconds(REPLACED)
                        + "之后 workerPids() 是 " + pids + "：死掉的工作进程应当由新的工作进程替代（一发现它死了，"
                        + "就再启动一个工作进程 JVM），让进程池重新拥有 2 个活着的工作进程"));
            }
            List<Outcome> outcomes = Outcome.awaitAll(after, TASKS);
            for (int i = 0; i < after.size(); i++) {
                String expected = new Describe().apply("after the deaths " + i);
                if (!outcomes.get(i).succeeded() || !expected.equals(outcomes.get(i).value())) {
                    fail(say("after two tasks ended their workers, the tasks submitted behind them must still run on"
                            + " the new workers, but task " + (i + 1) + " of them " + outcomes.get(i).describe(),
                            "两个任务结束了各自的工作进程之后，排在它们后面提交的任务仍应在新的工作进程上运行，但其中的"
                            + "任务 " + (i + 1) + " " + outcomes.get(i).describe()));
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
                    fail(say("a task that returns its worker's pid " + o.describe(),
                            "返回所在工作进程 pid 的任务" + o.describe()));
                }
            }
            List<Long> before = Deadline.call(QUICK, "workerPids()", pool::workerPids);
            long victim = before.get(0);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            if (!Processes.awaitGone(victim, QUICK)) {
                fail(say("the grader could not kill worker " + victim, "评分程序没能杀掉工作进程 " + victim));
            }
            List<Long> pids = awaitFullPool(pool, 2, Set.of(victim));
            if (pids != null) {
                fail(say("worker " + victim + " was killed while it waited for work, and " + Deadline.seconds(REPLACED)
                        + " later workerPids() is " + pids + " (it was " + before + "): notice a worker's death"
                        + " while it is idle too (check Process.isAlive() now and then, or use Process.onExit()),"
                        + " and start a new worker in its place",
                        "工作进程 " + victim + " 在等待任务时被杀掉了，" + Deadline.seconds(REPLACED) + "之后"
                        + " workerPids() 是 " + pids + "（之前是 " + before + "）：工作进程空闲时死掉也要能发现"
                        + "（时不时检查 Process.isAlive()，或者使用 Process.onExit()），并启动一个新的工作进程替代它"));
            }
            CompletableFuture<String> next = Deadline.call(QUICK, "submit()",
                    () -> pool.submit(Describe.class, "still working"));
            Outcome o = Outcome.await(next, System.nanoTime() + TASKS.toNanos());
            if (!o.succeeded() || !new Describe().apply("still working").equals(o.value())) {
                fail(say("after an idle worker was killed and replaced, a new task " + o.describe(),
                        "一个空闲的工作进程被杀掉并被替代之后，新提交的任务" + o.describe()));
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
