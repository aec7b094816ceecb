package threadlings.threads;

import static threadlings.grading.Lang.say;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code loop}: the steps run on a new thread named as asked, the records carry the name that thread reads for
 * itself, loop waits for the thread before returning, and a negative count is refused.
 */
class LoopTest {

    static final String NAME = "LoopThread";
    static final String CALLER = "the-caller";
    /** What the grader's debugger renames the loop's thread to, as it starts. */
    static final String RENAMED = "RenamedByTheGrader";

    @Test
    @DisplayName("loop runs its steps on a new thread named name, and its records say that name")
    void recordsSayTheNewThreadsName() throws Exception {
        Check.loop(NAME, 5, CALLER);
    }

    @Test
    @DisplayName("loop returns only after its thread has finished")
    void waitsForItsThread() throws Exception {
        DebuggedRun run = DebuggedRun.loop(NAME, 3).holdingTheThread().run();
        if (run.returnedWhileHeld) {
            throw new AssertionError(say(
                    "loop(\"" + NAME + "\", 3) returned while the thread it started had not yet run"
                    + " its first step (the grader's debugger held that thread before its first line, and loop"
                    + " returned anyway). loop must wait for its thread to finish, with join(), before it returns"
                    + " the records: until then they are incomplete, and what the thread wrote is not even sure to"
                    + " be visible to the caller.",
                    "loop(\"" + NAME + "\", 3) 返回的时候，它启动的线程还没有执行第一步（评分器的调试器让那个线程停在了"
                    + "第一行之前，而 loop 照样返回了）。loop 必须先用 join() 等它的线程结束，再返回记录：在那之前，"
                    + "记录并不完整，而且线程写下的内容甚至不能保证对调用者可见。"));
        }
        run.requireReturned();
        if (run.starts.isEmpty()) {
            throw new AssertionError(say("loop(\"" + NAME + "\", 3) started no thread: run the steps on a new thread"
                    + " (startNamed), and join it.",
                    "loop(\"" + NAME + "\", 3) 没有启动任何线程：请在一个新线程上运行这些步骤（startNamed），然后"
                    + " join 它。"));
        }
        List<String> expected = Calls.expectedRecords(NAME, 3);
        if (!run.lines.equals(expected)) {
            throw new AssertionError(say("loop(\"" + NAME + "\", 3), called by a program's main thread, returned "
                    + run.lines + "; expected " + expected + ".",
                    "由程序的主线程调用的 loop(\"" + NAME + "\", 3) 返回了 " + run.lines + "；应为 " + expected + "。"));
        }
    }

    @Test
    @DisplayName("loop's records carry the name read inside the thread, not the name passed in")
    void recordsTheNameReadInsideTheThread() throws Exception {
        DebuggedRun run = DebuggedRun.loop(NAME, 3).renamingAtStart(NAME, RENAMED).run();
        run.requireReturned();
        if (run.starts.stream().noneMatch(s -> s.nameAtStart().equals(NAME))) {
            throw new AssertionError(say("loop(\"" + NAME + "\", 3) started no thread named \"" + NAME + "\""
                    + (run.starts.isEmpty() ? "" : " (it started threads named " + run.startedNames()
                    + " when start() was called)") + ": run the steps on a new thread named name (startNamed).",
                    "loop(\"" + NAME + "\", 3) 没有启动名为 \"" + NAME + "\" 的线程"
                    + (run.starts.isEmpty() ? "" : "（调用 start() 的时候，它启动的线程名为 " + run.startedNames() + "）")
                    + "：请在一个名为 name 的新线程上运行这些步骤（startNamed）。"));
        }
        List<String> expected = Calls.expectedRecords(RENAMED, 3);
        if (run.lines.equals(Calls.expectedRecords(NAME, 3))) {
            throw new AssertionError(say(
                    "The grader's debugger renamed the thread loop(\"" + NAME + "\", 3) started to \""
                    + RENAMED + "\" the moment it started, so that thread ran every step under that name; yet the"
                    + " records say \"" + NAME + "\", the name passed in. They copy the parameter instead of reading"
                    + " the thread's name: build each record inside the thread from"
                    + " Thread.currentThread().getName().",
                    "评分器的调试器在 loop(\"" + NAME + "\", 3) 启动的线程开始运行的那一刻，把它改名为 \"" + RENAMED
                    + "\"，所以这个线程的每一步都是以这个名字运行的；可记录里写的却是 \"" + NAME + "\"，也就是传进来的"
                    + "名字。记录照抄了参数，而没有读取线程的名字：请在线程内部用 Thread.currentThread().getName()"
                    + " 来生成每一条记录。"));
        }
        if (!run.lines.equals(expected)) {
            throw new AssertionError(say("loop(\"" + NAME + "\", 3), whose thread the grader renamed \"" + RENAMED
                    + "\" as it started, returned " + run.lines + "; expected " + expected + ": each record holds the"
                    + " name the thread reads for itself, Thread.currentThread().getName().",
                    "评分器在 loop(\"" + NAME + "\", 3) 的线程启动时把它改名为 \"" + RENAMED + "\"；loop 返回了 "
                    + run.lines + "，应为 " + expected + "：每条记录里都是线程自己读到的名字，即"
                    + " Thread.currentThread().getName()。"));
        }
    }

    @Test
    @DisplayName("loop(name, 0) runs no step and returns an empty list")
    void zeroSteps() throws Exception {
        List<String> records = Calls.callOn(CALLER, "loop(\"" + NAME + "\", 0)", () -> Threads.loop(NAME, 0));
        if (records == null || !records.isEmpty()) {
            throw new AssertionError(say("loop(\"" + NAME + "\", 0) returned " + records + "; expected an empty list:"
                    + " zero steps, zero records.",
                    "loop(\"" + NAME + "\", 0) 返回了 " + records + "；应返回空列表：零步，零条记录。"));
        }
    }

    @Test
    @DisplayName("a negative step count is refused with IllegalArgumentException")
    void negativeCountRefused() throws Exception {
        for (int n : new int[] {-1, -2, -1000, Integer.MIN_VALUE}) {
            Check.refused(n);
        }
    }

    /** The checks shared with the properties. */
    static final class Check {

        private Check() {
        }

        /** loop(name, n), called on a thread named {@code callerName}, returns exactly the n records. */
        static void loop(String name, int n, String callerName) throws Exception {
            String call = "loop(" + Calls.quote(name) + ", " + n + ")";
            List<String> records = Calls.callOn(callerName, call, () -> Threads.loop(name, n));
            List<String> expected = Calls.expectedRecords(name, n);
            if (expected.equals(records)) {
                return;
            }
            if (n > 0 && Calls.expectedRecords(callerName, n).equals(records)) {
                throw new AssertionError(say(call + ", called from a thread named " + Calls.quote(callerName)
                        + ", returned"
                        + " records that name that calling thread: the steps ran on the caller, not on a new thread"
                        + " named " + Calls.quote(name) + ". Start a new thread named name and run the steps in its"
                        + " body (calling body.run() yourself runs it on the caller).",
                        "在名为 " + Calls.quote(callerName) + " 的线程上调用 " + call + "，返回的记录写的是这个调用线程的"
                        + "名字：这些步骤是在调用者线程上运行的，而不是在名为 " + Calls.quote(name) + " 的新线程上。请启动"
                        + "一个名为 name 的新线程，在它的线程体里运行这些步骤（自己调用 body.run() 会让它在调用者线程上"
                        + "运行）。"));
            }
            throw new AssertionError(say(call + ", called from a thread named " + Calls.quote(callerName)
                    + ", returned "
                    + shorten(records) + "; expected " + shorten(expected) + ".",
                    "在名为 " + Calls.quote(callerName) + " 的线程上调用 " + call + "，返回了 " + shorten(records)
                    + "；应为 " + shorten(expected) + "。"));
        }

        /** loop(name, n) with n < 0 throws IllegalArgumentException. */
        static void refused(int n) throws Exception {
            String call = "loop(\"" + NAME + "\", " + n + ")";
            Object outcome;
            try {
                outcome = Calls.callOn(CALLER, call, () -> Threads.loop(NAME, n));
            } catch (IllegalArgumentException expected) {
                return;
            } catch (RuntimeException e) {
                outcome = e;
            }
            throw new AssertionError(say(call + (outcome instanceof Throwable ? " threw " + outcome : " returned "
                    + outcome) + ": a negative step count must be refused with IllegalArgumentException (check n"
                    + " before you start the thread).",
                    call + (outcome instanceof Throwable ? " 抛出了 " + outcome : " 返回了 " + outcome) + "：负的步数"
                    + "必须用 IllegalArgumentException 拒绝（在启动线程之前先检查 n）。"));
        }

        private static String shorten(List<String> records) {
            if (records == null || records.size() <= 8) {
                return String.valueOf(records);
            }
            return "[" + String.join(", ", records.subList(0, 4)) + say(", … (" + (records.size() - 6) + " more), ",
                    ", …（另有 " + (records.size() - 6) + " 条）, ")
                    + String.join(", ", records.subList(records.size() - 2, records.size())) + say(
                            "] (" + records.size()
                    + " records)", "]（共 " + records.size() + " 条记录）");
        }
    }
}
