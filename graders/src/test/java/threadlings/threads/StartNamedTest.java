package threadlings.threads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code startNamed}: the body runs on a new thread, that thread has the given name from its very first line, and
 * startNamed returns it started.
 */
class StartNamedTest {

    static final String NAME = "LoopThread";
    private static final String CALLER = "the grader's calling thread";

    @Test
    @DisplayName("startNamed runs the body on a new thread with the given name, and returns that thread")
    void runsTheBodyOnANewNamedThread() throws Exception {
        Check.startNamed(NAME, CALLER);
    }

    @Test
    @DisplayName("startNamed returns the thread already started")
    void returnsTheThreadStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Runnable body = () -> {
            try {
                release.await(Calls.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread thread = Calls.call("startNamed(\"" + NAME + "\", body)", () -> Threads.startNamed(NAME, body));
        Thread.State state = thread == null ? null : thread.getState();
        release.countDown();
        if (thread == null) {
            throw new AssertionError("startNamed(\"" + NAME + "\", body) returned null: return the thread you started.");
        }
        if (state == Thread.State.NEW) {
            throw new AssertionError("startNamed(\"" + NAME + "\", body) returned a thread that was never started (its"
                    + " state is NEW): nothing runs until start() is called. Call start() on the thread before you"
                    + " return it.");
        }
        thread.join(Calls.LIMIT.toMillis());
    }

    @Test
    @DisplayName("the thread has its name before it starts, so its body can read no other")
    void namedBeforeItStarts() throws Exception {
        DebuggedRun run = DebuggedRun.startNamed(NAME).run();
        run.requireReturned();
        if (run.returnedId == -1) {
            throw new AssertionError("startNamed(\"" + NAME + "\", body) returned null: return the thread you started.");
        }
        String atStart = run.nameAtStartOfReturned();
        if (atStart == null) {
            throw new AssertionError(run.starts.isEmpty()
                    ? "startNamed(\"" + NAME + "\", body) never called start() on the thread it returned (nor on"
                            + " any other): call start() on it before you return it."
                    : "startNamed(\"" + NAME + "\", body) started a thread (named " + run.startedNames()
                            + " at the start) but returned another one, never started: return the thread you"
                            + " started.");
        }
        if (!atStart.equals(NAME)) {
            throw new AssertionError("When start() was called on the thread that startNamed(\"" + NAME + "\", body)"
                    + " returns, the thread was named " + Calls.quote(atStart) + " (a debugger read its name at that"
                    + " very moment). You renamed it after start(): its body may already be running by then, and"
                    + " read the old name. Give the thread its name before it starts: new Thread(body, name).");
        }
        String seen = run.lines.isEmpty() ? "" : run.lines.get(0);
        if (!seen.equals(NAME)) {
            throw new AssertionError("The body given to startNamed(\"" + NAME + "\", body) read the name "
                    + Calls.quote(seen) + " from Thread.currentThread().getName() (\"\" if it never ran within "
                    + WatchedMain.JOIN_MILLIS / 1000 + " s), expected \"" + NAME + "\".");
        }
    }

    /** The checks shared with the properties. */
    static final class Check {

        private Check() {
        }

        /**
         * startNamed(name, body) called on a thread named {@code callerName}: the body runs, on a new thread, the
         * one returned, which reads {@code name} as its own name.
         */
        static void startNamed(String name, String callerName) throws Exception {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicReference<String> seen = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            Runnable body = () -> {
                seen.set(Thread.currentThread().getName());
                ranOn.set(Thread.currentThread());
                ran.countDown();
            };
            String call = "startNamed(" + Calls.quote(name) + ", body)";
            AtomicReference<Thread> caller = new AtomicReference<>();
            Thread returned = Calls.callOn(callerName, call, () -> {
                caller.set(Thread.currentThread());
                return Threads.startNamed(name, body);
            });
            if (!ran.await(Calls.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The body given to " + call + " had not run " + Calls.LIMIT.toSeconds()
                        + " s after startNamed returned" + (returned != null && returned.getState()
                        == Thread.State.NEW ? ", and the thread it returned was never started (state NEW)" : "")
                        + ": create a Thread running body and call start() on it.");
            }
            if (ranOn.get() == caller.get()) {
                throw new AssertionError("The body given to " + call + " ran on the thread that called startNamed"
                        + " (named " + Calls.quote(callerName) + "), not on a new thread: body.run() (or thread.run())"
                        + " runs it right there. Create a Thread and call start(), which runs the body on the new"
                        + " thread.");
            }
            if (returned != ranOn.get()) {
                throw new AssertionError(call + " returned " + (returned == null ? "null" : "the thread named "
                        + Calls.quote(returned.getName())) + ", but the body ran on another thread (named "
                        + Calls.quote(seen.get()) + "): return the thread that runs the body.");
            }
            if (!name.equals(seen.get())) {
                throw new AssertionError("The body given to " + call + " read its thread's name as "
                        + Calls.quote(seen.get()) + " (Thread.currentThread().getName()), expected " + Calls.quote(name)
                        + ": give the thread its name when you create it, new Thread(body, name).");
            }
            returned.join(Calls.LIMIT.toMillis());
        }
    }
}
