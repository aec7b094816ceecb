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
            Deadline.run(CLOSE, say("close() with 4 tasks of 0.6 s submitted to a pool of 2",
                    "向 2 个工作进程的进程池提交 4 个各需 0.6 秒的任务之后调用 close()"), pool::close);
            for (int i = 1; i <= 4; i++) {
                Outcome o = Outcome.now(futures.get(i - 1));
                if (!o.succeeded() || !o.value().equals("task " + i) || !Files.exists(dir.resolve("task " + i
                        + ".end"))) {
                    boolean started = Files.exists(dir.resolve("task " + i + ".start"));
                    fail(say("4 tasks that sleep 0.6 s were submitted to a pool of 2, then close() was called; when"
                            + " close() returned, task " + i + " " + o.describe() + (started
                            ? "" : " and had never started") + ". close() must refuse new tasks"
                            + " but let every task already submitted run to its end, and only then stop the workers",
                            "向有 2 个工作进程的进程池提交了 4 个各睡眠 0.6 秒的任务，然后调用了 close()；close()"
                            + " 返回时，任务 " + i + " " + o.describe() + (started ? "" : "，而且根本没有开始过")
                            + "。close() 应当拒绝新任务，但要让已经提交的每个任务都运行完，然后才停止工作进程"));
                }
            }
            for (long pid : workers) {
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail(say("close() returned, but worker " + pid + " was still running " + Deadline.seconds(VANISH)
                            + " later: after the last task, stop every worker (close its stdin so that it exits;"
                            + " kill it if it does not) and wait until it has exited",
                            "close() 已经返回，但 " + Deadline.seconds(VANISH) + "之后工作进程 " + pid + " 仍在运行："
                            + "最后一个任务完成后，要停止每个工作进程（关闭它的 stdin 让它退出；它不退出就杀掉它），"
                            + "并等到它退出"));
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
                String what = o.describe();
                fail(say("a task that starts a thread and returns \"lingering\" " + what,
                        "启动一个线程后返回 \"lingering\" 的任务" + what));
            }
            workers.addAll(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            Deadline.run(CLOSE, say("close() on a pool whose worker runs a thread that is not a daemon",
                    "对工作进程里运行着非守护线程的进程池调用 close()"), pool::close);
            for (long pid : workers) {
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail(say("a task left a thread running in worker " + pid + " (and a shutdown hook that waits),"
                            + " so that worker does not end when its stdin closes; close() returned, but the worker"
                            + " was still running " + Deadline.seconds(VANISH) + " later. Give each worker a few"
                            + " seconds to exit, then kill it (destroyForcibly()) and wait until it has exited",
                            "某个任务在工作进程 " + pid + " 里留下了一个仍在运行的线程（还有一个会一直等待的关闭钩子），"
                            + "所以这个工作进程在 stdin 关闭后不会结束；close() 已经返回，但 " + Deadline.seconds(VANISH)
                            + "之后它仍在运行。请给每个工作进程几秒钟时间退出，然后杀掉它（destroyForcibly()），"
                            + "并等到它退出"));
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
                Deadline.run(CLOSE, say("close() called with the interrupt flag set",
                        "在中断标志已置位时调用 close()"), () -> {
                    Thread.currentThread().interrupt();
                    try {
                        pool.close();
                    } finally {
                        stillInterrupted[0] = Thread.interrupted();
                    }
                });
            } catch (RuntimeException e) {
                throw new AssertionError(say("close(), called by a thread whose interrupt flag was set, threw " + e
                        + ". close() has no InterruptedException to throw: when a wait is interrupted, keep waiting,"
                        + " and set the interrupt flag again before returning",
                        "由中断标志已置位的线程调用时，close() 抛出了 " + e + "。close() 不能抛出 InterruptedException："
                        + "等待被中断时要继续等待，并在返回之前重新设置中断标志"), e);
            }
            for (int i = 1; i <= 3; i++) {
                Outcome o = Outcome.now(futures.get(i - 1));
                if (!o.succeeded()) {
                    fail(say("close(), called by a thread whose interrupt flag was set, returned while task " + i
                            + " (of 3 that sleep 0.5 s, in a pool of 2) " + o.describe() + ": a wait (join,"
                            + " waitFor) throws InterruptedException at once when the flag is set. Catch it, keep"
                            + " waiting, and set the flag again before returning",
                            "由中断标志已置位的线程调用时，close() 返回之时任务 " + i + "（共 3 个各睡眠 0.5 秒的任务，"
                            + "进程池有 2 个工作进程）" + o.describe() + "：中断标志已置位时，等待操作（join、waitFor）"
                            + "会立即抛出 InterruptedException。请捕获它，继续等待，并在返回之前重新设置中断标志"));
                }
            }
            if (!stillInterrupted[0]) {
                fail(say("close() cleared the calling thread's interrupt flag: when you catch InterruptedException and"
                        + " go on waiting, call Thread.currentThread().interrupt() before returning, so the caller"
                        + " still learns that it was interrupted",
                        "close() 清除了调用线程的中断标志：捕获 InterruptedException 并继续等待时，要在返回之前调用"
                        + " Thread.currentThread().interrupt()，让调用者仍能知道自己被中断过"));
            }
        }
    }

    @Test
    @DisplayName("after close(), submit() throws IllegalStateException and close() again does nothing")
    void afterClose() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(1);
            Set<Long> workers = new TreeSet<>(Deadline.call(QUICK, "workerPids()", pool::workerPids));
            Deadline.run(CLOSE, say("close() on an idle pool", "对空闲的进程池调用 close()"), pool::close);
            Object result;
            try {
                result = Deadline.call(QUICK, say("submit() after close()", "close() 之后调用 submit()"),
                        () -> pool.submit(Describe.class, "late"));
            } catch (IllegalStateException expected) {
                result = expected;
            } catch (Exception e) {
                throw new AssertionError(say("submit() after close() must throw IllegalStateException, but it threw "
                        + e, "close() 之后调用 submit() 应当抛出 IllegalStateException，但它抛出了 " + e), e);
            }
            if (!(result instanceof IllegalStateException)) {
                fail(say("submit() after close() returned " + result + ": a closed pool must refuse new tasks with"
                        + " IllegalStateException",
                        "close() 之后调用 submit() 返回了 " + result + "：已关闭的进程池应当用 IllegalStateException"
                        + " 拒绝新任务"));
            }
            try {
                Deadline.run(QUICK, say("a second close()", "第二次调用 close()"), pool::close);
            } catch (RuntimeException e) {
                throw new AssertionError(say("a second close() must do nothing, but it threw " + e,
                        "第二次调用 close() 应当什么也不做，但它抛出了 " + e), e);
            }
            for (long pid : workers) {
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail(say("close() on an idle pool returned, but worker " + pid + " was still running "
                            + Deadline.seconds(VANISH) + " later: close() stops every worker and waits for it",
                            "对空闲进程池调用的 close() 已经返回，但 " + Deadline.seconds(VANISH) + "之后工作进程 "
                            + pid + " 仍在运行：close() 要停止每个工作进程，并等待它结束"));
                }
            }
        }
    }
}
