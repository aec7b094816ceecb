package threadlings.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/** The small promises: what each method does before start(), after exit, and called twice. */
class ChildProcessContractTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration JVM_LIFETIME = Duration.ofSeconds(15);

    @Test
    @DisplayName("pid() before start() throws IllegalStateException")
    void pidBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            expectIllegalState(say("pid() before start()", "在 start() 之前调用 pid()"), () -> child.pid());
        }
    }

    @Test
    @DisplayName("join() before start() throws IllegalStateException")
    void joinBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            expectIllegalState(say("join() before start()", "在 start() 之前调用 join()"), () -> child.join());
        }
    }

    @Test
    @DisplayName("join(timeout) before start() throws IllegalStateException")
    void timedJoinBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            expectIllegalState(say("join(1 s) before start()", "在 start() 之前调用 join(1 s)"),
                    () -> child.join(Duration.ofSeconds(1)));
        }
    }

    @Test
    @DisplayName("isAlive() is false before start()")
    void isAliveBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            boolean alive;
            try {
                alive = Deadline.call(QUICK, say("isAlive() before start()", "在 start() 之前调用 isAlive()"),
                        child::isAlive);
            } catch (RuntimeException e) {
                throw new AssertionError(say("isAlive() before start() must return false (a child that was never"
                        + " started is not alive), but it threw " + e,
                        "在 start() 之前调用 isAlive() 应当返回 false（从未启动的子进程谈不上活着），但它抛出了 " + e), e);
            }
            assertFalse(alive, say("isAlive() before start() returned true: nothing runs until start() is called",
                    "在 start() 之前调用 isAlive() 返回了 true：调用 start() 之前，什么都还没有运行"));
        }
    }

    @Test
    @DisplayName("terminate() before start() does nothing")
    void terminateBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            try {
                Deadline.run(QUICK, say("terminate() before start()", "在 start() 之前调用 terminate()"),
                        child::terminate);
            } catch (RuntimeException e) {
                throw new AssertionError(say("terminate() before start() must do nothing (there is nothing to stop),"
                        + " but it threw " + e,
                        "在 start() 之前调用 terminate() 应当什么也不做（没有需要停止的东西），但它抛出了 " + e), e);
            }
            assertFalse(child.isAlive(), say("terminate() before start() must not start the child",
                    "在 start() 之前调用 terminate() 不能启动子进程"));
            assertEquals(List.of(), runningChildren(), say("terminate() before start() must not start any process",
                    "在 start() 之前调用 terminate() 不能启动任何进程"));
        }
    }

    @Test
    @DisplayName("a second start() throws IllegalStateException and starts nothing")
    void startTwice() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "20000");
            child.start();
            long first = child.pid();
            expectIllegalState(say("a second start()", "第二次调用 start()"), () -> {
                child.start();
                return null;
            });
            List<Long> running = runningChildren();
            if (!running.equals(List.of(first))) {
                fail(say("after a second start() this JVM runs the child processes " + running + " instead of only"
                        + " the first child " + first + ": check whether the child was started before starting"
                        + " anything",
                        "第二次调用 start() 之后，本 JVM 运行着子进程 " + running + "，而不是只有第一个子进程 " + first
                        + "：启动任何进程之前，先检查这个子进程是否已经启动过"));
            }
            assertEquals(first, child.pid(), say("a rejected second start() changed pid()",
                    "被拒绝的第二次 start() 改变了 pid()"));
        }
    }

    @Test
    @DisplayName("pid() is the id of the child JVM that start() started")
    void pidIsTheChild() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "20000");
            child.start();
            long pid = child.pid();
            long self = ProcessHandle.current().pid();
            if (pid == self) {
                fail(say("pid() returned this JVM's own pid " + pid + ": return the started Process's pid()",
                        "pid() 返回了本 JVM 自己的 pid " + pid + "：应返回所启动的 Process 的 pid()"));
            }
            Optional<Long> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
            if (!Processes.isRunning(pid) || parent.isEmpty() || parent.get() != self) {
                List<Long> children = runningChildren();
                fail(say("pid() returned " + pid + ", which is not a running child of this JVM (its children: "
                        + children + "): return the started Process's pid()",
                        "pid() 返回了 " + pid + "，它不是本 JVM 正在运行的子进程（本 JVM 的子进程：" + children
                        + "）：应返回所启动的 Process 的 pid()"));
            }
        }
    }

    @Test
    @DisplayName("isAlive() is true while the child runs and false after join()")
    void isAliveWhileRunning() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "600");
            child.start();
            assertTrue(child.isAlive(), say("isAlive() returned false right after start(), while the child sleeps"
                    + " 0.6 s", "start() 刚返回，isAlive() 就返回了 false，而子进程此时正在睡眠 0.6 秒"));
            int code = Deadline.call(JVM_LIFETIME, say("join() on a child that sleeps 0.6 s",
                    "对睡眠 0.6 秒的子进程调用 join()"), child::join);
            assertEquals(0, code, say("join() on a child that returned normally from main",
                    "对从 main 正常返回的子进程调用 join()"));
            assertFalse(child.isAlive(), say("isAlive() returned true after join() returned: the child has exited",
                    "join() 返回之后 isAlive() 仍然返回 true：子进程已经退出了"));
        }
    }

    @Test
    @DisplayName("terminate() after the child has exited does nothing")
    void terminateAfterExit() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(ExitWith.class, "3");
            child.start();
            int code = Deadline.call(JVM_LIFETIME, say("join() on a child that exits with 3",
                    "对以退出码 3 退出的子进程调用 join()"), child::join);
            assertEquals(3, code, say("join() must return the exit code the child passed to System.exit",
                    "join() 应当返回子进程传给 System.exit 的退出码"));
            try {
                Deadline.run(QUICK, say("terminate() after the child exited", "子进程退出之后调用 terminate()"),
                        child::terminate);
            } catch (RuntimeException e) {
                throw new AssertionError(say("terminate() after the child exited must do nothing, but it threw " + e,
                        "子进程退出之后调用 terminate() 应当什么也不做，但它抛出了 " + e), e);
            }
            int again = Deadline.call(QUICK, say("join() after terminate() on an exited child",
                    "对已退出的子进程调用 terminate() 之后再调用 join()"), child::join);
            assertEquals(3, again, say("after terminate() on a child that had already exited, join() must still"
                    + " return its own exit code",
                    "对已经退出的子进程调用 terminate() 之后，join() 仍应返回该子进程自己的退出码"));
        }
    }

    /** The pids of the processes this JVM started that still run. */
    static List<Long> runningChildren() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).filter(Processes::isRunning)
                .sorted().collect(Collectors.toList());
    }

    private static void expectIllegalState(String what, Deadline.Call<?> call) throws Exception {
        Object result;
        try {
            result = Deadline.call(QUICK, what, call);
        } catch (IllegalStateException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError(say(what + " must throw IllegalStateException, but it threw " + e,
                    what + " 应当抛出 IllegalStateException，但它抛出了 " + e), e);
        }
        fail(say(what + " must throw IllegalStateException, but it " + (result == null ? "returned normally"
                : "returned " + result),
                what + " 应当抛出 IllegalStateException，但它" + (result == null ? "正常返回了" : "返回了 " + result)));
    }
}
