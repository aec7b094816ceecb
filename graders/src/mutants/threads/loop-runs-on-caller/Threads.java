package threadlings.threads;

import java.util.ArrayList;
import java.util.List;

/** Mutant: loop runs its steps right here, on the calling thread (body.run()): the records name the caller. */
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
        Runnable steps = () -> {
            for (int i = 1; i <= n; i++) {
                records.add("thread " + currentName() + " >>> " + i);
            }
        };
        steps.run();
        return records;
    }

    /** The name of the thread that calls it. */
    public static String currentName() {
        return Thread.currentThread().getName();
    }
}
