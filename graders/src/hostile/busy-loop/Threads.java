package threadlings.threads;

import java.util.List;

/** Hostile: every method loops forever, busy, and ignores interrupts. */
public final class Threads {

    static volatile long sink;

    private Threads() {
    }

    private static void spin() {
        while (true) {
            sink++;
        }
    }

    public static Thread startNamed(String name, Runnable body) {
        spin();
        return null;
    }

    public static List<String> loop(String name, int n) throws InterruptedException {
        spin();
        return null;
    }

    public static String currentName() {
        spin();
        return null;
    }
}
