package threadlings.threads;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import threadlings.support.Jvm;

/**
 * Hostile: the reference, except that loop first keeps starting child JVMs, none of them waited for. (It gives up
 * after 150, and each child after two minutes, so that a harness that fails to stop it cannot take the machine.)
 */
public final class Threads {

    private Threads() {
    }

    /** A child that waits, and does nothing else. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
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
        for (int i = 0; i < 150; i++) {
            try {
                new ProcessBuilder(Jvm.command(Child.class)).start();
            } catch (IOException e) {
                break;
            }
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
