package threadlings.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What graders and the harness need to know about OS processes, the same on every OS.
 *
 * <p>Two facts shape it. A killed process can stay a zombie for a while until its parent reaps it, and
 * {@link ProcessHandle#isAlive()} calls a zombie alive; where {@code /proc} exists we read the real state. And a
 * process whose parent died is adopted by another process, so it is no longer among our
 * {@link ProcessHandle#descendants()}: to find every process a run started, wherever it was adopted, each run
 * marks its processes with an environment variable that every child inherits, and {@link #marked} looks for it.
 */
public final class Processes {

    /** Environment variable that every process started under one grading run inherits. */
    public static final String MARK = "THREADLINGS_RUN";

    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /** True while {@code pid} is a process that can still run: not gone, not a zombie. */
    public static boolean isRunning(long pid) {
        Optional<String> state = procState(pid);
        if (state.isPresent()) {
            return !state.get().equals("Z") && !state.get().equals("X");
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits until {@code pid} no longer runs; true if it stopped within {@code timeout}. */
    public static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * The running processes carrying {@code MARK=token} in their environment, except this one. Where the OS
     * offers no {@code /proc}, the live descendants of this process stand in (orphans are then missed).
     */
    public static List<ProcessHandle> marked(String token) {
        long self = ProcessHandle.current().pid();
        if (!Files.isDirectory(PROC)) {
            return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
        }
        byte[] needle = (MARK + "=" + token).getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid != self && environContains(entry.resolve("environ"), needle) && isRunning(pid)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            // /proc vanished under us: nothing we can report.
        }
        return found;
    }

    /**
     * Kills the given processes, each one's descendants before itself so that none escapes by being adopted, and
     * waits up to {@code timeout} for all of them to stop. Returns the pids that were still running when called.
     */
    public static List<Long> killAll(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle p : processes) {
            // Deepest first: a descendant listed after its ancestor would be adopted once the ancestor dies.
            p.descendants().sorted(Comparator.comparingInt(Processes::depthBelowUs).reversed()).forEach(all::add);
            all.add(p);
        }
        List<Long> killed = new ArrayList<>();
        for (ProcessHandle p : all) {
            if (isRunning(p.pid())) {
                killed.add(p.pid());
                p.destroyForcibly();
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            awaitGone(p.pid(), Duration.ofNanos(left));
        }
        return killed.stream().distinct().collect(Collectors.toList());
    }

    /** Kills {@code process} and everything it started, and waits up to {@code timeout} for them to stop. */
    public static void killTree(ProcessHandle process, Duration timeout) throws InterruptedException {
        killAll(List.of(process), timeout);
    }

    /** A one-line description for messages: pid and, where known, the command. */
    public static String describe(ProcessHandle p) {
        String command = p.info().commandLine().or(() -> p.info().command()).orElse("?");
        if (command.length() > 160) {
            command = command.substring(0, 157) + "...";
        }
        return "pid " + p.pid() + " (" + command + ")";
    }

    private static int depthBelowUs(ProcessHandle p) {
        int depth = 0;
        for (Optional<ProcessHandle> q = p.parent(); q.isPresent() && depth < 64; q = q.get().parent()) {
            depth++;
        }
        return depth;
    }

    private static Optional<String> procState(long pid) {
        Path stat = PROC.resolve(Long.toString(pid)).resolve("stat");
        if (!Files.isDirectory(PROC)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
            int close = text.lastIndexOf(')');
            return Optional.of(text.substring(close + 2, close + 3));
        } catch (IOException | RuntimeException e) {
            return Optional.of("X");
        }
    }

    private static boolean environContains(Path environ, byte[] needle) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // environ is NUL-separated KEY=VALUE entries; match a whole entry.
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == needle.length && regionEquals(env, start, needle)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] haystack, int from, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (haystack[from + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
