package threadlings.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
            expectIllegalState("pid() before start()", () -> child.pid());
        }
    }

    @Test
    @DisplayName("join() before start() throws IllegalStateException")
    void joinBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            expectIllegalState("join() before start()", () -> child.join());
        }
    }

    @Test
    @DisplayName("join(timeout) before start() throws IllegalStateException")
    void timedJoinBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            expectIllegalState("join(1 s) before start()", () -> child.join(Duration.ofSeconds(1)));
        }
    }

    @Test
    @DisplayName("isAlive() is false before start()")
    void isAliveBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            boolean alive;
            try {
                alive = Deadline.call(QUICK, "isAlive() before start()", child::isAlive);
            } catch (RuntimeException e) {
                throw new AssertionError("isAlive() before start() must return false (a child that was never"
                        + " started is not alive), but it threw " + e, e);
            }
            assertFalse(alive, "isAlive() before start() returned true: nothing runs until start() is called");
        }
    }

    @Test
    @DisplayName("terminate() before start() does nothing")
    void terminateBeforeStart() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "1000");
            try {
                Deadline.run(QUICK, "terminate() before start()", child::terminate);
            } catch (RuntimeException e) {
                throw new AssertionError("terminate() before start() must do nothing (there is nothing to stop), but it"
                        + " threw " + e, e);
            }
            assertFalse(child.isAlive(), "terminate() before start() must not start the child");
            assertEquals(List.of(), runningChildren(), "terminate() before start() must not start any process");
        }
    }

    @Test
    @DisplayName("a second start() throws IllegalStateException and starts nothing")
    void startTwice() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "20000");
            child.start();
            long first = child.pid();
            expectIllegalState("a second start()", () -> {
                child.start();
                return null;
            });
            List<Long> running = runningChildren();
            if (!running.equals(List.of(first))) {
                fail("after a second start() this JVM runs the child processes " + running + " instead of only the"
                        + " first child " + first + ": check whether the child was started before starting anything");
            }
            assertEquals(first, child.pid(), "a rejected second start() changed pid()");
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
                fail("pid() returned this JVM's own pid " + pid + ": return the started Process's pid()");
            }
            Optional<Long> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
            if (!Processes.isRunning(pid) || parent.isEmpty() || parent.get() != self) {
                fail("pid() returned " + pid + ", which is not a running child of this JVM (its children: "
                        + runningChildren() + "): return the started Process's pid()");
            }
        }
    }

    @Test
    @DisplayName("isAlive() is true while the child runs and false after join()")
    void isAliveWhileRunning() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Sleeper.class, "600");
            child.start();
            assertTrue(child.isAlive(), "isAlive() returned false right after start(), while the child sleeps 0.6 s");
            int code = Deadline.call(JVM_LIFETIME, "join() on a child that sleeps 0.6 s", child::join);
            assertEquals(0, code, "join() on a child that returned normally from main");
            assertFalse(child.isAlive(), "isAlive() returned true after join() returned: the child has exited");
        }
    }

    @Test
    @DisplayName("terminate() after the child has exited does nothing")
    void terminateAfterExit() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(ExitWith.class, "3");
            child.start();
            int code = Deadline.call(JVM_LIFETIME, "join() on a child that exits with 3", child::join);
            assertEquals(3, code, "join() must return the exit code the child passed to System.exit");
            try {
                Deadline.run(QUICK, "terminate() after the child exited", child::terminate);
            } catch (RuntimeException e) {
                throw new AssertionError("terminate() after the child exited must do nothing, but it threw " + e, e);
            }
            int again = Deadline.call(QUICK, "join() after terminate() on an exited child", child::join);
            assertEquals(3, again, "after terminate() on a child that had already exited, join() must still return"
                    + " its own exit code");
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
            throw new AssertionError(what + " must throw IllegalStateException, but it threw " + e, e);
        }
        fail(what + " must throw IllegalStateException, but it " + (result == null ? "returned normally"
                : "returned " + result));
    }
}
