package threadlings.process;

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
import threadlings.grading.Processes;

/**
 * What a test started, killed when the test ends however it ends: use it in try-with-resources.
 *
 * <p>It kills every process this JVM started (the children the student's {@code ChildProcess} started, with
 * everything below them) and every process whose pid a {@link FamilyMember} wrote into a folder given to
 * {@link #pidFilesIn}: a grandchild that outlived its parent has been adopted elsewhere and is no longer our
 * descendant, so its pid file is the only way to find it. Then it deletes the temporary files it was given.
 */
final class Cleanup implements AutoCloseable {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final List<Path> pidDirs = new ArrayList<>();
    private final List<Path> temporary = new ArrayList<>();

    /** A new temporary folder, deleted with everything in it on {@link #close()}. */
    Path tempDir() throws IOException {
        Path dir = Files.createTempDirectory("threadlings-process-");
        temporary.add(dir);
        return dir;
    }

    /** A new temporary file holding {@code text} as UTF-8. */
    Path tempFile(String text) throws IOException {
        Path file = tempDir().resolve("content.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Remembers a folder into which processes write their pids; they are killed on {@link #close()}. */
    void pidFilesIn(Path dir) {
        pidDirs.add(dir);
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> toKill = new ArrayList<>();
        for (Path dir : pidDirs) {
            for (long pid : pidsIn(dir)) {
                ProcessHandle.of(pid).ifPresent(toKill::add);
            }
        }
        toKill.addAll(ProcessHandle.current().children().collect(Collectors.toList()));
        try {
            // Kills them all first, then waits: an interrupt (jqwik cancels a shrinking step that runs too long)
            // can cut the wait short, never the killing.
            Processes.killAll(toKill, KILL_TIMEOUT);
        } finally {
            for (Path dir : temporary) {
                deleteTree(dir);
            }
        }
    }

    /** The pids written so far into {@code dir} by {@link FamilyMember}s. */
    static List<Long> pidsIn(Path dir) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("generation-")) {
                    pids.add(Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Nothing (more) to find.
        }
        return pids;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary file left behind is harmless.
        }
    }
}
