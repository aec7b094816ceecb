package threadlings.threads;

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
            throw new AssertionError("loop(\"" + NAME + "\", 3) returned while the thread it started had not yet run"
                    + " its first step (the grader's debugger held that thread before its first line, and loop"
                    + " returned anyway). loop must wait for its thread to finish, with join(), before it returns"
                    + " the records: until then they are incomplete, and what the thread wrote is not even sure to"
                    + " be visible to the caller.");
        }
        run.requireReturned();
        if (run.starts.isEmpty()) {
            throw new AssertionError("loop(\"" + NAME + "\", 3) started no thread: run the steps on a new thread"
                    + " (startNamed), and join it.");
        }
        List<String> expected = Calls.expectedRecords(NAME, 3);
        if (!run.lines.equals(expected)) {
            throw new AssertionError("loop(\"" + NAME + "\", 3), called by a program's main thread, returned "
                    + run.lines + "; expected " + expected + ".");
        }
    }

    @Test
    @DisplayName("loop's records carry the name read inside the thread, not the name passed in")
    void recordsTheNameReadInsideTheThread() throws Exception {
        DebuggedRun run = DebuggedRun.loop(NAME, 3).renamingAtStart(NAME, RENAMED).run();
        run.requireReturned();
        if (run.starts.stream().noneMatch(s -> s.nameAtStart().equals(NAME))) {
            throw new AssertionError("loop(\"" + NAME + "\", 3) started no thread named \"" + NAME + "\""
                    + (run.starts.isEmpty() ? "" : " (it started threads named " + run.startedNames()
                    + " when start() was called)") + ": run the steps on a new thread named name (startNamed).");
        }
        List<String> expected = Calls.expectedRecords(RENAMED, 3);
        if (run.lines.equals(Calls.expectedRecords(NAME, 3))) {
            throw new AssertionError("The grader's debugger renamed the thread loop(\"" + NAME + "\", 3) started to \""
                    + RENAMED + "\" the moment it started, so that thread ran every step under that name; yet the"
                    + " records say \"" + NAME + "\", the name passed in. They copy the parameter instead of reading"
                    + " the thread's name: build each record inside the thread from"
                    + " Thread.currentThread().getName().");
        }
        if (!run.lines.equals(expected)) {
            throw new AssertionError("loop(\"" + NAME + "\", 3), whose thread the grader renamed \"" + RENAMED
                    + "\" as it started, returned " + run.lines + "; expected " + expected + ": each record holds the"
                    + " name the thread reads for itself, Thread.currentThread().getName().");
        }
    }

    @Test
    @DisplayName("loop(name, 0) runs no step and returns an empty list")
    void zeroSteps() throws Exception {
        List<String> records = Calls.callOn(CALLER, "loop(\"" + NAME + "\", 0)", () -> Threads.loop(NAME, 0));
        if (records == null || !records.isEmpty()) {
            throw new AssertionError("loop(\"" + NAME + "\", 0) returned " + records + "; expected an empty list:"
                    + " zero steps, zero records.");
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
                throw new AssertionError(call + ", called from a thread named " + Calls.quote(callerName) + ", returned"
                        + " records that name that calling thread: the steps ran on the caller, not on a new thread"
                        + " named " + Calls.quote(name) + ". Start a new thread named name and run the steps in its"
                        + " body (calling body.run() yourself runs it on the caller).");
            }
            throw new AssertionError(call + ", called from a thread named " + Calls.quote(callerName) + ", returned "
                    + shorten(records) + "; expected " + shorten(expected) + ".");
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
            throw new AssertionError(call + (outcome instanceof Throwable ? " threw " + outcome : " returned "
                    + outcome) + ": a negative step count must be refused with IllegalArgumentException (check n"
                    + " before you start the thread).");
        }

        private static String shorten(List<String> records) {
            if (records == null || records.size() <= 8) {
                return String.valueOf(records);
            }
            return "[" + String.join(", ", records.subList(0, 4)) + ", … (" + (records.size() - 6) + " more), "
                    + String.join(", ", records.subList(records.size() - 2, records.size())) + "] (" + records.size()
                    + " records)";
        }
    }
}
