package threadlings.grading;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes each test's verdict to the event log, after two checks of the harness's own: a test that left processes
 * running fails (and they are killed), and a test that ran out of time ends the topic at once, since its runaway
 * thread would disturb every test after it.
 */
final class TopicListener implements TestExecutionListener {

    /** How long processes a test stopped may take to vanish before they count as left running. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(3);
    private static final int STACK_FRAMES = 40;

    private final EventLog log;
    private final String token;
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, String> lessons = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> measured = new ConcurrentHashMap<>();
    private TestPlan plan;

    TopicListener(EventLog log, String token) {
        this.log = log;
        this.token = token;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            startedAt.put(test.getUniqueId(), System.nanoTime());
            log.write(describe(EventLog.event("start"), test));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        // "lesson" is text to show the student; any other key is a measurement (CPU use, speedup) for the report.
        entry.getKeyValuePairs().forEach((key, value) -> {
            if (key.equals("lesson")) {
                lessons.merge(test.getUniqueId(), value, (a, b) -> a + "\n" + b);
            } else {
                measured.computeIfAbsent(test.getUniqueId(), id -> new java.util.LinkedHashMap<>()).put(key, value);
            }
        });
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            log.write(describe(EventLog.event("end"), test).with("status", "skipped").with("message", reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        boolean failedContainer = test.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED;
        if (!test.isTest() && !failedContainer) {
            return;
        }
        Optional<Throwable> thrown = result.getThrowable();
        boolean timedOut = thrown.map(TopicListener::isTimeout).orElse(false);
        String status;
        switch (result.getStatus()) {
            case SUCCESSFUL: status = "passed"; break;
            case ABORTED: status = "skipped"; break;
            default: status = "failed";
        }
        String message = thrown.map(TopicListener::message).orElse(null);
        if (timedOut) {
            message = "did not finish within its time limit: your code is blocked (a deadlock? a wait nobody ends?) "
                    + "or loops forever.\n" + message;
        }
        List<Long> leaked = timedOut ? List.of() : TopicRunner.killLeftovers(token, EXIT_GRACE);
        if (!leaked.isEmpty()) {
            String leak = "left " + leaked.size() + " process(es) running after the test (pids "
                    + leaked.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "); they were killed. Every process your code starts must have ended, or been killed and "
                    + "waited for, by the time the call that owns it returns.";
            message = "passed".equals(status) ? leak : message + "\n\nAlso: " + leak;
            status = "failed";
        }
        Long start = startedAt.remove(test.getUniqueId());
        EventLog.Event e = describe(EventLog.event("end"), test)
                .with("status", status)
                .with("message", message)
                .with("exception", thrown.map(t -> t.getClass().getName()).orElse(null))
                .with("stack", thrown.map(TopicListener::stack).orElse(null))
                .with("lesson", lessons.remove(test.getUniqueId()))
                .with("measured", measured.remove(test.getUniqueId()))
                .with("seconds", start == null ? null : (System.nanoTime() - start) / 1e9);
        if (failedContainer) {
            e.with("container", true);
        }
        if (timedOut) {
            e.with("timedOut", true);
        }
        log.write(e);
        if (timedOut) {
            // The stuck thread may spin on: nothing after it could be measured fairly. End the topic here.
            TopicRunner.killLeftovers(token, EXIT_GRACE);
            log.write(EventLog.event("timeout").with("test", test.getDisplayName()));
            System.out.flush();
            Runtime.getRuntime().halt(TopicRunner.EXIT_TIMED_OUT);
        }
    }

    private EventLog.Event describe(EventLog.Event e, TestIdentifier test) {
        e.with("id", test.getUniqueId()).with("name", test.getDisplayName());
        Optional<TestSource> source = test.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource) {
            MethodSource m = (MethodSource) source.get();
            e.with("class", simpleName(m.getClassName())).with("method", m.getMethodName());
        } else if (source.isPresent() && source.get() instanceof ClassSource) {
            e.with("class", simpleName(((ClassSource) source.get()).getClassName()));
        }
        if (test.getTags().stream().anyMatch(t -> t.getName().equals("lesson"))) {
            e.with("lesson-only", true);
        }
        if (plan != null) {
            plan.getParent(test).ifPresent(parent -> e.with("group", parent.getDisplayName()));
        }
        return e;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof TimeoutException;
    }

    /** The message a student reads: assertion messages as they are, other exceptions with their type. */
    static String message(Throwable t) {
        String m = t.getMessage();
        if (t instanceof AssertionError && m != null && !m.isBlank()) {
            return m;
        }
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        if (lines.length <= STACK_FRAMES) {
            return w.toString();
        }
        return String.join("\n", java.util.Arrays.copyOf(lines, STACK_FRAMES)) + "\n\t...";
    }
}
