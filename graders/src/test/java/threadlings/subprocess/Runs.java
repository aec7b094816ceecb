package threadlings.subprocess;

import static threadlings.grading.Lang.say;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/**
 * Calls into the student's {@code run}, and what they leave behind: a temporary folder, and processes, all removed
 * on {@link #close()} however the test ended. Use it in try-with-resources.
 */
final class Runs implements AutoCloseable {

    /** The timeout given to runs that must finish: far longer than any test waits, so it never decides a verdict. */
    static final Duration NEVER = Duration.ofSeconds(60);
    /** How long a run that must finish may take: a JVM starting, on a busy machine, and a few MiB through pipes. */
    static final Duration RUN_LIMIT = Duration.ofSeconds(15);

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final List<Path> pidFiles = new ArrayList<>();
    private Path dir;

    /** A folder for files the programs write, deleted on {@link #close()}. */
    Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("threadlings-subprocess-");
        }
        return dir;
    }

    /** A new file name in {@link #dir()} into which a {@link Forker} writes its pids: they are killed on close. */
    Path pidFile() throws IOException {
        Path file = dir().resolve("pids-" + pidFiles.size());
        pidFiles.add(file);
        return file;
    }

    /** The pids a {@link Forker} wrote into {@code file}, program first; empty if it has not (yet). */
    static List<Long> pids(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return Stream.of(text.split(" ")).map(Long::valueOf).collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** {@code run(command, input, timeout)} within {@code limit}; what it throws is thrown as it is. */
    static Subprocess.Result call(Duration limit, String what, List<String> command, byte[] input, Duration timeout)
            throws Exception {
        return Deadline.call(limit, what, () -> Subprocess.run(command, input, timeout));
    }

    /**
     * Like {@link #call}, for a run that must finish in time: turns "did not finish" into {@code hang}'s
     * explanation, and fails if {@code run} returned {@code null} or with {@code timedOut} set.
     */
    static Subprocess.Result finish(String what, List<String> command, byte[] input, String hang) throws Exception {
        Subprocess.Result result;
        try {
            result = call(RUN_LIMIT, what, command, input, NEVER);
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).contains(say("did not finish", "内完成"))) {
                throw new AssertionError(say(e.getMessage() + ". " + hang, e.getMessage() + "。" + hang), null);
            }
            throw e;
        }
        if (result == null) {
            throw new AssertionError(say(what + " returned null instead of a Result",
                    what + " 返回了 null，而不是一个 Result"));
        }
        if (result.timedOut()) {
            throw new AssertionError(say(what + " returned timedOut = true, but the program ended long before its "
                    + Deadline.seconds(NEVER) + " timeout",
                    what + " 返回了 timedOut = true，但程序远在 " + Deadline.seconds(NEVER) + "的超时之前就结束了"));
        }
        return result;
    }

    /** Bytes as text for a message: escaped, and cut after {@code max} characters. */
    static String show(byte[] bytes, int max) {
        String s = new String(bytes, 0, Math.min(bytes.length, max * 4), StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append(s.length() > max || bytes.length > max * 4 ? "\"…" : "\"").toString();
    }

    private static boolean startedBefore(ProcessHandle p, Path file) {
        try {
            java.time.Instant written = Files.getLastModifiedTime(file).toInstant();
            return p.info().startInstant().map(start -> !start.isAfter(written)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> toKill = new ArrayList<>(ProcessHandle.current().children().collect(Collectors.toList()));
        // A grandchild whose parent was killed has been adopted elsewhere: only its pid file finds it. A process
        // with that pid that started after the file was written is another one (pids are reused): it is spared.
        for (Path file : pidFiles) {
            for (long pid : pids(file)) {
                ProcessHandle.of(pid).filter(p -> startedBefore(p, file)).ifPresent(toKill::add);
            }
        }
        Processes.killAll(toKill, KILL_TIMEOUT);
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A temporary file left behind is harmless.
            }
        }
    }
}
