package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/**
 * A program that outlives its timeout, and starts a process of its own ({@link Forker}): killed with it, on time,
 * and what it wrote so far kept.
 *
 * <p>Both tests need the program to have started its child (and written its output) before the timeout. On a
 * very busy machine that can take longer than the first timeout tried; then the run says nothing either way, and
 * the test tries again with a longer one.
 */
class TimeoutTest {

    /** How much later than its timeout run may return, and the processes may still run. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    /** How much longer than its timeout a run may take before the test stops waiting for it. */
    private static final Duration HANG = Duration.ofSeconds(10);

    @Test
    @DisplayName("a program that outlives its timeout is killed with the process it started, within the timeout"
            + " plus a second")
    void killedWithItsChild() throws Exception {
        for (Duration timeout : List.of(Duration.ofSeconds(3), Duration.ofSeconds(8))) {
            try (Runs runs = new Runs()) {
                Path pidFile = runs.pidFile();
                long begin = System.nanoTime();
                Subprocess.Result result = runWatched(Programs.command(Forker.class, pidFile.toString()), timeout,
                        pidFile);
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                List<Long> pids = Runs.pids(pidFile);
                String call = "run(a program that sleeps " + Forker.SLEEP_MILLIS / 1000 + " s, timeout "
                        + Deadline.seconds(timeout) + ")";
                String callZh = "run(睡眠 " + Forker.SLEEP_MILLIS / 1000 + " 秒的程序，超时 " + Deadline.seconds(timeout)
                        + ")";
                if (!result.timedOut()) {
                    fail(say(call + " returned after " + Deadline.seconds(took) + " with timedOut = false, but the"
                            + " program still ran at its timeout: wait at most the timeout"
                            + " (Process.waitFor(timeout, unit)); if it has not exited by then, kill it and set"
                            + " timedOut",
                            callZh + " 过了 " + Deadline.seconds(took) + "才返回，且 timedOut = false，但到超时的时候"
                            + "程序仍在运行：最多只等待超时那么久（Process.waitFor(timeout, unit)）；如果那时它还没有"
                            + "退出，就杀掉它并设置 timedOut"));
                }
                if (took.compareTo(timeout.minusMillis(100)) < 0) {
                    fail(say(call + " returned after only " + took.toMillis() + " ms: wait for the program up to its"
                            + " timeout before killing it",
                            callZh + " 只过了 " + took.toMillis() + " 毫秒就返回了：应等待程序直到超时，再杀掉它"));
                }
                if (pids.size() < 2) {
                    continue; // the program had not even started its child: try again with a longer timeout
                }
                if (took.compareTo(timeout.plus(SLACK)) > 0) {
                    fail(say(call + " returned only after " + Deadline.seconds(took) + ": kill the program as soon as"
                            + " its timeout has passed, and return once it has exited",
                            callZh + " 过了 " + Deadline.seconds(took) + "才返回：超时一过就应杀掉程序，并在它退出后"
                            + "立即返回"));
                }
                long program = pids.get(0);
                long grandchild = pids.get(1);
                if (Processes.isRunning(program)) {
                    fail(say(call + " returned with timedOut = true, but the program (pid " + program + ") still"
                            + " runs: kill it (destroyForcibly()) and wait for it to exit (waitFor()) before returning",
                            callZh + " 返回了 timedOut = true，但程序（pid " + program + "）仍在运行：应杀掉它"
                            + "（destroyForcibly()），等它退出（waitFor()）之后再返回"));
                }
                Duration left = timeout.plus(SLACK).minus(Duration.ofNanos(System.nanoTime() - begin));
                if (!Processes.awaitGone(grandchild, left.compareTo(Duration.ofMillis(300)) < 0
                        ? Duration.ofMillis(300) : left)) {
                    fail(say(call + ": the program had started a process of its own (pid " + grandchild + "), and"
                            + " it still runs " + Deadline.seconds(SLACK) + " after the timeout. Kill the program's"
                            + " descendants too, each process's children before the process: walk down with"
                            + " children(), or take Process.descendants() before killing anything and kill the"
                            + " deepest first, then the program. (Once the program is dead, its child is adopted by"
                            + " another process and is no longer among its descendants.)",
                            callZh + "：程序启动了一个自己的进程（pid " + grandchild + "），超时 "
                            + Deadline.seconds(SLACK) + "之后它仍在运行。还要杀掉程序的后代进程，并且先杀每个进程的"
                            + "子进程，再杀该进程本身：用 children() 逐层往下找，或者在杀掉任何进程之前先取得"
                            + " Process.descendants()，从最深的开始杀，最后杀程序本身。（程序一旦死掉，它的子进程就会"
                            + "被另一个进程收养，不再属于它的后代。）"));
                }
                return;
            }
        }
        fail(say("the program never got to start its own child before its timeout, even with 8 s: the machine is too"
                + " busy to judge this; run the grader again",
                "即使超时设为 8 秒，程序在超时之前也没能启动它自己的子进程：机器太忙，无法判断；请重新运行评分程序"));
    }

    @Test
    @DisplayName("after a timeout, the result holds what the program wrote before it was killed")
    void outputKeptAfterTimeout() throws Exception {
        for (Duration timeout : List.of(Duration.ofMillis(1500), Duration.ofSeconds(5))) {
            try (Runs runs = new Runs()) {
                Path pidFile = runs.pidFile();
                Subprocess.Result result = runWatched(Programs.command(Forker.class, pidFile.toString()), timeout,
                        pidFile);
                if (Runs.pids(pidFile).isEmpty()) {
                    continue; // killed before it wrote anything: try again with a longer timeout
                }
                byte[] out = Forker.OUT.getBytes(StandardCharsets.UTF_8);
                byte[] err = Forker.ERR.getBytes(StandardCharsets.UTF_8);
                if (!Arrays.equals(out, result.stdout()) || !Arrays.equals(err, result.stderr())) {
                    fail(say("before its timeout the program wrote " + Runs.show(out, 60) + " to stdout and "
                            + Runs.show(err, 60) + " to stderr; after it was killed the result has stdout "
                            + Runs.show(result.stdout(), 60) + " and stderr " + Runs.show(result.stderr(), 60)
                            + ". Return what the reading threads have read: after the kill, the pipes end, so let"
                            + " the readers reach their end (join them) before you build the result",
                            "在超时之前，程序向 stdout 写了 " + Runs.show(out, 60) + "，向 stderr 写了 "
                            + Runs.show(err, 60) + "；它被杀掉之后，结果的 stdout 是 " + Runs.show(result.stdout(), 60)
                            + "，stderr 是 " + Runs.show(result.stderr(), 60) + "。请返回读取线程已经读到的内容：程序"
                            + "被杀掉之后管道就会结束，所以要让读取线程读到结尾（join 它们），再构造结果"));
                }
                if (!result.timedOut()) {
                    fail(say("the program was killed at its timeout, but the result's timedOut is false",
                            "程序在超时时被杀掉了，但结果的 timedOut 是 false"));
                }
                return;
            }
        }
        fail(say("the program never got to write its output before its timeout, even with 5 s: the machine is too"
                + " busy to judge this; run the grader again",
                "即使超时设为 5 秒，程序在超时之前也没能写出它的输出：机器太忙，无法判断；请重新运行评分程序"));
    }

    /**
     * {@code run(command, no input, timeout)}; if it has not returned {@link #HANG} after its timeout, fails with
     * what still ran at that moment (looked at before the call is interrupted, which may kill them).
     */
    private static Subprocess.Result runWatched(List<String> command, Duration timeout, Path pidFile)
            throws Exception {
        FutureTask<Subprocess.Result> task = new FutureTask<>(() -> Subprocess.run(command, new byte[0], timeout));
        Thread thread = new Thread(task, "run with a timeout");
        thread.setDaemon(true);
        thread.start();
        Duration limit = timeout.plus(HANG);
        try {
            Subprocess.Result result = task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (result == null) {
                fail(say("run returned null instead of a Result", "run 返回了 null，而不是一个 Result"));
            }
            return result;
        } catch (TimeoutException e) {
            List<Long> pids = Runs.pids(pidFile);
            boolean programRuns = !pids.isEmpty() && Processes.isRunning(pids.get(0));
            boolean childRuns = pids.size() > 1 && Processes.isRunning(pids.get(1));
            thread.interrupt();
            String call = "run(a program that sleeps " + Forker.SLEEP_MILLIS / 1000 + " s, timeout "
                    + Deadline.seconds(timeout) + ") did not return within " + Deadline.seconds(limit);
            String callZh = "run(睡眠 " + Forker.SLEEP_MILLIS / 1000 + " 秒的程序，超时 " + Deadline.seconds(timeout)
                    + ") 在 " + Deadline.seconds(limit) + "内没有返回";
            if (programRuns || pids.isEmpty()) {
                throw new AssertionError(say(call + ", and the program still ran: wait for it at most the timeout,"
                        + " with Process.waitFor(timeout, unit), not waitFor() without a time limit; then kill"
                        + " it",
                        callZh + "，而且程序仍在运行：最多只等它超时那么久，用 Process.waitFor(timeout, unit)，"
                        + "而不是不限时的 waitFor()；然后杀掉它"), null);
            }
            if (childRuns) {
                throw new AssertionError(say(call + ". The program was killed, but the process it started still"
                        + " runs, and a process inherits its parent's pipes on some systems, so your readers never see"
                        + " their end. Kill the program's descendants too, each process's children before the"
                        + " process (walk down with children(), or take Process.descendants() before killing"
                        + " anything and kill the deepest first), then the program",
                        callZh + "。程序已被杀掉，但它启动的进程仍在运行；在某些系统上子进程会继承父进程的管道，"
                        + "所以你的读取线程永远等不到流的结尾。还要杀掉程序的后代进程，并且先杀每个进程的子进程，"
                        + "再杀该进程本身（用 children() 逐层往下找，或者在杀掉任何进程之前先取得"
                        + " Process.descendants()，从最深的开始杀），最后杀程序本身"), null);
            }
            throw new AssertionError(say(call + ", though the program and its child had been killed: after the kill,"
                    + " wait only for the program to exit and for the readers to reach the end of their streams",
                    callZh + "，尽管程序和它的子进程都已被杀掉：杀掉之后，只需等待程序退出、读取线程读到各自流的"
                    + "结尾"), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw new AssertionError(say("run threw " + cause, "run 抛出了 " + cause), cause);
        }
    }
}
