package threadlings.threads;

import java.util.ArrayList;
import java.util.List;

/** Mutant: currentName() returns "main", whichever thread calls it. */
public final class Threads {

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
        return "main";
    }
}
