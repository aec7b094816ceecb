package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch mode, as a student uses it: started once on a copy of the exercises, it grades the threads topic on every
 * save, says when the code does not compile, grades two quick saves once and a save during a grading after it, and
 * leaves no process behind when stopped.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class WatchTest {

    /**
     * Longest wait for a verdict. A grading of threads takes about 5 s on an idle machine; the bound leaves room for
     * a machine busy with other gradings, and is still well below the topic's own time budget.
     */
    private static final Duration VERDICT = Duration.ofSeconds(90);

    /** The harness's progress line as a grading starts, and the scoreboard's line of a topic with full marks. */
    private static final String GRADING = "grading 06 threads";
    private static final String FULL_MARKS = "06 threads +10/10";

    private static final String STUDENT_FILE = "exercises/src/main/java/threadlings/threads/Threads.java";

    @TempDir
    Path root;

    private Watcher watcher;

    @AfterEach
    void stopWatcher() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    @DisplayName("a save is graded, a compile error is reported, and stopping leaves no process behind")
    void gradesEachSave() throws Exception {
        Path kit = kit();
        copyExercises(kit);
        Path file = root.resolve(STUDENT_FILE);
        String reference = Files.readString(kit.resolve("solutions/src/main/java/threadlings/threads/Threads.java"));
        watcher = new Watcher(root);

        // At start: the first topic not done (here the only one watched, a stub) is graded.
        int at = watcher.await("06 threads +0/10", 0);
        at = watcher.await("Waiting for you to save", at);

        // Five saves, each less than a poll after the one before: one grading, of the last one. They span more
        // than two polls, so without the wait for quiet files a poll would fall between them and grade twice.
        long last = 0;
        double gap = 0;
        for (int i = 0; i < 5; i++) {
            if (i > 0) {
                Thread.sleep(Watch.POLL_MILLIS * 3 / 5);
            }
            Files.writeString(file, i < 4 ? reference + "// draft " + i + "\n" : reference);
            long now = System.nanoTime();
            gap = Math.max(gap, i == 0 ? 0 : (now - last) / 1e6);
            last = now;
        }
        int grading = watcher.await(GRADING, at);
        at = watcher.await(FULL_MARKS, grading);
        double seconds = (System.nanoTime() - last) / 1e9;
        System.out.printf("watch: save to verdict of threads in %.1f s (saves at most %.0f ms apart)%n", seconds, gap);
        assertTrue(seconds < VERDICT.toSeconds(), "the verdict came " + seconds + " s after the save");
        at = watcher.await("Waiting for you to save", at);
        Thread.sleep(4 * Watch.POLL_MILLIS);
        // Judged only when this test wrote the saves on time (a loaded machine may hold it up between two of them);
        // the margin covers the time a write itself takes.
        if (gap < Watch.POLL_MILLIS * 0.8) {
            assertEquals(0, watcher.count(GRADING, grading),
                    "saves at most " + gap + " ms apart were graded more than once:\n" + watcher.text(0));
        }

        // A file that does not compile: javac's message with the file and line, and no grading.
        List<String> lines = reference.lines().collect(Collectors.toList());
        int line = indexOf(lines, "return Thread.currentThread().getName();") + 1;
        lines.set(line - 1, lines.get(line - 1).replace("getName();", "getName()"));
        Files.writeString(file, String.join("\n", lines) + "\n");
        int broken = watcher.await("does not compile", at);
        at = watcher.await("Waiting for you to save", broken);
        String report = watcher.text(broken);
        assertTrue(report.contains(STUDENT_FILE + ":" + line + ": ';' expected"), report);
        assertTrue(report.contains("return Thread.currentThread().getName()"), report);
        assertEquals(0, watcher.count(GRADING, broken), report);

        // A save during a grading is graded again after it.
        Files.writeString(file, reference);
        grading = watcher.await(GRADING, at);
        Files.writeString(file, reference + "// saved again while it was graded\n");
        at = watcher.await(FULL_MARKS, grading);
        watcher.await(GRADING, at);

        // Stopped (as Ctrl+C stops it) in the middle of that grading: nothing it started survives.
        watcher.awaitDescendant();
        watcher.stop();
        watcher.assertNothingLeft();
    }

    @Test
    @DisplayName("a topic done before is not graded again at start, and q stops it")
    void remembersDoneTopics() throws Exception {
        Path kit = kit();
        copyExercises(kit);
        Files.copy(kit.resolve("solutions/src/main/java/threadlings/threads/Threads.java"), root.resolve(STUDENT_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        watcher = new Watcher(root);
        int at = watcher.await(" 06 threads: 10/10, done", 0);
        at = watcher.await("Every topic you watch is done.", at);
        watcher.await("Waiting for you to save", at);
        watcher.quit();
        watcher.assertNothingLeft();

        watcher = new Watcher(root);
        at = watcher.await(" 06 threads: done \\(it earned every point", 0);
        at = watcher.await("Waiting for you to save", at);
        assertEquals(0, watcher.count(GRADING, 0), watcher.text(0));
        watcher.quit();
        watcher.assertNothingLeft();
        assertTrue(watcher.text(at).contains("threadlings watch stopped."), watcher.text(0));
    }

    @Test
    @DisplayName("javac's errors name the file and line, show the line, and another topic's broken file is no obstacle")
    void compileErrors() throws Exception {
        Path kit = kit();
        copyExercises(kit);
        Path sources = root.resolve("exercises/src/main/java");
        List<Path> students = new ArrayList<>();
        for (Manifest.Topic t : Manifest.load().topics()) {
            t.files().forEach(f -> students.add(root.resolve(f)));
        }
        WatchCompiler javac = new WatchCompiler(root, sources, students);
        Path file = root.resolve(STUDENT_FILE);
        List<String> lines = Files.readString(kit.resolve("solutions/src/main/java/threadlings/threads/Threads.java"))
                .lines().collect(Collectors.toList());
        int line = indexOf(lines, "return Thread.currentThread().getName();") + 1;
        lines.set(line - 1, lines.get(line - 1).replace("getName()", "getNam()"));
        Files.writeString(file, String.join("\n", lines) + "\n");
        // Half-written work in another topic's file.
        Files.writeString(root.resolve("exercises/src/main/java/threadlings/lock/Balance.java"), "class {");

        String errors = javac.compile(List.of(file), root.resolve("classes"));
        String[] shown = errors.split("\n");
        assertEquals("  " + STUDENT_FILE + ":" + line + ": cannot find symbol", shown[0], errors);
        assertEquals("    " + lines.get(line - 1).stripTrailing(), shown[1], errors);
        // javac points at the dot of the call it cannot resolve; the line is shown indented by 4.
        assertEquals(lines.get(line - 1).indexOf(".getNam") + 4, shown[2].indexOf('^'), errors);
        assertTrue(shown[3].contains("symbol:") && shown[3].contains("getNam()"), errors);

        Files.copy(kit.resolve("solutions/src/main/java/threadlings/threads/Threads.java"), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(null, javac.compile(List.of(file), root.resolve("classes")));
        assertTrue(Files.exists(root.resolve("classes/threadlings/threads/Threads.class")));
        assertTrue(Files.exists(root.resolve("classes/threadlings/support/Jvm.class")), "given classes are compiled");
        assertFalse(Files.exists(root.resolve("classes/threadlings/lock")), "other topics are left alone");
    }

    private static Path kit() {
        return Path.of(System.getProperty("threadlings.root")).toAbsolutePath().normalize();
    }

    /** The student's sources as a fresh copy of the kit has them. */
    private void copyExercises(Path kit) throws IOException {
        Path from = kit.resolve("exercises/src/main/java");
        Path to = root.resolve("exercises/src/main/java");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("the reference has no line with " + text);
    }

    /** A watcher JVM watching the threads topic of {@code root}, its output read line by line as it comes. */
    private static final class Watcher implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        /** Every process seen below the watcher while it ran. */
        private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
        private final Thread sampler;

        Watcher(Path root) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dthreadlings.topics=threads",
                    "-Dthreadlings.lang=en",
                    "-Dthreadlings.root=" + root,
                    "-Dthreadlings.out=" + root.resolve("out"),
                    "-Dthreadlings.watch.classes=" + root.resolve("classes"),
                    "-Dthreadlings.basedir=" + Path.of("").toAbsolutePath()));
            for (String key : List.of("threadlings.exercises", "threadlings.solutions")) {
                command.add("-D" + key + "=" + System.getProperty(key, ""));
            }
            command.add(Watch.class.getName());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // The watcher is gone.
                }
            }, "watcher output");
            reader.setDaemon(true);
            reader.start();
            sampler = new Thread(() -> {
                while (process.isAlive()) {
                    process.descendants().forEach(seen::add);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "watcher processes");
            sampler.setDaemon(true);
            sampler.start();
        }

        /**
         * Waits for a line matching {@code text} (a regular expression) at or after line {@code from}; returns the
         * index after it.
         */
        int await(String text, int from) throws InterruptedException {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(text);
            long deadline = System.nanoTime() + VERDICT.toNanos();
            synchronized (lines) {
                while (true) {
                    for (int i = from; i < lines.size(); i++) {
                        if (pattern.matcher(lines.get(i)).find()) {
                            return i + 1;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && lines.size() == from)) {
                        fail("watch mode did not print \"" + text + "\" within " + VERDICT.toSeconds()
                                + " s; it printed:\n" + String.join("\n", lines.subList(from, lines.size())));
                    }
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        int count(String text, int from) {
            synchronized (lines) {
                return (int) lines.subList(from, lines.size()).stream().filter(l -> l.contains(text)).count();
            }
        }

        String text(int from) {
            synchronized (lines) {
                return String.join("\n", lines.subList(from, lines.size()));
            }
        }

        /** Waits until the watcher has a process of its own running (the grader JVM). */
        void awaitDescendant() throws InterruptedException {
            long deadline = System.nanoTime() + VERDICT.toNanos();
            while (process.children().findAny().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no grading started:\n" + text(0));
                Thread.sleep(10);
            }
        }

        /** What Ctrl+C does: a signal that ends the JVM through its shutdown hooks. */
        void stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "watch mode did not stop within 30 s of a signal");
        }

        /** q and Enter. */
        void quit() throws IOException, InterruptedException {
            try (OutputStream keys = process.getOutputStream()) {
                keys.write("q\n".getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "watch mode did not stop within 30 s of q");
            assertEquals(0, process.exitValue(), text(0));
        }

        void assertNothingLeft() throws InterruptedException {
            sampler.join(5_000);
            List<String> alive = new ArrayList<>();
            for (ProcessHandle p : seen) {
                if (!Processes.awaitGone(p.pid(), Duration.ofSeconds(10))) {
                    alive.add(Processes.describe(p));
                }
            }
            assertTrue(alive.isEmpty(), "still running after watch mode stopped: " + alive);
            assertFalse(process.isAlive());
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            for (ProcessHandle p : seen) {
                p.destroyForcibly();
            }
        }
    }
}
