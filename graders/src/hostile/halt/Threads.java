package threadlings.threads;

import java.util.ArrayList;
import java.util.List;

/** Hostile: the reference, except that loop stops the JVM it runs in at once, with Runtime.halt(0). */
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
        Runtime.getRuntime().halt(0);
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
