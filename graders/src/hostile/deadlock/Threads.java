package threadlings.threads;

import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * Hostile: every method starts two threads that take two locks in opposite orders, each holding its first while
 * it waits for the other's, and waits for both: they never end.
 */
public final class Threads {

    private Threads() {
    }

    private static void deadlock() throws InterruptedException {
        Object a = new Object();
        Object b = new Object();
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        Thread first = new Thread(() -> take(a, b, bothHoldOne), "first");
        Thread second = new Thread(() -> take(b, a, bothHoldOne), "second");
        first.start();
        second.start();
        first.join();
        second.join();
    }

    private static void take(Object mine, Object theirs, CyclicBarrier bothHoldOne) {
        synchronized (mine) {
            try {
                bothHoldOne.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            synchronized (theirs) {
                sink = mine.hashCode() + theirs.hashCode();
            }
        }
    }

    static volatile int sink;

    public static Thread startNamed(String name, Runnable body) {
        try {
            deadlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    public static List<String> loop(String name, int n) throws InterruptedException {
        deadlock();
        return null;
    }

    public static String currentName() {
        try {
            deadlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
