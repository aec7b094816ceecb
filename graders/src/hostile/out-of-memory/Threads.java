package threadlings.threads;

import java.util.ArrayList;
import java.util.List;

/** Hostile: the reference, except that loop keeps every array it allocates, until memory runs out. */
public final class Threads {

    private static final List<long[]> HOARD = new ArrayList<>();

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
        while (HOARD.size() < 100_000) {
            HOARD.add(new long[1 << 20]);
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
