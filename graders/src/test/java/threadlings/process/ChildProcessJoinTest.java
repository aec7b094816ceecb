package threadlings.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** join() and join(timeout): the exit code, and waiting neither too short nor too long. */
class ChildProcessJoinTest {

    /** Long enough for a child JVM to start, run and exit on a busy machine. */
    private static final Duration JVM_LIFETIME = Duration.ofSeconds(15);
    /** How much later than its timeout join(timeout) may return: generous, so a busy machine fails no one. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    // No shrinking: each step would start a JVM, and a step that outlives jqwik's shrinking time limit is left
    // running in the background, starting children while the next tests run and confusing their checks.
    @Property(tries = 6, shrinking = ShrinkingMode.OFF)
    @Label("join() returns the exit code the child exited with")
    void exitCodesPassThrough(@ForAll @IntRange(min = 0, max = 255) int code) throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(ExitWith.class, String.valueOf(code));
            Deadline.run(JVM_LIFETIME, "start()", child::start);
            int joined = Deadline.call(JVM_LIFETIME, say("join() on a child that exits at once",
                    "对立即退出的子进程调用 join()"), child::join);
            assertEquals(code, joined, say("the child called System.exit(" + code + "), so join() must return " + code,
                    "子进程调用了 System.exit(" + code + ")，所以 join() 应当返回 " + code));
        }
    }

    @Test
    @DisplayName("join() returns a non-zero exit code, and 1 when main threw")
    void nonZeroExitCodes() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess exits = new ChildProcess(ExitWith.class, "42");
            ChildProcess throwing = new ChildProcess(Thrower.class);
            exits.start();
            throwing.start();
            int code = Deadline.call(JVM_LIFETIME, say("join() on a child that exits with 42",
                    "对以退出码 42 退出的子进程调用 join()"), exits::join);
            assertEquals(42, code, say("the child called System.exit(42), so join() must return 42 (return what"
                    + " Process.waitFor() returns)",
                    "子进程调用了 System.exit(42)，所以 join() 应当返回 42（返回 Process.waitFor() 的返回值）"));
            int thrown = Deadline.call(JVM_LIFETIME, say("join() on a child whose main throws",
                    "对 main 抛出异常的子进程调用 join()"), throwing::join);
            assertEquals(1, thrown, say("a JVM whose main throws exits with 1, so join() must return 1",
                    "main 抛出异常的 JVM 以退出码 1 退出，所以 join() 应当返回 1"));
            String output = throwing.output();
            String shown = Texts.escape(output);
            assertTrue(output.contains(Thrower.MESSAGE), say("the child's main threw, so the JVM printed the stack"
                    + " trace to stderr, and output() must hold it (stderr merged into stdout); output() was \""
                    + shown + "\"",
                    "子进程的 main 抛出了异常，于是 JVM 把栈轨迹打印到了 stderr，output() 应当包含它（stderr 合并进"
                    + " stdout）；而 output() 的内容是 \"" + shown + "\""));
        }
    }

    @Test
    @DisplayName("join(timeout) returns empty when the child still runs at the timeout, and leaves it running")
    void timedJoinTimesOut() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "30000");
            child.start();
            Duration timeout = Duration.ofMillis(800);
            long begin = System.nanoTime();
            OptionalInt result = Deadline.call(timeout.plus(Duration.ofSeconds(5)),
                    say("join(0.8 s) on a child that sleeps 30 s (it must give up after its timeout)",
                            "对睡眠 30 秒的子进程调用 join(0.8 s)（超时之后它应当放弃等待）"),
                    () -> child.join(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            if (result.isPresent()) {
                fail(say("join(0.8 s) on a child that sleeps 30 s returned " + result.getAsInt() + " after "
                        + Deadline.seconds(took) + ": it must return an empty OptionalInt when the time is up and"
                        + " the child still runs",
                        "对睡眠 30 秒的子进程调用 join(0.8 s)，" + Deadline.seconds(took) + "后返回了 "
                        + result.getAsInt() + "：时间到了而子进程仍在运行时，它应当返回空的 OptionalInt"));
            }
            if (took.compareTo(timeout.minusMillis(20)) < 0) {
                fail(say("join(0.8 s) returned empty after only " + took.toMillis() + " ms: it must wait for the"
                        + " child up to its timeout before giving up (Process.waitFor(timeout, unit)), not look"
                        + " once and return",
                        "join(0.8 s) 只过了 " + took.toMillis() + " 毫秒就返回了空值：它应当等待子进程，直到超时才放弃"
                        + "（Process.waitFor(timeout, unit)），而不是看一眼就返回"));
            }
            if (took.compareTo(timeout.plus(SLACK)) > 0) {
                fail(say("join(0.8 s) returned only after " + Deadline.seconds(took) + ": it must give up once its"
                        + " timeout has passed",
                        "join(0.8 s) 过了 " + Deadline.seconds(took) + "才返回：超时一到，它就应当放弃等待"));
            }
            assertTrue(child.isAlive(), say("join(timeout) must only wait: after it returned empty the child must"
                    + " still run, but isAlive() is false",
                    "join(timeout) 只应等待：它返回空值之后子进程应当仍在运行，但 isAlive() 是 false"));
        }
    }

    @Test
    @DisplayName("join(timeout) returns the exit code as soon as the child exits")
    void timedJoinReturnsCode() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(ExitWith.class, "7");
            child.start();
            Duration timeout = Duration.ofSeconds(20);
            long begin = System.nanoTime();
            OptionalInt result = Deadline.call(timeout.plus(Duration.ofSeconds(2)),
                    say("join(20 s) on a child that exits at once", "对立即退出的子进程调用 join(20 s)"),
                    () -> child.join(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            assertEquals(OptionalInt.of(7), result, say("the child exited with 7 well within the 20 s timeout, so"
                    + " join(20 s) must return OptionalInt.of(7)",
                    "子进程远在 20 秒的超时之前就以退出码 7 退出了，所以 join(20 s) 应当返回 OptionalInt.of(7)"));
            if (took.compareTo(JVM_LIFETIME) > 0) {
                fail(say("join(20 s) on a child that exits at once returned only after " + Deadline.seconds(took)
                        + ": it must return as soon as the child exits, not sleep through its timeout",
                        "对立即退出的子进程调用 join(20 s)，过了 " + Deadline.seconds(took)
                        + "才返回：子进程一退出它就应当返回，而不是一直睡到超时"));
            }
        }
    }
}
