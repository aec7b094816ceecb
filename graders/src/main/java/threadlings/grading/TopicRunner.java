package threadlings.grading;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs one topic's grader suite inside a JVM of its own, started by {@link Grading}: the JUnit Platform runs every
 * {@code threadlings.<topic>.*Test} class, and {@link TopicListener} writes each test's verdict to an event log as
 * soon as it is known, so that a JVM that dies or hangs half-way still leaves every earlier verdict behind.
 *
 * <p>Arguments: the topic id, the event log file, the folder for JUnit XML reports, and optionally the display
 * name of the one test to run (the self-check runs a mutant against the test that must reject it). Standard input:
 * one line, the key that signs the event log (see {@link EventLog}). System property {@value #STUDENT}: the
 * student's classes of this topic, comma-separated, so that messages can point at the student's own lines.
 *
 * <p>Events besides the tests' own: {@code ready} once the log is open, before any code under test is loaded;
 * {@code exit}, from a shutdown hook, when the code called {@code System.exit} (with where it was called), since
 * the JVM ends without its {@code done}; {@code done} when every test has run.
 */
public final class TopicRunner {

    /** Exit status after a test hit its time limit: the topic is over (see {@link TopicListener}). */
    static final int EXIT_TIMED_OUT = 86;

    /** The system property that names the student's classes of the topic (see the class comment). */
    static final String STUDENT = "threadlings.student";

    private TopicRunner() {
    }

    public static void main(String[] args) throws IOException {
        // First, before any code under test is loaded: the event log's key, which only the harness knows.
        byte[] key = EventLog.readKey(System.in);
        String topic = args[0];
        EventLog log = new EventLog(Path.of(args[1]), key);
        log.write(EventLog.event("ready"));
        Set<String> student = studentClasses();
        // The harness ends this JVM with halt(), which runs no shutdown hook: a hook that runs means that the code
        // called System.exit. Say where, while the thread that called it still waits in exit().
        Runtime.getRuntime().addShutdownHook(new Thread(() -> log.write(EventLog.event("exit")
                .with("where", exitCaller(Thread.getAllStackTraces(), student))), "threadlings exit watch"));
        Path xml = Files.createDirectories(Path.of(args[2]));
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("threadlings." + topic))
                .filters(includeClassNamePatterns("threadlings\\." + topic + "\\.[^.]+Test"));
        if (args.length > 3) {
            String only = args[3];
            builder.filters((PostDiscoveryFilter) d -> !d.isTest() || d.getDisplayName().equals(only)
                    ? FilterResult.included("asked for") : FilterResult.excluded("not the test asked for"));
        }
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        StringWriter xmlErrors = new StringWriter();
        try {
            launcher.execute(request, new TopicListener(log, System.getenv(Processes.MARK), student),
                    new LegacyXmlReportGeneratingListener(xml, new PrintWriter(xmlErrors)));
            log.write(EventLog.event("done"));
        } catch (Throwable t) {
            log.write(EventLog.event("error").with("message", t.toString()));
        }
        dumpCoverage();
        // Halt rather than exit: a student's non-daemon thread or shutdown hook must not keep this JVM alive.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The student's classes named by {@value #STUDENT}; empty when none are. */
    static Set<String> studentClasses() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : System.getProperty(STUDENT, "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /**
     * Where {@code System.exit} (or {@code Runtime.exit}) was called, read from the stack of the thread still
     * inside it: the first frame of the student's classes below the call, else the call's direct caller; null if
     * no thread is exiting (the JVM is ending for another reason, a signal say).
     */
    static String exitCaller(Map<Thread, StackTraceElement[]> stacks, Set<String> student) {
        for (StackTraceElement[] stack : stacks.values()) {
            int exit = -1;
            for (int i = 0; i < stack.length && exit < 0; i++) {
                if (stack[i].getClassName().equals("java.lang.Shutdown") && stack[i].getMethodName().equals("exit")) {
                    exit = i;
                }
            }
            if (exit < 0) {
                continue;
            }
            int caller = exit + 1;
            while (caller < stack.length && Arrays.asList("java.lang.Runtime", "java.lang.System")
                    .contains(stack[caller].getClassName())) {
                caller++;
            }
            for (int i = caller; i < stack.length; i++) {
                if (isStudent(stack[i], student)) {
                    return frame(stack[i]);
                }
            }
            return caller < stack.length ? frame(stack[caller]) : null;
        }
        return null;
    }

    /** Whether a frame runs code of one of the student's classes (or a class nested in one). */
    static boolean isStudent(StackTraceElement frame, Set<String> student) {
        String c = frame.getClassName();
        int nested = c.indexOf('$');
        return student.contains(nested < 0 ? c : c.substring(0, nested));
    }

    /** "threadlings.lock.Balance.deposit(Balance.java:42)": a frame as a student finds it in their file. */
    static String frame(StackTraceElement f) {
        String where = f.getFileName() == null ? "?" : f.getFileName()
                + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
        return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }

    /**
     * Under the self-check a JaCoCo agent counts the references' lines; it writes its data in a shutdown hook,
     * which {@code halt} skips, so ask it to write now. Student runs have no agent, and this does nothing.
     */
    private static void dumpCoverage() {
        try {
            Object agent = Class.forName("org.jacoco.agent.rt.RT").getMethod("getAgent").invoke(null);
            Class.forName("org.jacoco.agent.rt.IAgent").getMethod("dump", boolean.class).invoke(agent, false);
        } catch (ClassNotFoundException noAgent) {
            // Not under the self-check.
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("threadlings: could not write coverage data: " + e);
        }
    }

    /** Kills what the tests of this JVM left running, as the harness would, before this JVM goes. */
    static List<Long> killLeftovers(String token, Duration grace) {
        try {
            return Processes.killAll(Processes.marked(token), grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
