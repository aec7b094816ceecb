package threadlings.spawn;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The graders' child: {@code Reporter <dir> <mode> <count> [<argument>...]}, started {@code count} times by the
 * student's {@code spawnAll}. Every child gets the same arguments, so the children tell one another apart by pid,
 * and meet through files in {@code dir}.
 *
 * <p>First, each child writes what it sees into {@code dir/report-<pid>}: its pid, what {@link Spawner#currentPid()}
 * and {@link Spawner#parentPid()} return inside it, its parent as the OS tells it, the arguments after the first
 * three, and when it started. Then, by {@code mode}:
 * <ul>
 *   <li>{@code quick}: exits 0.</li>
 *   <li>{@code exit}: exits with {@link #FAILURE}.</li>
 *   <li>{@code together}: waits until all {@code count} children have reported (see {@link #awaitSiblings}), so
 *       that children started together run together, and records whether it saw them all.</li>
 *   <li>{@code order}: waits for its siblings to report, then exits only after every sibling with a larger pid
 *       has exited: the children finish in decreasing pid order.</li>
 *   <li>{@code fail-by-pid}, {@code fail-by-arrival}: waits for its siblings to report; then the child with the
 *       smallest pid (or the one that reported first) exits with {@link #FAILURE} at once, and every other child
 *       outlives it by {@link #OUTLIVE} before it exits 0.</li>
 * </ul>
 * Last, each child writes {@code dir/end-<pid>}: when it ended, the pids it had seen report, and its exit code.
 * With fewer than three arguments it exits with {@link #NO_ARGUMENTS} and writes nothing. Every wait is bounded:
 * a child ends by itself within about 17 s, whatever its parent does.
 */
public final class Reporter {

    /** Exit code of a child that received fewer than the three arguments it needs. */
    static final int NO_ARGUMENTS = 97;
    /** Exit code of a child that fails on purpose. */
    static final int FAILURE = 42;
    /** The longest a child waits for all its siblings to report. */
    static final Duration SIBLINGS_WAIT = Duration.ofSeconds(10);
    /**
     * A child stops waiting for its siblings sooner when, for this long, its parent has had no other child that is
     * still on its way (running, but not reported yet): then nobody else is coming.
     */
    static final Duration NOBODY_COMING = Duration.ofSeconds(2);
    /** How long a child waits for a sibling to exit. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /** How much longer than the failing child the other children run, in the fail modes. */
    static final Duration OUTLIVE = Duration.ofMillis(1500);

    private Reporter() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.exit(NO_ARGUMENTS);
        }
        Instant start = Instant.now();
        Path dir = Path.of(args[0]);
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        long self = ProcessHandle.current().pid();

        Properties report = new Properties();
        report.setProperty("pid", Long.toString(self));
        report.setProperty("start", start.toString());
        report.setProperty("arrival", Integer.toString(arrive(dir)));
        report.setProperty("currentPid", ask(Spawner::currentPid));
        report.setProperty("parentPid", ask(Spawner::parentPid));
        report.setProperty("osParent",
                ProcessHandle.current().parent().map(p -> Long.toString(p.pid())).orElse("none"));
        Reports.putArgs(report, Arrays.asList(args).subList(3, args.length));
        Reports.write(dir, "report-" + self, report);

        int code = 0;
        Map<Long, Reports.Report> seen = Map.of();
        switch (mode) {
            case "exit":
                code = FAILURE;
                break;
            case "together":
                seen = awaitSiblings(dir, count);
                break;
            case "order":
                seen = awaitSiblings(dir, count);
                long until = System.nanoTime() + EXIT_WAIT.toNanos();
                for (long sibling : seen.keySet()) {
                    if (sibling > self) {
                        awaitExit(sibling, until);
                    }
                }
                break;
            case "fail-by-pid":
            case "fail-by-arrival":
                seen = awaitSiblings(dir, count);
                long failing = mode.equals("fail-by-pid")
                        ? seen.keySet().stream().min(Long::compare).orElse(self)
                        : seen.values().stream().min((a, b) -> Integer.compare(a.arrival(), b.arrival()))
                                .map(Reports.Report::pid).orElse(self);
                if (failing == self) {
                    code = FAILURE;
                } else {
                    awaitExit(failing, System.nanoTime() + EXIT_WAIT.toNanos());
                    Thread.sleep(OUTLIVE.toMillis());
                }
                break;
            default:
                break;
        }
        Properties end = new Properties();
        end.setProperty("pid", Long.toString(self));
        end.setProperty("end", Instant.now().toString());
        end.setProperty("seen", seen.keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        end.setProperty("code", Integer.toString(code));
        Reports.write(dir, "end-" + self, end);
        System.exit(code);
    }

    /** This child's rank among its siblings in the order they got here: the first free {@code arrival-<k>} file. */
    private static int arrive(Path dir) throws IOException {
        for (int k = 0; k < 10_000; k++) {
            try {
                Files.createFile(dir.resolve("arrival-" + k));
                return k;
            } catch (FileAlreadyExistsException taken) {
                // A sibling got here first: try the next rank.
            }
        }
        return -1;
    }

    /**
     * The reports of every child so far, once {@code count} have reported; or sooner, when nobody else is coming
     * (see {@link #NOBODY_COMING}), or when {@link #SIBLINGS_WAIT} has passed. Siblings started together are all
     * on their way as soon as the first one runs, however long a busy machine makes each JVM take to start; a
     * parent that waits for each child before starting the next has no other child on its way.
     */
    private static Map<Long, Reports.Report> awaitSiblings(Path dir, int count) throws InterruptedException {
        long begin = System.nanoTime();
        long lastSeenComing = begin;
        Map<Long, Reports.Report> reports = Reports.reports(dir);
        while (reports.size() < count && System.nanoTime() - begin < SIBLINGS_WAIT.toNanos()) {
            long now = System.nanoTime();
            if (someoneComing(reports)) {
                lastSeenComing = now;
            } else if (now - lastSeenComing > NOBODY_COMING.toNanos()) {
                break;
            }
            Thread.sleep(20);
            reports = Reports.reports(dir);
        }
        return reports;
    }

    /** Whether this process's parent has another child that runs and has not reported yet. */
    private static boolean someoneComing(Map<Long, Reports.Report> reported) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.current().parent().stream().flatMap(ProcessHandle::children)
                .anyMatch(c -> c.pid() != self && !reported.containsKey(c.pid()) && c.isAlive());
    }

    /** Waits until {@code pid} has exited and its parent has seen it exit (no longer alive), or until {@code until}. */
    private static void awaitExit(long pid, long until) throws InterruptedException {
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() - until < 0) {
            Thread.sleep(10);
        }
    }

    /** What the student's method returns, or what it threw, as text. */
    private static String ask(Callable<Long> call) {
        try {
            return Long.toString(call.call());
        } catch (Throwable t) {
            return "threw " + t;
        }
    }
}
