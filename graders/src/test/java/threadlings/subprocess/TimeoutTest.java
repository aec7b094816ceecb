package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;

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
                if (!result.timedOut()) {
                    fail(call + " returned after " + Deadline.seconds(took) + " with timedOut = false, but the"
                            + " program still ran at its timeout: wait at most the timeout"
                            + " (Process.waitFor(timeout, unit)); if it has not exited by then, kill it and set"
                            + " timedOut");
                }
                if (took.compareTo(timeout.minusMillis(100)) < 0) {
                    fail(call + " returned after only " + took.toMillis() + " ms: wait for the program up to its"
                            + " timeout before killing it");
                }
                if (pids.size() < 2) {
                    continue; // the program had not even started its child: try again with a longer timeout
                }
                if (took.compareTo(timeout.plus(SLACK)) > 0) {
                    fail(call + " returned only after " + Deadline.seconds(took) + ": kill the program as soon as"
                            + " its timeout has passed, and return once it has exited");
                }
                long program = pids.get(0);
                long grandchild = pids.get(1);
                if (Processes.isRunning(program)) {
                    fail(call + " returned with timedOut = true, but the program (pid " + program + ") still runs:"
                            + " kill it (destroyForcibly()) and wait for it to exit (waitFor()) before returning");
                }
                Duration left = timeout.plus(SLACK).minus(Duration.ofNanos(System.nanoTime() - begin));
                if (!Processes.awaitGone(grandchild, left.compareTo(Duration.ofMillis(300)) < 0
                        ? Duration.ofMillis(300) : left)) {
                    fail(call + ": the program had started a process of its own (pid " + grandchild + "), and it"
                            + " still runs " + Deadline.seconds(SLACK) + " after the timeout. Kill the program's"
                            + " descendants too, each process's children before the process: walk down with"
                            + " children(), or take Process.descendants() before killing anything and kill the"
                            + " deepest first, then the program. (Once the program is dead, its child is adopted by"
                            + " another process and is no longer among its descendants.)");
                }
                return;
            }
        }
        fail("the program never got to start its own child before its timeout, even with 8 s: the machine is too"
                + " busy to judge this; run the grader again");
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
                    fail("before its timeout the program wrote " + Runs.show(out, 60) + " to stdout and "
                            + Runs.show(err, 60) + " to stderr; after it was killed the result has stdout "
                            + Runs.show(result.stdout(), 60) + " and stderr " + Runs.show(result.stderr(), 60)
                            + ". Return what the reading threads have read: after the kill, the pipes end, so let"
                            + " the readers reach their end (join them) before you build the result");
                }
                if (!result.timedOut()) {
                    fail("the program was killed at its timeout, but the result's timedOut is false");
                }
                return;
            }
        }
        fail("the program never got to write its output before its timeout, even with 5 s: the machine is too"
                + " busy to judge this; run the grader again");
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
                fail("run returned null instead of a Result");
            }
            return result;
        } catch (TimeoutException e) {
            List<Long> pids = Runs.pids(pidFile);
            boolean programRuns = !pids.isEmpty() && Processes.isRunning(pids.get(0));
            boolean childRuns = pids.size() > 1 && Processes.isRunning(pids.get(1));
            thread.interrupt();
            String call = "run(a program that sleeps " + Forker.SLEEP_MILLIS / 1000 + " s, timeout "
                    + Deadline.seconds(timeout) + ") did not return within " + Deadline.seconds(limit);
            if (programRuns || pids.isEmpty()) {
                throw new AssertionError(call + ", and the program still ran: wait for it at most the timeout,"
                        + " with Process.waitFor(timeout, unit), not waitFor() without a time limit; then kill"
                        + " it", null);
            }
            if (childRuns) {
                throw new AssertionError(call + ". The program was killed, but the process it started still runs,"
                        + " and a process inherits its parent's pipes on some systems, so your readers never see"
                        + " their end. Kill the program's descendants too, each process's children before the"
                        + " process (walk down with children(), or take Process.descendants() before killing"
                        + " anything and kill the deepest first), then the program", null);
            }
            throw new AssertionError(call + ", though the program and its child had been killed: after the kill,"
                    + " wait only for the program to exit and for the readers to reach the end of their streams",
                    null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw new AssertionError("run threw " + cause, cause);
        }
    }
}
