package threadlings.speedup;

import static threadlings.grading.Lang.say;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import threadlings.grading.Deadline;

/**
 * One call of {@link PrimeCounter#count}, watched: a sampler thread reads the CPU time of every thread of this JVM
 * every couple of milliseconds while the call runs.
 *
 * <p>A thread's CPU time grows only while it computes, whether the machine is idle or busy (a thread waiting for a
 * core gains none, and loses none). So the CPU time of each thread tells how much of the work it did, and the
 * moments its CPU time grew tell when it was working: from its first growth on, the thread was busy for as long as
 * its CPU time kept growing or it stayed runnable (on a busy machine a thread with work to do can wait a long while
 * for a core, gaining no CPU time: measured here, a quarter of a second at load 11 on two cores); once it has ended or
 * waits, it has stopped. That is what the verdicts here are built on, rather than wall times, which a busy machine
 * stretches at random.
 *
 * <p>The threads doing the work are the {@code threads} threads that used the most CPU during the call: new
 * threads, a pool kept from an earlier call, or the calling thread itself, whichever the student's code uses.
 */
final class Watched {

    /** Time between two samples. */
    static final Duration PERIOD = Duration.ofMillis(2);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One thread as the sampler saw it.
     *
     * @param id     thread id
     * @param name   its name when first seen
     * @param cpu    CPU time it used during the call, in nanoseconds
     * @param first  when (nanoTime) its CPU time was first seen to grow during the call; -1 if never
     * @param last   when it was last seen working: its CPU time growing, or the thread runnable (a thread that has
     *               work but waits for a core, on a busy machine, gains no CPU time for a while, yet has not
     *               stopped; a thread stops for good when it ends or waits)
     * @param values its CPU time (since the call began) at each sample, by the sample's index
     */
    record Track(long id, String name, long cpu, long first, long last, Map<Integer, Long> values) {

        /** Its CPU time at the sample of index {@code index}, or the latest before it. */
        long cpuAt(int index) {
            for (int i = index; i >= 0; i--) {
                Long v = values.get(i);
                if (v != null) {
                    return v;
                }
            }
            return 0;
        }

        String millis() {
            return String.format(Locale.ROOT, "%.0f ms", cpu / 1e6);
        }
    }

    final long limit;
    final int threads;
    /** What count returned; null if it threw. */
    Long result;
    /** What count threw, if it did. */
    Throwable thrown;
    long startNanos;
    long returnNanos;
    /** Threads started (by anyone, nearly always the student's code) while the call ran. */
    long started;
    /** When (nanoTime) each sample was taken, by index. */
    final List<Long> sampledAt = new ArrayList<>();
    /** Every thread whose CPU time grew during the call, the busiest first. */
    List<Track> tracks = List.of();

    private Watched(long limit, int threads) {
        this.limit = limit;
        this.threads = threads;
    }

    /** "count(2000000, 4)". */
    String call() {
        return "count(" + limit + ", " + threads + ")";
    }

    /** Milliseconds from the call to its return. */
    long elapsedMillis() {
        return (returnNanos - startNanos) / 1_000_000;
    }

    /**
     * Calls {@code count(limit, threads)} on a thread of its own, bounded by {@code limit}, sampling every
     * thread's CPU time meanwhile. What the call throws is kept in {@link #thrown}.
     */
    static Watched call(long limit, int threads, Duration timeLimit) throws Exception {
        Watched w = new Watched(limit, threads);
        Sampler sampler = new Sampler(w, timeLimit.plusSeconds(1));
        sampler.start();
        sampler.awaitFirstSample();
        long startedBefore = THREADS.getTotalStartedThreadCount();
        try {
            Deadline.run(timeLimit, w.call(), () -> {
                w.startNanos = System.nanoTime();
                try {
                    w.result = PrimeCounter.count(limit, threads);
                } catch (Throwable t) {
                    w.thrown = t;
                } finally {
                    w.returnNanos = System.nanoTime();
                }
            });
        } finally {
            w.started = THREADS.getTotalStartedThreadCount() - startedBefore - 1; // less the Deadline's thread
            sampler.finish();
        }
        return w;
    }

    /** Rethrows what the call threw, so a stub's "TODO" or a student's exception reaches the student as it was. */
    void rethrow() throws Exception {
        if (thrown instanceof UnsupportedOperationException) {
            Calls.notImplemented((UnsupportedOperationException) thrown);
        }
        if (thrown instanceof Exception) {
            throw (Exception) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
    }

    /** The {@code threads} busiest threads (fewer if fewer threads used any CPU), the busiest first. */
    List<Track> workers() {
        return tracks.subList(0, Math.min(threads, tracks.size()));
    }

    /** CPU time all the threads used during the call, in nanoseconds. */
    long totalCpu() {
        return tracks.stream().mapToLong(Track::cpu).sum();
    }

    /** "'prime-counter-0' 104 ms, 'prime-counter-1' 98 ms, ...": the CPU times of the threads that used 1 ms or more. */
    String cpuList() {
        List<Track> busy = tracks.stream().filter(t -> t.cpu() >= 1_000_000).collect(Collectors.toList());
        String list = busy.stream().map(t -> "'" + t.name() + "' " + t.millis())
                .collect(Collectors.joining(say(", ", "，")));
        return busy.isEmpty() ? say("no thread used 1 ms or more", "没有哪个线程用到 1 ms 或以上")
                : list + (busy.size() < tracks.size() ? say(", every other thread less than 1 ms", "，其余线程都不到 1 ms")
                : "");
    }

    /** Index of the last sample taken at or before {@code nanos}. */
    int sampleAtOrBefore(long nanos) {
        int index = 0;
        for (int i = 0; i < sampledAt.size(); i++) {
            if (sampledAt.get(i) <= nanos) {
                index = i;
            }
        }
        return index;
    }

    /** Takes the samples, on a daemon thread that also stops by itself after its limit. */
    private static final class Sampler extends Thread {

        private final Watched watch;
        private final long end;
        /** The grader's thread that makes the call: it only waits for the call, so its own CPU is not the work's. */
        private final long caller = Thread.currentThread().getId();
        private final java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean done;

        Sampler(Watched watch, Duration limit) {
            super("speedup grader sampler");
            setDaemon(true);
            this.watch = watch;
            this.end = System.nanoTime() + limit.toNanos();
        }

        @Override
        public void run() {
            Map<Long, Long> baseline = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            Map<Long, Map<Integer, Long>> values = new HashMap<>();
            Map<Long, Long> latest = new HashMap<>();
            Map<Long, long[]> growth = new HashMap<>(); // id -> {first, last}
            List<Long> at = new ArrayList<>();
            try {
                boolean firstRound = true;
                while (System.nanoTime() - end < 0) {
                    boolean last = done; // one more sample after the call returned, then stop
                    long now = System.nanoTime();
                    int index = at.size();
                    at.add(now);
                    long[] ids = THREADS.getAllThreadIds();
                    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
                    for (int k = 0; k < ids.length; k++) {
                        long id = ids[k];
                        if (id == getId() || id == caller) {
                            continue;
                        }
                        long cpu = THREADS.getThreadCpuTime(id);
                        if (cpu < 0) {
                            continue; // ended meanwhile
                        }
                        if (firstRound) {
                            baseline.put(id, cpu); // threads alive before the call: count only what they add
                            continue;
                        }
                        long used = cpu - baseline.getOrDefault(id, 0L);
                        values.computeIfAbsent(id, x -> new HashMap<>()).put(index, used);
                        Long previous = latest.put(id, used);
                        if (used > (previous == null ? 0 : previous)) {
                            growth.computeIfAbsent(id, x -> new long[] {now, now})[1] = now;
                        } else if (infos[k] != null && infos[k].getThreadState() == Thread.State.RUNNABLE
                                && growth.containsKey(id)) {
                            growth.get(id)[1] = now; // runnable but waiting for a core: still working
                        }
                        names.computeIfAbsent(id, Sampler::nameOf);
                    }
                    if (firstRound) {
                        firstRound = false;
                        first.countDown();
                    }
                    if (last) {
                        break;
                    }
                    Thread.sleep(PERIOD.toMillis());
                }
            } catch (InterruptedException e) {
                // finish() waits for us; an interrupt just ends the sampling early.
            } finally {
                first.countDown();
                List<Track> tracks = new ArrayList<>();
                for (Map.Entry<Long, long[]> e : growth.entrySet()) {
                    long id = e.getKey();
                    Map<Integer, Long> v = values.get(id);
                    long cpu = v.values().stream().mapToLong(Long::longValue).max().orElse(0);
                    tracks.add(new Track(id, names.getOrDefault(id, "#" + id), cpu, e.getValue()[0], e.getValue()[1],
                            v));
                }
                tracks.sort(Comparator.comparingLong(Track::cpu).reversed());
                synchronized (watch) {
                    watch.sampledAt.addAll(at);
                    watch.tracks = tracks;
                }
            }
        }

        private static String nameOf(long id) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            return info == null ? "#" + id : info.getThreadName();
        }

        void awaitFirstSample() throws InterruptedException {
            first.await();
        }

        void finish() throws InterruptedException {
            done = true;
            join(5_000);
            synchronized (watch) {
                // reading under the lock the sampler wrote under: its lists are now visible here
                watch.tracks = new ArrayList<>(watch.tracks);
            }
        }
    }
}
