package threadlings.grading;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Writes each test's verdict to the event log, after checks of the harness's own: a test that left processes
 * running fails (and they are killed); a test that left a thread of the student's code running that is not a
 * daemon fails (Java cannot stop it, and such a thread keeps a program from ever ending); a failed test that left
 * the student's threads deadlocked says so; and a test that ran out of time ends the topic at once, since its
 * runaway thread would disturb every test after it, with where the student's code was stuck.
 */
final class TopicListener implements TestExecutionListener {

    /** How long processes a test stopped may take to vanish before they count as left running. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(3);
    private static final int STACK_FRAMES = 40;

    private final EventLog log;
    private final String token;
    private final Set<String> student;
    private final Map<String, Set<Thread>> threadsAtStart = new ConcurrentHashMap<>();
    /** Deadlocked threads already described: a deadlock lasts forever, and is told once. */
    private final Set<Long> toldDeadlocked = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, String> lessons = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> measured = new ConcurrentHashMap<>();
    private TestPlan plan;

    TopicListener(EventLog log, String token, Set<String> student) {
        this.log = log;
        this.token = token;
        this.student = student;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            startedAt.put(test.getUniqueId(), System.nanoTime());
            threadsAtStart.put(test.getUniqueId(), new HashSet<>(Thread.getAllStackTraces().keySet()));
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
        String diagnosis = null;
        if (timedOut) {
            diagnosis = stuck();
            message = Lang.say("did not finish within its time limit: ", "没有在时限内完成：")
                    + (diagnosis != null ? diagnosis : Lang.say("your code is blocked (a deadlock? a wait nobody "
                    + "ends?) or loops forever.", "你的代码被阻塞了（死锁？一个永远等不到结果的等待？），或者陷入了死循环。"))
                    + "\n" + message;
        }
        Set<Thread> before = threadsAtStart.remove(test.getUniqueId());
        List<Long> leaked = timedOut ? List.of() : TopicRunner.killLeftovers(token, EXIT_GRACE);
        if (!leaked.isEmpty()) {
            String leak = Lang.say("left " + leaked.size() + " process(es) running after the test (pids "
                    + leaked.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "); they were killed. Every process your code starts must have ended, or been killed and "
                    + "waited for, by the time the call that owns it returns.",
                    "测试结束后仍有 " + leaked.size() + " 个进程在运行（pid "
                    + leaked.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "），它们已被杀掉。你的代码启动的每个进程，都必须在拥有它的那次调用返回之前结束，或者被杀掉并等到它退出。");
            message = also(status, message, leak);
            status = "failed";
        }
        List<Thread> kept = timedOut || before == null ? List.of() : keptRunning(before, EXIT_GRACE);
        if (!kept.isEmpty()) {
            String keep = keptMessage(kept);
            message = also(status, message, keep);
            status = "failed";
        }
        if (!timedOut && "failed".equals(status)) {
            String deadlock = deadlock(true);
            if (deadlock != null) {
                message = message + Lang.say("\n\nAlso: ", "\n\n另外：") + deadlock;
            }
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
            e.with("timedOut", true).with("diagnosis", diagnosis);
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

    /**
     * A test's message once the harness found {@code problem} after it: the problem alone for a test that passed,
     * first for one that was skipped (the reason follows), after the failure for one that failed.
     */
    private static String also(String status, String message, String problem) {
        if ("failed".equals(status)) {
            return message + Lang.say("\n\nAlso: ", "\n\n另外：") + problem;
        }
        return message == null ? problem : problem + Lang.say("\n\n(The test was also skipped: ", "\n\n（这个测试也被跳过了：")
                + message + Lang.say(")", "）");
    }

    /**
     * The threads that started during a test and, {@code grace} after it, still run: those that are not daemons
     * and are running the student's code. A thread cannot be stopped from outside, so they stay; each is reported
     * by the test that started it only.
     */
    private List<Thread> keptRunning(Set<Thread> before, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> kept = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (before.contains(t) || t.isDaemon() || !t.isAlive() || studentFrame(e.getValue()) == null) {
                continue;
            }
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                kept.add(t);
            }
        }
        return kept;
    }

    private String keptMessage(List<Thread> kept) {
        List<String> names = new ArrayList<>();
        for (Thread t : kept.subList(0, Math.min(3, kept.size()))) {
            String where = studentFrame(t.getStackTrace());
            names.add("\"" + t.getName() + "\"" + (where == null ? "" : Lang.say(" at ", "，位于 ") + where));
        }
        String more = kept.size() > 3 ? Lang.say(" and " + (kept.size() - 3) + " more", " 等另外 " + (kept.size() - 3)
                + " 个") : "";
        return Lang.say("left " + kept.size() + " thread(s) running after the test that are not daemons ("
                + String.join(", ", names) + more + "). A thread that is not a daemon keeps a Java program from "
                + "ever ending, and nothing can stop it from outside: make every thread your code starts finish "
                + "(join it) by the time the call that started it returns.",
                "测试结束后仍有 " + kept.size() + " 个非守护线程在运行（" + String.join("，", names) + more
                + "）。非守护线程会让 Java 程序永远无法结束，而且无法从外部停止它：你的代码启动的每个线程，都要在启动它的那次调用返回之前结束"
                + "（用 join 等它）。");
    }

    /**
     * Where the student's code is stuck when a test ran out of time: a deadlock among its threads if there is one,
     * else the threads running its code, busy or waiting; null if no thread is in it.
     */
    private String stuck() {
        String deadlock = deadlock(false);
        if (deadlock != null) {
            return deadlock;
        }
        String busy = null;
        String waiting = null;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String where = studentFrame(e.getValue());
            if (where == null) {
                continue;
            }
            Thread.State state = e.getKey().getState();
            String name = "\"" + e.getKey().getName() + "\"";
            if (state == Thread.State.RUNNABLE && busy == null) {
                busy = ThreadDump.running(where, name);
            } else if (state != Thread.State.RUNNABLE && waiting == null) {
                waiting = ThreadDump.waiting(where, name, state.toString());
            }
        }
        return busy != null ? busy : waiting;
    }

    /**
     * The threads deadlocked on monitors or locks, as a sentence, if any runs the student's code; null if none.
     * With {@code once}, a deadlock already told is not told again.
     */
    private String deadlock(boolean once) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        if (ids == null) {
            return null;
        }
        List<String> links = new ArrayList<>();
        boolean ours = false;
        for (ThreadInfo info : mx.getThreadInfo(ids, Integer.MAX_VALUE)) {
            if (info == null) {
                continue;
            }
            String where = studentFrame(info.getStackTrace());
            ours |= where != null;
            boolean fresh = toldDeadlocked.add(info.getThreadId());
            if ((fresh || !once) && links.size() < 4) {
                links.add(ThreadDump.waitsFor(info.getThreadName(), info.getLockOwnerName(), where));
            }
        }
        if (!ours || links.isEmpty()) {
            return null;
        }
        return ThreadDump.deadlocked(links);
    }

    /** The first frame of the student's code in a stack, as "Class.method(File.java:12)"; null if none. */
    private String studentFrame(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (TopicRunner.isStudent(f, student)) {
                return TopicRunner.frame(f);
            }
        }
        return null;
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
