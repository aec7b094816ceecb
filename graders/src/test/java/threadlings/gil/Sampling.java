package threadlings.gil;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import threadlings.grading.Processes;

/**
 * Counts, every 10 ms while some code runs, the threads that are inside {@link Interpreter#run} and the child
 * processes this JVM has: how many ran at the same time. Only whether they were alive at one moment is read, which
 * a busy machine does not change (it may delay the sampler, which is why a call with too few snapshots is
 * repeated).
 */
final class Sampling implements AutoCloseable {

    private static final long PERIOD_MILLIS = 10;

    private final Thread sampler;
    private final AtomicInteger mostInterpreters = new AtomicInteger();
    private final AtomicInteger mostChildren = new AtomicInteger();
    private final AtomicInteger snapshots = new AtomicInteger();
    private volatile boolean done;

    private Sampling() {
        sampler = new Thread(() -> {
            while (!done) {
                int interpreters = 0;
                for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                    if (Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(Interpreter.class.getName())
                            && f.getMethodName().equals("run"))) {
                        interpreters++;
                    }
                }
                int children = (int) ProcessHandle.current().children().filter(p -> Processes.isRunning(p.pid()))
                        .count();
                mostInterpreters.accumulateAndGet(interpreters, Math::max);
                mostChildren.accumulateAndGet(children, Math::max);
                snapshots.incrementAndGet();
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gil grader sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling at once. */
    static Sampling start() {
        Sampling s = new Sampling();
        s.sampler.start();
        return s;
    }

    /** The most threads seen inside Interpreter.run at one moment. */
    int mostInterpreters() {
        return mostInterpreters.get();
    }

    /** The most child processes of this JVM seen alive at one moment. */
    int mostChildren() {
        return mostChildren.get();
    }

    int snapshots() {
        return snapshots.get();
    }

    @Override
    public void close() throws InterruptedException {
        done = true;
        sampler.join(2_000);
    }
}
