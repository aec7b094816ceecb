package threadlings.threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import threadlings.support.Jvm;

/**
 * Hostile: the reference, except that every method first makes sure a helper child JVM is running, started once
 * and kept in a field, and never waited for (nor stopped).
 */
public final class Threads {

    private static Process helper;

    private Threads() {
    }

    /** The helper: it waits (two minutes at most, in case nothing stops it), and does nothing else. */
    public static final class Helper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
        }
    }

    private static synchronized void helper() {
        if (helper == null || !helper.isAlive()) {
            try {
                helper = new ProcessBuilder(Jvm.command(Helper.class)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Thread startNamed(String name, Runnable body) {
        helper();
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    public static List<String> loop(String name, int n) throws InterruptedException {
        helper();
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
        helper();
        return Thread.currentThread().getName();
    }
}
