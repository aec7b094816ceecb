package threadlings.grading;

/**
 * One grader test's verdict.
 *
 * @param name      the test's display name, which reads like the lesson
 * @param group     the display name of the class or group it belongs to
 * @param status    {@code passed}, {@code failed} or {@code skipped}
 * @param message   what went wrong (or why it was skipped); null when it passed
 * @param stack     the failure's stack trace, for locating the student's line; may be null
 * @param lesson    what a lesson test showed the student; may be null
 * @param graded    false for lesson tests, which never count
 * @param timedOut  true when the test ran out of time
 * @param measured  what the test measured and published (CPU use, speedup), by key; empty when nothing
 */
public record TestResult(String name, String group, String status, String message, String stack, String lesson,
                         boolean graded, boolean timedOut, java.util.Map<String, String> measured) {

    public boolean passed() {
        return status.equals("passed");
    }

    public boolean failed() {
        return status.equals("failed");
    }
}
