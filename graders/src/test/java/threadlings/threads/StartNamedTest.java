package threadlings.threads;

import static threadlings.grading.Lang.say;

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
            throw new AssertionError(say(
                    "startNamed(\"" + NAME + "\", body) returned null: return the thread you started.",
                    "startNamed(\"" + NAME + "\", body) 返回了 null：请返回你启动的那个线程。"));
        }
        if (state == Thread.State.NEW) {
            throw new AssertionError(say(
                    "startNamed(\"" + NAME + "\", body) returned a thread that was never started (its"
                    + " state is NEW): nothing runs until start() is called. Call start() on the thread before you"
                    + " return it.",
                    "startNamed(\"" + NAME + "\", body) 返回的线程从未启动过（它的状态是 NEW）：调用 start() 之前，"
                    + "什么也不会运行。请在返回线程之前对它调用 start()。"));
        }
        thread.join(Calls.LIMIT.toMillis());
    }

    @Test
    @DisplayName("the thread has its name before it starts, so its body can read no other")
    void namedBeforeItStarts() throws Exception {
        DebuggedRun run = DebuggedRun.startNamed(NAME).run();
        run.requireReturned();
        if (run.returnedId == -1) {
            throw new AssertionError(say(
                    "startNamed(\"" + NAME + "\", body) returned null: return the thread you started.",
                    "startNamed(\"" + NAME + "\", body) 返回了 null：请返回你启动的那个线程。"));
        }
        String atStart = run.nameAtStartOfReturned();
        if (atStart == null) {
            throw new AssertionError(run.starts.isEmpty()
                    ? say("startNamed(\"" + NAME + "\", body) never called start() on the thread it returned (nor on"
                            + " any other): call start() on it before you return it.",
                            "startNamed(\"" + NAME + "\", body) 从没有对它返回的线程调用 start()（对别的线程也没有）："
                            + "请在返回之前对它调用 start()。")
                    : say("startNamed(\"" + NAME + "\", body) started a thread (named " + run.startedNames()
                            + " at the start) but returned another one, never started: return the thread you"
                            + " started.",
                            "startNamed(\"" + NAME + "\", body) 启动了一个线程（启动时名为 " + run.startedNames()
                            + "），返回的却是另一个从未启动的线程：请返回你启动的那个线程。"));
        }
        if (!atStart.equals(NAME)) {
            throw new AssertionError(say("When start() was called on the thread that startNamed(\"" + NAME + "\", body)"
                    + " returns, the thread was named " + Calls.quote(atStart) + " (a debugger read its name at that"
                    + " very moment). You renamed it after start(): its body may already be running by then, and"
                    + " read the old name. Give the thread its name before it starts: new Thread(body, name).",
                    "对 startNamed(\"" + NAME + "\", body) 返回的线程调用 start() 的时候，这个线程的名字是 "
                    + Calls.quote(atStart) + "（调试器恰好在那一刻读取了它的名字）。你在 start() 之后才给它改名："
                    + "那时它的线程体可能已经在运行，读到的是旧名字。请在线程启动之前就给它起好名字："
                    + "new Thread(body, name)。"));
        }
        String seen = run.lines.isEmpty() ? "" : run.lines.get(0);
        if (!seen.equals(NAME)) {
            throw new AssertionError(say("The body given to startNamed(\"" + NAME + "\", body) read the name "
                    + Calls.quote(seen) + " from Thread.currentThread().getName() (\"\" if it never ran within "
                    + WatchedMain.JOIN_MILLIS / 1000 + " s), expected \"" + NAME + "\".",
                    "传给 startNamed(\"" + NAME + "\", body) 的 body 从 Thread.currentThread().getName() 读到的名字是 "
                    + Calls.quote(seen) + "（如果它在 " + WatchedMain.JOIN_MILLIS / 1000 + " 秒内一直没有运行，就是"
                    + " \"\"），应为 \"" + NAME + "\"。"));
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
                boolean neverStarted = returned != null && returned.getState() == Thread.State.NEW;
                throw new AssertionError(say("The body given to " + call + " had not run " + Calls.LIMIT.toSeconds()
                        + " s after startNamed returned" + (neverStarted
                        ? ", and the thread it returned was never started (state NEW)" : "")
                        + ": create a Thread running body and call start() on it.",
                        "startNamed 返回 " + Calls.LIMIT.toSeconds() + " 秒之后，传给 " + call + " 的 body 仍然没有运行"
                        + (neverStarted ? "，而且它返回的线程从未启动过（状态为 NEW）" : "")
                        + "：请创建一个运行 body 的 Thread，并对它调用 start()。"));
            }
            if (ranOn.get() == caller.get()) {
                throw new AssertionError(say("The body given to " + call + " ran on the thread that called startNamed"
                        + " (named " + Calls.quote(callerName) + "), not on a new thread: body.run() (or thread.run())"
                        + " runs it right there. Create a Thread and call start(), which runs the body on the new"
                        + " thread.",
                        "传给 " + call + " 的 body 是在调用 startNamed 的那个线程（名为 " + Calls.quote(callerName)
                        + "）上运行的，而不是在新线程上：body.run()（或 thread.run()）会就地运行它。请创建一个 Thread"
                        + " 并调用 start()，它才会在新线程上运行 body。"));
            }
            if (returned != ranOn.get()) {
                throw new AssertionError(say(call + " returned " + (returned == null ? "null" : "the thread named "
                        + Calls.quote(returned.getName())) + ", but the body ran on another thread (named "
                        + Calls.quote(seen.get()) + "): return the thread that runs the body.",
                        call + " 返回了" + (returned == null ? " null" : "名为 " + Calls.quote(returned.getName())
                        + " 的线程") + "，但 body 是在另一个线程（名为 " + Calls.quote(seen.get()) + "）上运行的："
                        + "请返回运行 body 的那个线程。"));
            }
            if (!name.equals(seen.get())) {
                throw new AssertionError(say("The body given to " + call + " read its thread's name as "
                        + Calls.quote(seen.get()) + " (Thread.currentThread().getName()), expected " + Calls.quote(name)
                        + ": give the thread its name when you create it, new Thread(body, name).",
                        "传给 " + call + " 的 body 读到的线程名（Thread.currentThread().getName()）是 "
                        + Calls.quote(seen.get()) + "，应为 " + Calls.quote(name) + "：请在创建线程时就给它起名，"
                        + "new Thread(body, name)。"));
            }
            returned.join(Calls.LIMIT.toMillis());
        }
    }
}
