package threadlings.cores;

import static threadlings.grading.Lang.say;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import threadlings.grading.Deadline;
import threadlings.grading.Lang;

/**
 * One call of {@link CoreSaturator#saturate}, watched: a sampler thread takes a snapshot of the threads every few
 * milliseconds while the call runs, noting which ones are running the student's code and in what state.
 *
 * <p>Which threads are the student's: a thread that did not exist before the call (other than the calling thread
 * and the sampler) once its stack has shown a frame of the {@code threadlings.cores} package, and any older thread
 * (a pool kept between calls, say) once its stack has shown a frame of {@code CoreSaturator}. An idle pool thread,
 * or a thread the JVM starts for itself, runs none of that code and is left out.
 *
 * <p>Thread states do not depend on the machine's load: a thread that waits for a core is still {@code RUNNABLE},
 * while one that sleeps, waits or is blocked on a lock is not. So what this class sees is the same on an idle
 * machine and on a busy one.
 *
 * <p>Why the sampler is careful: reading another thread's stack needs that thread to stop at a safepoint, and on
 * a busy machine a spinning thread that waits for a core takes long to get there; a sampler reading every stack
 * every few milliseconds would take few snapshots. So it reads a thread's state ({@link Thread#getState()}, which
 * costs nothing) every time, and its stack only to learn whose it is, or where it stands when it is not running
 * (a blocked or sleeping thread is already stopped, so that costs little).
 */
final class Watch {

    /** Time between two snapshots. */
    static final Duration PERIOD = Duration.ofMillis(5);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String STUDENT_CLASS = CoreSaturator.class.getName();
    private static final String STUDENT_PACKAGE = CoreSaturator.class.getPackageName() + ".";
    /** CPU time an unclaimed thread may use before its stack is read again (it may have started student code). */
    private static final long RECHECK_CPU_NANOS = 2_000_000;

    /** A student thread as one snapshot saw it; {@code where} is known when it was not RUNNABLE. */
    record Seen(long id, String name, Thread.State state, String where) {
    }

    /** One snapshot: when (nanoTime) and the student threads running student code at that moment. */
    record Snapshot(long at, Map<Long, Seen> threads) {
    }

    final int threads;
    final Duration duration;
    /** What saturate returned (null if it threw). */
    long[] counts;
    /** A copy of {@link #counts} taken at once after the call returned. */
    long[] countsAtReturn;
    /** What saturate threw, if it did. */
    Throwable thrown;
    long startNanos;
    long returnNanos;
    /** Snapshots taken while the call ran (between its start and its return). */
    final List<Snapshot> snapshots = new ArrayList<>();
    /** Student threads still running student code right after the call returned. */
    List<Seen> runningAtReturn = List.of();
    /** How many threads were started during the call (by the student's code, but for a rare thread of the JVM's). */
    long startedDuringCall;
    private Set<Long> before = Set.of();
    private long caller;

    private Watch(int threads, Duration duration) {
        this.threads = threads;
        this.duration = duration;
    }

    /** The generous time limit for one call: it should take {@code duration}. */
    static Duration limit(Duration duration) {
        return duration.multipliedBy(3).plusSeconds(5);
    }

    /**
     * Calls {@code saturate(threads, duration)} on a thread of its own, bounded by {@link #limit}, taking
     * snapshots every {@link #PERIOD} if {@code sample}. What the call throws is kept in {@link #thrown}.
     */
    static Watch call(int threads, Duration duration, boolean sample) throws Exception {
        Watch w = new Watch(threads, duration);
        awaitNoStudentThreads(Duration.ofSeconds(3));
        Deadline.run(limit(duration), "saturate(" + threads + ", " + Deadline.seconds(duration) + ")", () -> {
            Thread caller = Thread.currentThread();
            Set<Long> before = new HashSet<>();
            for (long id : THREADS.getAllThreadIds()) {
                before.add(id);
            }
            w.before = before;
            w.caller = caller.getId();
            Sampler sampler = null;
            if (sample) {
                sampler = new Sampler(w, before, caller, limit(duration));
                before.add(sampler.getId());
                sampler.start();
                sampler.awaitFirstSnapshot();
            }
            long started = THREADS.getTotalStartedThreadCount();
            w.startNanos = System.nanoTime();
            try {
                w.counts = CoreSaturator.saturate(threads, duration);
            } catch (Throwable t) {
                w.thrown = t;
            } finally {
                w.returnNanos = System.nanoTime();
                w.startedDuringCall = THREADS.getTotalStartedThreadCount() - started;
                w.countsAtReturn = w.counts == null ? null : w.counts.clone();
                w.runningAtReturn = runningStudentCode(before, caller.getId());
                if (sampler != null) {
                    sampler.finish();
                }
            }
        });
        return w;
    }

    /** The threads of the call (started during it, or running CoreSaturator) that run student code now. */
    List<Seen> runningNow() {
        return runningStudentCode(before, caller);
    }

    /** Milliseconds from the call to its return. */
    long elapsedMillis() {
        return (returnNanos - startNanos) / 1_000_000;
    }

    /** Rethrows what the call threw, so a stub's "TODO" or a student's exception reaches the student as it was. */
    void rethrow() throws Exception {
        if (thrown instanceof UnsupportedOperationException) {
            notImplemented((UnsupportedOperationException) thrown);
        }
        if (thrown instanceof Exception) {
            throw (Exception) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
    }

    /**
     * In a Chinese run, throws the stub's "TODO" behind a line in Chinese; in English it reaches the student as it
     * is, so this returns.
     */
    static void notImplemented(UnsupportedOperationException todo) {
        if (Lang.current() == Lang.ZH) {
            throw new AssertionError("CoreSaturator 还没有实现：" + todo.getMessage(), todo);
        }
    }

    /** "'saturate-0', 'saturate-1'", the names of some threads. */
    static String names(List<Seen> seen) {
        return seen.stream().map(s -> "'" + s.name() + "'").distinct().collect(Collectors.joining(", "));
    }

    /** Waits until no thread left over from an earlier call still runs student code (an earlier wrong call). */
    private static void awaitNoStudentThreads(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long self = Thread.currentThread().getId();
        Set<Long> all = new HashSet<>();
        for (long id : THREADS.getAllThreadIds()) {
            all.add(id); // all "old": only a CoreSaturator frame marks a thread as a leftover
        }
        while (System.nanoTime() - end < 0 && !runningStudentCode(all, self).isEmpty()) {
            Thread.sleep(20);
        }
    }

    /**
     * The threads running student code now, from one dump of every stack: threads not in {@code before} with a
     * frame of the student's package (or no frame yet: just started), and any thread with a frame of
     * {@code CoreSaturator}; never
     * {@code caller}, never the sampler, never a finished thread.
     */
    private static List<Seen> runningStudentCode(Set<Long> before, long caller) {
        List<Seen> seen = new ArrayList<>();
        for (ThreadInfo info : THREADS.dumpAllThreads(false, false)) {
            long id = info.getThreadId();
            if (id == caller || info.getThreadState() == Thread.State.TERMINATED
                    || info.getThreadName().equals(Sampler.NAME)) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            boolean isNew = !before.contains(id);
            // A new thread with no frame yet has been started but has not run a line: it is about to run the loop.
            if (isStudents(stack, isNew) || isNew && stack.length == 0) {
                seen.add(new Seen(id, info.getThreadName(), info.getThreadState(),
                        stack.length == 0 ? say("starting", "刚启动") : where(stack)));
            }
        }
        return seen;
    }

    /** True if {@code stack} runs student code: any class of its package for a new thread, else CoreSaturator. */
    private static boolean isStudents(StackTraceElement[] stack, boolean isNew) {
        return Arrays.stream(stack).anyMatch(f -> isNew
                ? f.getClassName().startsWith(STUDENT_PACKAGE)
                : f.getClassName().equals(STUDENT_CLASS) || f.getClassName().startsWith(STUDENT_CLASS + "$"));
    }

    /** The top of a stack, down to the first student frame: "Thread.sleep <- CoreSaturator.lambda$saturate$0:28". */
    private static String where(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : stack) {
            String cls = f.getClassName();
            boolean students = cls.startsWith(STUDENT_PACKAGE);
            frames.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName()
                    + (f.getLineNumber() > 0 && students ? ":" + f.getLineNumber() : ""));
            if (students || frames.size() >= 4) {
                break;
            }
        }
        return frames.isEmpty() ? "?" : String.join(" <- ", frames);
    }

    /** All live platform threads, without stopping any of them. */
    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(all, true);
        return Arrays.copyOf(all, n);
    }

    private record Checked(long cpu, Thread.State state) {
    }

    /** Takes the snapshots, on a daemon thread that also stops by itself after {@code limit}. */
    private static final class Sampler extends Thread {

        static final String NAME = "cores grader sampler";

        private final Watch watch;
        private final Set<Long> before;
        private final Thread caller;
        private final long end;
        private final CountDownLatch first = new CountDownLatch(1);
        /** Threads whose stack has shown student code. */
        private final Set<Long> students = new HashSet<>();
        /** Other threads: their CPU time and state when last looked at. */
        private final Map<Long, Checked> checked = new HashMap<>();
        private volatile boolean done;

        Sampler(Watch watch, Set<Long> before, Thread caller, Duration limit) {
            super(NAME);
            setDaemon(true);
            this.watch = watch;
            this.before = before;
            this.caller = caller;
            this.end = System.nanoTime() + limit.toNanos();
        }

        @Override
        public void run() {
            List<Snapshot> taken = new ArrayList<>();
            try {
                while (!done && System.nanoTime() - end < 0) {
                    long at = System.nanoTime();
                    taken.add(new Snapshot(at, snapshot()));
                    first.countDown();
                    Thread.sleep(PERIOD.toMillis());
                }
            } catch (InterruptedException e) {
                // finish() waits for us; an interrupt just ends the sampling early.
            } finally {
                first.countDown();
                synchronized (watch) {
                    for (Snapshot s : taken) {
                        if (s.at() >= watch.startNanos && s.at() <= watch.returnNanos) {
                            watch.snapshots.add(s);
                        }
                    }
                }
            }
        }

        private Map<Long, Seen> snapshot() {
            Map<Long, Seen> seen = new LinkedHashMap<>();
            List<Long> stacksToRead = new ArrayList<>();
            for (Thread t : allThreads()) {
                if (t == this || t == caller) {
                    continue;
                }
                long id = t.getId();
                Thread.State state = t.getState();
                if (state == Thread.State.TERMINATED) {
                    continue;
                }
                if (students.contains(id) && state == Thread.State.RUNNABLE) {
                    seen.put(id, new Seen(id, t.getName(), state, ""));
                } else if (students.contains(id) || worthReading(id, state)) {
                    stacksToRead.add(id);
                }
            }
            if (!stacksToRead.isEmpty()) {
                // One call for all of them: each call stops every thread for a moment.
                long[] ids = stacksToRead.stream().mapToLong(Long::longValue).toArray();
                for (ThreadInfo info : THREADS.getThreadInfo(ids, Integer.MAX_VALUE)) {
                    if (info == null || info.getThreadState() == Thread.State.TERMINATED) {
                        continue;
                    }
                    long id = info.getThreadId();
                    StackTraceElement[] stack = info.getStackTrace();
                    if (isStudents(stack, !before.contains(id))) {
                        students.add(id);
                        seen.put(id, new Seen(id, info.getThreadName(), info.getThreadState(), where(stack)));
                    }
                }
            }
            return seen;
        }

        /**
         * Whether to read the stack of a thread not yet known to run student code: a new thread when first seen,
         * when its state changes and when it has used CPU since; an older thread only once it has used CPU.
         */
        private boolean worthReading(long id, Thread.State state) {
            long cpu = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
                    ? THREADS.getThreadCpuTime(id) : -1;
            boolean isNew = !before.contains(id);
            Checked last = checked.get(id);
            boolean read;
            if (last == null) {
                read = isNew;
            } else {
                read = cpu >= 0 && cpu - last.cpu() > RECHECK_CPU_NANOS || isNew && state != last.state();
            }
            if (last == null || read) {
                checked.put(id, new Checked(cpu, state));
            }
            return read;
        }

        void awaitFirstSnapshot() throws InterruptedException {
            first.await();
        }

        void finish() throws InterruptedException {
            done = true;
            join(5_000);
        }
    }
}
