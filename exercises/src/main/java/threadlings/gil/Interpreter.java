package threadlings.gil;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A toy interpreter that, like CPython, runs only while it holds its global interpreter lock (the GIL).
 *
 * <p>Given: you use it, you do not change it. {@link #run} takes the GIL, executes "bytecodes" (each a little
 * arithmetic), calls {@link Gil#tick()} after each one, and gives the GIL back when its time is up. Nothing else
 * stops two threads from executing bytecodes at the same time: only the {@link Gil} you write does.
 *
 * <p>It also keeps watch, for the graders (and for you, if you are curious): every time a thread begins a
 * bytecode while another thread is in the middle of one, it counts an <em>overlap</em>, per {@code Gil}
 * ({@link #overlaps(Gil)}, {@link #overlaps()}) and whatever {@code Gil} each thread runs under
 * ({@link #simultaneous()}). Under one correct {@code Gil}, threads take turns, and no overlap ever happens.
 */
public final class Interpreter {

    /**
     * Rounds of arithmetic in one bytecode: about half a microsecond of work, so that 100 bytecodes, the stretch
     * between two hand-overs, take far longer than a hand-over itself (waking a waiting thread takes some tens of
     * microseconds).
     */
    private static final int ROUNDS = 200;

    /** One counter pair per Gil; weak keys, so a Gil nobody uses any more can be collected. */
    private static final Map<Gil, Watch> WATCHES = Collections.synchronizedMap(new WeakHashMap<>());
    /** Threads in the middle of a bytecode right now, whatever their Gil. */
    private static final AtomicInteger EXECUTING = new AtomicInteger();
    private static final LongAdder OVERLAPS = new LongAdder();
    private static final LongAdder SIMULTANEOUS = new LongAdder();

    private static volatile long sink;

    private Interpreter() {
    }

    /** The threads executing a bytecode under one Gil right now, and the overlaps seen under it. */
    private static final class Watch {
        final AtomicInteger executing = new AtomicInteger();
        final LongAdder overlaps = new LongAdder();
    }

    /**
     * Runs the interpreter under {@code gil} for about {@code duration}: acquires the GIL, executes bytecodes,
     * calling {@code gil.tick()} after each one, until {@code duration} has passed since this call, then releases
     * the GIL. Executes at least one bytecode.
     *
     * @param gil      the lock every bytecode runs under
     * @param duration how long to run, from this call (time spent waiting for the GIL counts too)
     * @return how many bytecodes this call executed
     * @throws InterruptedException if the thread is interrupted while it waits for the GIL
     */
    public static long run(Gil gil, Duration duration) throws InterruptedException {
        Objects.requireNonNull(gil, "gil");
        long end = System.nanoTime() + duration.toNanos();
        Watch watch = WATCHES.computeIfAbsent(gil, g -> new Watch());
        long state = System.identityHashCode(Thread.currentThread()) | 1L;
        long executed = 0;
        gil.acquire();
        try {
            do {
                state = bytecode(watch, state);
                executed++;
                gil.tick();
            } while (System.nanoTime() - end < 0);
        } finally {
            gil.release();
        }
        sink = state;
        return executed;
    }

    /**
     * How many times, in this JVM so far, a thread began a bytecode under {@code gil} while another thread was in
     * the middle of one under the same {@code gil}. Zero when {@code gil} works.
     */
    public static long overlaps(Gil gil) {
        Watch watch = WATCHES.get(gil);
        return watch == null ? 0 : watch.overlaps.sum();
    }

    /** {@link #overlaps(Gil)} summed over every {@code Gil} used in this JVM so far. */
    public static long overlaps() {
        return OVERLAPS.sum();
    }

    /**
     * How many times, in this JVM so far, a thread began a bytecode while another thread was in the middle of one,
     * under the same {@code Gil} or a different one. Threads that all share one working {@code Gil} never raise
     * it; threads with a {@code Gil} each do, as soon as two of them run at once.
     */
    public static long simultaneous() {
        return SIMULTANEOUS.sum();
    }

    /** One bytecode: some arithmetic on {@code state}, watched for overlaps. */
    private static long bytecode(Watch watch, long state) {
        if (watch.executing.incrementAndGet() > 1) { // another thread is in the middle of one, same Gil
            watch.overlaps.increment();
            OVERLAPS.increment();
        }
        if (EXECUTING.incrementAndGet() > 1) { // another thread is in the middle of one, any Gil
            SIMULTANEOUS.increment();
        }
        long s = state;
        for (int i = 0; i < ROUNDS; i++) { // xorshift: cheap, and the JIT cannot skip it
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
        }
        EXECUTING.decrementAndGet();
        watch.executing.decrementAndGet();
        return s;
    }
}
