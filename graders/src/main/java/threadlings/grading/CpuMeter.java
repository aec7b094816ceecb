package threadlings.grading;

import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Assumptions;

/**
 * The kit's CPU meter: how much CPU a piece of code used, judged against what this machine can give <em>right
 * now</em>.
 *
 * <p>CPU use is measured as CPU time over wall time, in "cores": a thread spinning without pause for one second
 * uses one second of CPU, 1.0 core; four of them on four free cores use 4.0 cores (what {@code top} shows as
 * 400 %). {@link #measure} counts this JVM's CPU time (every thread, as the OS accounts it) and
 * {@link #measureWithChildren} adds every process this JVM started, directly or not, while the code ran.
 *
 * <p>What a correct program reaches depends on the machine: a CI runner with another job on one of its two cores
 * gives even perfect code about one core. So no check here compares with a fixed number times
 * {@link Runtime#availableProcessors()}. {@link #capacity} runs a known-good reference load (threads that spin
 * without pause) and measures what it got; {@link #compare} measures that capacity just before and just after the
 * student's code and requires a share of it, so a busy machine lowers both sides alike. On a machine with one
 * core nothing can show parallelism: checks that need it call {@link #assumeSeveralCores}, which skips them with
 * the reason instead of failing them.
 */
public final class CpuMeter {

    /** The share of the capacity a correct, saturating load reaches even on a noisy machine (measured: 0.9–1.0). */
    public static final double DEFAULT_SHARE = 0.75;
    /** Measurements of a failing load before {@link #compare} gives its verdict. */
    public static final int DEFAULT_ATTEMPTS = 4;
    /**
     * Capacity, in cores, below which the machine cannot show parallelism right now: the reference load got about
     * one core's worth, so parallel code would use no more than serial code.
     */
    public static final double PARALLEL = 1.25;

    /** A clock tick in /proc (USER_HZ): 100 per second on every Linux architecture the kit runs on. */
    private static final long PROC_TICK_NANOS = 10_000_000L;
    private static final Path PROC_SELF_STAT = Path.of("/proc/self/stat");
    private static final Duration CHILD_POLL = Duration.ofMillis(20);

    private static volatile long sink;
    private static volatile boolean warm;

    private CpuMeter() {
    }

    /**
     * What some code used: the wall time it took and the CPU time spent meanwhile.
     *
     * @param wall from just before the code started to just after it returned
     * @param cpu  CPU time (user and system) spent in that interval, by this JVM and, where asked, its children
     */
    public record Usage(Duration wall, Duration cpu) {

        /** CPU time per wall time: 1.0 is one core kept busy the whole time. */
        public double cores() {
            return wall.isZero() ? 0 : (double) cpu.toNanos() / wall.toNanos();
        }

        /** "1.96 cores (1.37 s of CPU in 0.70 s)", for messages. */
        @Override
        public String toString() {
            return sayf("%.2f cores (%.2f s of CPU in %.2f s)", "%.2f 个核心（%.2f 秒 CPU 时间，用时 %.2f 秒）", cores(),
                    cpu.toNanos() / 1e9, wall.toNanos() / 1e9);
        }
    }

    /** A value some code returned, with what it used to compute it. */
    public record Measured<T>(T value, Usage usage) {
    }

    /**
     * The verdict of {@link #compare}, with the numbers that explain it ("measured X cores, capacity Y,
     * required Z"), for messages and for the report.
     *
     * @param measured  cores the code under test used
     * @param capacity  cores the reference load got around it
     * @param required  {@code share × capacity}: the least the code had to use
     * @param share     the share of the capacity required
     * @param reference threads in the reference load
     * @param attempts  how many times the code was measured (a failing measurement is repeated, in case the
     *                  machine was disturbed at that moment)
     */
    public record Check(double measured, double capacity, double required, double share, int reference,
                        int attempts) {

        /** True when the code used at least the required share of the capacity. */
        public boolean passed() {
            return measured >= required;
        }

        /** {@code measured / capacity}. */
        public double ratio() {
            return capacity <= 0 ? 0 : measured / capacity;
        }

        /**
         * True when the machine gave the reference load clearly more than one core ({@link #PARALLEL} cores or
         * more), so that parallel code can be told from serial code. Below that (one core, or a machine so busy
         * that this process gets about one core's worth), a failed check proves nothing.
         */
        public boolean parallel() {
            return capacity >= PARALLEL;
        }

        /**
         * Skips the calling test (a JUnit assumption) when {@link #parallel()} is false: the machine could not show
         * whether {@code what} holds, either way. Saying "failed" would blame correct code; saying "passed" would
         * credit wrong code (measured at load 24: threads run one after another used 0.21 cores, against a
         * capacity of 0.23 and a requirement of 0.17).
         */
        public void assumeJudgeable(String what) {
            Assumptions.assumeTrue(parallel(), () -> sayf(
                    "this machine is too busy right now to judge %s: %d threads spinning without pause got only "
                            + "%.2f cores (%s). Run it again on a quieter machine.",
                    "这台机器此刻太忙，无法判断%s：%d 个不停空转的线程只得到了 %.2f 个核心（%s）。"
                            + "请在更空闲的机器上再运行一次。",
                    what, reference, capacity, summary()));
        }

        /** "measured 1.02 cores, capacity 1.97, required 1.48 (75 % of capacity)". */
        public String summary() {
            return sayf("measured %.2f cores, capacity %.2f, required %.2f (%.0f %% of capacity)",
                    "实测 %.2f 个核心，机器可提供 %.2f 个，要求至少 %.2f 个（可提供量的 %.0f %%）",
                    measured, capacity, required, share * 100);
        }

        /** The same numbers, keyed, for a machine-readable report. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("measuredCores", round(measured));
            m.put("capacityCores", round(capacity));
            m.put("requiredCores", round(required));
            m.put("share", share);
            m.put("referenceThreads", reference);
            m.put("attempts", attempts);
            m.put("passed", passed());
            return m;
        }

        private static double round(double x) {
            return Math.round(x * 100) / 100.0;
        }
    }

    /** A measurement to judge: typically {@code () -> CpuMeter.measure(() -> Student.run(...)).usage()}. */
    @FunctionalInterface
    public interface Measurement {
        Usage measure() throws Exception;
    }

    /**
     * Skips the calling test (a JUnit assumption, not a failure) when this machine offers a single core: there,
     * parallel code cannot use more CPU than serial code, and {@code what} cannot be judged.
     */
    public static void assumeSeveralCores(String what) {
        int cores = Runtime.getRuntime().availableProcessors();
        Assumptions.assumeTrue(cores >= 2, () -> say("this machine offers one core only, so " + what
                + " cannot be judged here: parallel threads cannot use more CPU than one thread. "
                + "Run it on a machine with two cores or more to have it checked.",
                "这台机器只提供一个核心，所以这里无法判断" + what + "：并行的多个线程用的 CPU 不可能比一个线程更多。"
                        + "请在有两个或更多核心的机器上运行，才能检查这一项。"));
    }

    /** Runs {@code load} and measures this JVM's CPU time meanwhile (all its threads, including the JVM's own). */
    public static <T> Measured<T> measure(Deadline.Call<T> load) throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        T value = load.call();
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        return new Measured<>(value, new Usage(Duration.ofNanos(t1 - t0), Duration.ofNanos(Math.max(0, cpu1 - cpu0))));
    }

    /**
     * Like {@link #measure}, adding the CPU time of every process this JVM started, directly or not, while
     * {@code load} ran: those still running at the end and those that ended meanwhile.
     *
     * <p>On Linux, a process that ended and was waited for has its CPU time added to its parent's account
     * ({@code /proc/<pid>/stat}, fields {@code cutime} and {@code cstime}), which is exact. Elsewhere the live
     * descendants are polled every 20 ms, and up to the last 20 ms of each one that ends is missed.
     */
    public static <T> Measured<T> measureWithChildren(Deadline.Call<T> load) throws Exception {
        return procStat(ProcessHandle.current().pid()).isPresent() ? measureChildrenFromProc(load)
                : measureChildrenByPolling(load);
    }

    /**
     * The machine's capacity right now: runs {@code threads} threads that spin without pause for
     * {@code duration}, and returns what they used. With {@code threads} equal to the cores offered, on an idle
     * machine this is close to {@code threads} cores; on a busy one, less.
     */
    public static Usage capacity(int threads, Duration duration) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException(say("threads < 1: ", "线程数 threads < 1：") + threads);
        }
        CountDownLatch go = new CountDownLatch(1);
        Thread[] spinners = new Thread[threads];
        long[] deadline = new long[1];
        for (int i = 0; i < threads; i++) {
            spinners[i] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = deadline[0];
                long rounds = 0;
                while (System.nanoTime() - end < 0) {
                    rounds++;
                }
                sink = rounds;
            }, "cpu-meter reference load " + (i + 1) + "/" + threads);
            spinners[i].setDaemon(true);
            spinners[i].start();
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        deadline[0] = t0 + duration.toNanos();
        go.countDown(); // publishes deadline[0] to the spinners (countDown happens-before await returns)
        for (Thread t : spinners) {
            t.join();
        }
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        return new Usage(Duration.ofNanos(t1 - t0), Duration.ofNanos(Math.max(0, cpu1 - cpu0)));
    }

    /**
     * Judges a load against the machine's capacity right now. Each attempt measures the capacity with
     * {@code reference} spinning threads for {@code duration}, then the load, then the capacity again. The load
     * passes if, in one attempt, it used at least {@code share} of the lower of the two capacities around it, or
     * if over all attempts so far it used at least {@code share} of the capacity measured meanwhile (so one
     * disturbed moment fails no one, and neither does a steadily noisy machine). After {@code attempts}
     * failing attempts, returns the failing verdict over all of them.
     *
     * <p>Choose {@code duration} about as long as the load runs, and {@code reference} as the number of threads
     * the load should keep busy. A failing check whose {@link Check#parallel()} is false proves nothing: see
     * {@link Check#assumeJudgeable}.
     */
    public static Check compare(int reference, Duration duration, double share, int attempts, Measurement load)
            throws Exception {
        if (attempts < 1 || share <= 0) {
            throw new IllegalArgumentException(say("attempts < 1 or share <= 0", "attempts < 1 或 share <= 0"));
        }
        warmUp(reference);
        long loadCpu = 0;
        long loadWall = 0;
        long refCpu = 0;
        long refWall = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Usage before = capacity(reference, duration);
            Usage measured = load.measure();
            Usage after = capacity(reference, duration);
            double capacity = Math.min(before.cores(), after.cores());
            Check once = new Check(measured.cores(), capacity, share * capacity, share, reference, attempt);
            loadCpu += measured.cpu().toNanos();
            loadWall += measured.wall().toNanos();
            refCpu += before.cpu().toNanos() + after.cpu().toNanos();
            refWall += before.wall().toNanos() + after.wall().toNanos();
            double overallCapacity = (double) refCpu / refWall;
            Check overall = new Check((double) loadCpu / loadWall, overallCapacity, share * overallCapacity, share,
                    reference, attempt);
            if (once.passed()) {
                return once;
            }
            if (overall.passed() || attempt == attempts) {
                return overall;
            }
        }
        throw new AssertionError(say("unreachable", "不应执行到这里"));
    }

    /** {@link #compare} with the {@link #DEFAULT_SHARE} and {@link #DEFAULT_ATTEMPTS}. */
    public static Check compare(int reference, Duration duration, Measurement load) throws Exception {
        return compare(reference, duration, DEFAULT_SHARE, DEFAULT_ATTEMPTS, load);
    }

    /** This JVM's CPU time so far, in nanoseconds (user and system, all threads, as the OS accounts it). */
    public static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long t = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        Optional<long[]> stat = procStat(ProcessHandle.current().pid());
        if (stat.isPresent()) {
            return stat.get()[0] * PROC_TICK_NANOS;
        }
        Assumptions.abort(say("this JVM cannot report its CPU time, so CPU use cannot be judged here",
                "这个 JVM 无法报告自己用了多少 CPU 时间，所以这里无法判断 CPU 的使用情况"));
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The first measurement in a JVM also pays for compiling the spin loop: do that once, unmeasured. */
    private static void warmUp(int threads) throws InterruptedException {
        if (!warm) {
            capacity(threads, Duration.ofMillis(100));
            warm = true;
        }
    }

    private static <T> Measured<T> measureChildrenFromProc(Deadline.Call<T> load) throws Exception {
        Map<Long, Long> before = descendantTicks();
        long reaped0 = procStat(ProcessHandle.current().pid()).map(s -> s[1]).orElse(0L);
        Measured<T> own = measure(load);
        long reaped1 = procStat(ProcessHandle.current().pid()).map(s -> s[1]).orElse(0L);
        Map<Long, Long> after = descendantTicks();
        // Each process's time is in its own account while it lives, and moves to its parent's "children" account
        // once it has ended and been waited for: count every tick once.
        long ticks = reaped1 - reaped0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        for (Map.Entry<Long, Long> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                ticks -= e.getValue(); // ended meanwhile: its whole life is in reaped1, its past was counted before
            }
        }
        return withChildren(own, Math.max(0, ticks) * PROC_TICK_NANOS);
    }

    /** Where there is no /proc: poll the live descendants' CPU time, and keep the last value seen of each. */
    static <T> Measured<T> measureChildrenByPolling(Deadline.Call<T> load) throws Exception {
        Map<Long, Long> first = descendantCpu();
        Map<Long, Long> last = new HashMap<>(first);
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Map<Long, Long> now = descendantCpu();
                synchronized (last) {
                    last.putAll(now);
                }
                try {
                    Thread.sleep(CHILD_POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-meter child poller");
        poller.setDaemon(true);
        poller.start();
        Measured<T> own;
        try {
            own = measure(load);
        } finally {
            poller.interrupt();
            poller.join(1000);
        }
        long nanos = 0;
        synchronized (last) {
            last.putAll(descendantCpu());
            for (Map.Entry<Long, Long> e : last.entrySet()) {
                nanos += e.getValue() - first.getOrDefault(e.getKey(), 0L);
            }
        }
        return withChildren(own, Math.max(0, nanos));
    }

    private static <T> Measured<T> withChildren(Measured<T> own, long childNanos) {
        Usage u = own.usage();
        return new Measured<>(own.value(), new Usage(u.wall(), u.cpu().plusNanos(childNanos)));
    }

    /** Ticks of every live descendant, each including the descendants it has waited for. */
    private static Map<Long, Long> descendantTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p ->
                procStat(p.pid()).ifPresent(s -> ticks.put(p.pid(), s[0] + s[1])));
        return ticks;
    }

    private static Map<Long, Long> descendantCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p ->
                p.info().totalCpuDuration().ifPresent(d -> cpu.put(p.pid(), d.toNanos())));
        return cpu;
    }

    /**
     * {@code [own ticks, waited-for children's ticks]} from {@code /proc/<pid>/stat}, or empty where there is no
     * such file (not Linux, or the process is gone).
     */
    private static Optional<long[]> procStat(long pid) {
        Path stat = pid == ProcessHandle.current().pid() ? PROC_SELF_STAT
                : Path.of("/proc", Long.toString(pid), "stat");
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        // Field 2, the command, is in parentheses and may hold spaces: count fields after the last ')'.
        // After it: 3 state, ... 14 utime, 15 stime, 16 cutime, 17 cstime.
        String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" +");
        OptionalLong utime = parse(f, 14 - 3);
        OptionalLong stime = parse(f, 15 - 3);
        OptionalLong cutime = parse(f, 16 - 3);
        OptionalLong cstime = parse(f, 17 - 3);
        if (utime.isEmpty() || stime.isEmpty() || cutime.isEmpty() || cstime.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {utime.getAsLong() + stime.getAsLong(),
                cutime.getAsLong() + cstime.getAsLong()});
    }

    private static OptionalLong parse(String[] fields, int index) {
        try {
            return index < fields.length ? OptionalLong.of(Long.parseLong(fields[index])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
