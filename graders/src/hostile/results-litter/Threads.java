package threadlings.threads;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile: the reference, except that the first use of the class, in a grader JVM, litters its own results folder
 * (found from the event log's path on its JVM's command line): it cuts the event log short and appends bytes that
 * are not UTF-8 to it, and leaves a 3 GiB sparse file and a folder of its own there. None of it may cost more than
 * this topic: the run goes on, every other topic is graded, the report is written.
 */
public final class Threads {

    static {
        try {
            litter();
        } catch (java.io.IOException | RuntimeException e) {
            // Whatever it could not do, it does not say.
        }
    }

    private static void litter() throws java.io.IOException {
        String command = System.getProperty("sun.java.command", "");
        if (!command.startsWith("threadlings.grading.TopicRunner ")) {
            return;
        }
        for (String part : command.split(" ")) {
            if (!part.endsWith("events.jsonl")) {
                continue;
            }
            java.nio.file.Path events = java.nio.file.Path.of(part).toAbsolutePath();
            try (java.nio.channels.FileChannel log = java.nio.channels.FileChannel.open(events,
                    java.nio.file.StandardOpenOption.WRITE)) {
                log.truncate(0);
            }
            java.nio.file.Files.write(events, new byte[] {(byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3, '\n'},
                    java.nio.file.StandardOpenOption.APPEND);
            java.nio.file.Path own = events.getParent();
            try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(own.resolve("huge.bin").toFile(), "rw")) {
                huge.setLength(3L << 30);
            }
            java.nio.file.Files.createDirectories(own.resolve("xml/nested/deeper"));
            java.nio.file.Files.writeString(own.resolve("xml/nested/deeper/planted.xml"), "<testsuite/>");
        }
    }


    private Threads() {
    }

    /** Creates a thread named {@code name} that runs {@code body}, starts it, and returns it. */
    public static Thread startNamed(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    /**
     * Runs {@code n} steps on a new thread named {@code name} and waits for it; step {@code i} (from 1) records
     * {@code "thread " + its name + " >>> " + i}, the name read inside the thread. {@code n < 0}:
     * {@link IllegalArgumentException}.
     */
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
        // Until the thread has finished, the records are not all there (and not all visible to this thread).
        thread.join();
        return records;
    }

    /** The name of the thread that calls it. */
    public static String currentName() {
        return Thread.currentThread().getName();
    }
}
