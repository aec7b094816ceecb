package threadlings.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * A mark starts with the pid of the harness that made it, so {@link #startedBy} finds what any of its runs left.
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

    /** A fresh mark for one topic's processes: this JVM's pid, then a random part. */
    public static String newToken() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    /**
     * The running processes whose mark was made by the harness running as {@code harnessPid} (see
     * {@link #newToken}), except this one: after a grading run, none should be left. Empty where the OS offers no
     * {@code /proc}.
     */
    public static List<ProcessHandle> startedBy(long harnessPid) {
        byte[] prefix = (MARK + "=" + harnessPid + "-").getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (long pid : pids()) {
            if (pid != self && environHas(PROC.resolve(Long.toString(pid)).resolve("environ"), prefix, true)
                    && isRunning(pid)) {
                ProcessHandle.of(pid).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * The pids of one topic's running processes, found in one pass over {@code /proc}: those carrying
     * {@code MARK=token} (wherever they were adopted) and every descendant of {@code root} (marked or not), without
     * {@code root} itself or this JVM. Where the OS offers no {@code /proc}, the live descendants of {@code root}.
     */
    public static Set<Long> family(String token, long root) {
        Set<Long> found = new LinkedHashSet<>();
        long self = ProcessHandle.current().pid();
        if (!Files.isDirectory(PROC)) {
            ProcessHandle.of(root).ifPresent(r -> r.descendants().filter(ProcessHandle::isAlive)
                    .forEach(p -> found.add(p.pid())));
            return found;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (long pid : pids()) {
            Path dir = PROC.resolve(Long.toString(pid));
            long[] stat = stat(dir);
            if (stat == null) {
                continue;
            }
            seen.add(pid);
            children.computeIfAbsent(stat[0], k -> new ArrayList<>()).add(pid);
            if (token.equals(markOf(dir, pid, stat[1]))) {
                found.add(pid);
            }
        }
        MARKS.keySet().retainAll(seen);
        Set<Long> below = new java.util.HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (below.add(pid)) {
                found.add(pid);
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        found.remove(root);
        found.remove(self);
        return found;
    }

    /** A process's mark, by pid: its start time (a reused pid starts later) and the value, "" for none. */
    private static final Map<Long, String[]> MARKS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The value of a process's mark ("" if it has none), read once per process: {@link #family} runs many times
     * a second while a topic runs, and a process's environment is fixed when it starts.
     */
    private static String markOf(Path dir, long pid, long started) {
        String[] known = MARKS.get(pid);
        if (known != null && known[0].equals(Long.toString(started))) {
            return known[1];
        }
        String value = "";
        try {
            byte[] env = Files.readAllBytes(dir.resolve("environ"));
            byte[] key = (MARK + "=").getBytes(StandardCharsets.UTF_8);
            int start = 0;
            for (int i = 0; i <= env.length; i++) {
                if (i == env.length || env[i] == 0) {
                    if (i - start >= key.length && regionEquals(env, start, key)) {
                        value = new String(env, start + key.length, i - start - key.length, StandardCharsets.UTF_8);
                    }
                    start = i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        MARKS.put(pid, new String[] {Long.toString(started), value});
        return value;
    }

    /**
     * Stops a topic whose processes are out of hand (a loop that keeps starting them): kills {@code root} first,
     * since it is the one starting the others, then every process of {@link #family}, again and again until a pass
     * finds none, for at most {@code timeout}. Returns how many processes it killed.
     */
    public static int stopFamily(String token, ProcessHandle root, Duration timeout) throws InterruptedException {
        Set<Long> first = family(token, root.pid());
        root.destroyForcibly();
        int killed = 1;
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Long> seen = new java.util.HashSet<>();
        Set<Long> batch = first;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - deadline < 0) {
            for (long pid : batch) {
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                if (p.isPresent() && isRunning(pid)) {
                    p.get().destroyForcibly();
                    if (seen.add(pid)) {
                        killed++;
                    }
                }
            }
            Thread.sleep(batch.isEmpty() ? 20 : 5);
            batch = family(token, root.pid());
            quiet = batch.isEmpty() ? quiet + 1 : 0;
        }
        awaitGone(root.pid(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return killed;
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
        for (long pid : pids()) {
            if (pid != self && environHas(PROC.resolve(Long.toString(pid)).resolve("environ"), needle, false)
                    && isRunning(pid)) {
                ProcessHandle.of(pid).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The pids listed in {@code /proc}; empty where there is none. */
    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return pids;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc vanished under us: nothing we can report.
        }
        return pids;
    }

    /**
     * The parent pid and start time of a process that can still run, as {@code {ppid, start}}; null if it is gone
     * or a zombie.
     */
    private static long[] stat(Path dir) {
        try {
            String text = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            int close = text.lastIndexOf(')');
            // After the command: state (3), ppid (4), ..., starttime (22).
            String[] fields = text.substring(close + 2).split(" ", 21);
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return null;
            }
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[19])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
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

    /** Whether a process's environment holds the entry {@code needle} (or, with {@code prefix}, one it starts). */
    private static boolean environHas(Path environ, byte[] needle, boolean prefix) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // environ is NUL-separated KEY=VALUE entries; match a whole entry, or the start of one.
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                int length = i - start;
                if ((prefix ? length >= needle.length : length == needle.length) && regionEquals(env, start, needle)) {
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
