package threadlings.pool;

/**
 * A task for the graders that keeps its worker JVM from ending by itself: it starts a thread that is not a daemon
 * and registers a shutdown hook, and both sleep {@link #MILLIS}. A worker that returns from {@code main} stays
 * alive for the thread; one that calls {@code System.exit} waits for the hook. Either way the worker ends by
 * itself only after {@link #MILLIS}, so that nothing outlives a grader for long.
 */
public class Linger implements PoolTask {

    static final long MILLIS = 20_000;

    @Override
    public String apply(String input) {
        Runnable sleep = () -> {
            try {
                Thread.sleep(MILLIS);
            } catch (InterruptedException e) {
                // End early, then.
            }
        };
        new Thread(sleep, "lingering").start();
        Runtime.getRuntime().addShutdownHook(new Thread(sleep, "lingering shutdown hook"));
        return "lingering";
    }
}
