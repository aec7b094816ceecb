package threadlings.threads;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hostile: the reference, except that loop first writes 200 MiB to standard output. */
public final class Threads {

    private Threads() {
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
        byte[] line = ("x".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200 * 1024; i++) {
            System.out.write(line, 0, line.length);
        }
        System.out.flush();
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
