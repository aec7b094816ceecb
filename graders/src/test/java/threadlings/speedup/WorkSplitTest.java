package threadlings.speedup;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How count shares the work among its threads, seen through each thread's CPU time while the call runs (see
 * {@link Watched}). CPU time measures work done, whatever else the machine is doing, so these verdicts hold on a
 * busy machine too; where a busy moment could still spoil a call for correct code, the check gives it another
 * call, while wrong code fails every call the same way.
 */
class WorkSplitTest {

    /** More threads than cores (4 on two cores): the OS shares the cores, and every thread must still get work. */
    static final int THREADS = Math.max(4, Runtime.getRuntime().availableProcessors() + 2);
    /** Numbers up to two million: about 0.4 s of CPU in all, the largest costing several times the smallest. */
    static final long LIMIT = 2_000_000;
    /** Calls a correct solution may need before a busy moment spares one. */
    private static final int CALLS = 3;
    /** A thread did noticeable work if it used at least this share of the workers' mean CPU time. */
    private static final double NOTICEABLE = 0.1;
    /** All the workers must work together for at least this share of the call (correct code: 0.9 and more). */
    private static final double TOGETHER = 0.25;
    /**
     * At most this share of the call's CPU may be spent by the others after the first worker ran out of work.
     * Measured here: 0.5 to 5 % for chunks handed out from a shared counter, idle or busy machine; 38 to 49 % for
     * four equal ranges of numbers; near 100 % for a split by n % 4.
     */
    private static final double LEFT_OVER = 0.2;
    /**
     * Smallest over largest CPU time per worker, at or above which a split counts as even whatever the timing
     * showed. Measured here: 0.41 to 0.45 for four equal ranges of numbers; 0.9 and more for an even fixed split.
     */
    private static final double EVEN = 0.7;


    @Test
    @DisplayName("all its threads work, and at the same time")
    void allItsThreadsWorkAtTheSameTime() throws Exception {
        String verdict = null;
        for (int call = 1; call <= CALLS; call++) {
            Watched w = Watched.call(LIMIT, THREADS, Calls.LIMIT);
            w.rethrow();
            verdict = notAllWorking(w);
            if (verdict != null && w.started < w.threads) {
                break; // too few threads started: another call would say the same
            }
            if (verdict == null) {
                verdict = notTogether(w);
            }
            if (verdict == null) {
                return;
            }
        }
        fail(verdict);
    }

    @Test
    @DisplayName("no thread runs out of work while the others still have plenty to do")
    void noThreadRunsOutOfWorkEarly() throws Exception {
        // Correct code passes every call whatever the machine does (see unevenSplit), so any call that shows an
        // uneven split fails; an uneven split may look even in one call by chance, hardly in three.
        for (int call = 1; call <= CALLS; call++) {
            Watched w = Watched.call(LIMIT, THREADS, Calls.LIMIT);
            w.rethrow();
            String verdict = unevenSplit(w);
            if (verdict != null) {
                fail(verdict);
            }
        }
    }

    /** Null if {@code threads} threads each did a noticeable share of the work; else what was seen. */
    static String notAllWorking(Watched w) {
        List<Watched.Track> workers = w.workers();
        long total = workers.stream().mapToLong(Watched.Track::cpu).sum();
        double mean = (double) total / w.threads;
        long working = workers.stream().filter(t -> t.cpu() >= NOTICEABLE * mean).count();
        if (working >= w.threads) {
            return null;
        }
        String seen = sayf("%s started %d thread%s, and %d of them did noticeable work (CPU "
                        + "time used: %s).",
                "%1$s 启动了 %2$d 个线程，其中 %4$d 个做了可观的工作（各线程用掉的 CPU 时间：%5$s）。",
                w.call(), w.started, w.started == 1 ? "" : "s", working, w.cpuList());
        if (w.started == 0 || working <= 1 && w.started == 1) {
            return seen + say(" All the work ran on one thread: start " + w.threads + " threads (the threads "
                    + "argument), and let each of them test numbers.",
                    "所有工作都在一个线程上运行：要启动 " + w.threads + " 个线程（由 threads 参数决定），让每个线程都去"
                            + "测试数字。");
        }
        if (w.started < w.threads) {
            return seen + say(" It must use " + w.threads + " threads, the number it is given: use the threads "
                    + "argument, not a number of your own (such as the number of cores).",
                    "它必须使用 " + w.threads + " 个线程，也就是传给它的那个数目：要用 threads 参数，而不是你自己定的"
                            + "数目（比如核心数）。");
        }
        if (working <= 1) {
            return seen + say(" So all the work ran on one thread, although the others were started: did the threads "
                    + "run one after another? Starting a thread and joining it before starting the next lets the "
                    + "first take every number before the next one even starts. Start them all, then join them all.",
                    "所以尽管其他线程也启动了，所有工作还是都在一个线程上运行：这些线程是不是一个接一个运行的？启动"
                            + "一个线程后、在启动下一个之前就 join 它，第一个线程就会在下一个启动之前拿走所有数字。"
                            + "先全部启动，再全部 join。");
        }
        return seen + say(" The split left the others (nearly) nothing to do: a split by n % threads, say, gives "
                + "some threads only even numbers when threads is even, and even numbers cost nothing to test. "
                + "Let every thread take numbers from one shared supply until there are none left.",
                "这种划分让其他线程（几乎）无事可做：比如按 n % threads 划分，threads 为偶数时，有些线程分到的全是"
                        + "偶数，而测试偶数几乎不花时间。让每个线程都从同一个共享的来源取数字，直到取完为止。");
    }

    /** Null if the workers all worked together for most of the call; else what was seen. */
    static String notTogether(Watched w) {
        List<Watched.Track> workers = w.workers();
        long from = workers.stream().mapToLong(Watched.Track::first).max().orElse(0);
        long to = workers.stream().mapToLong(Watched.Track::last).min().orElse(0);
        long together = Math.max(0, to - from);
        long call = w.returnNanos - w.startNanos;
        if (together >= TOGETHER * call) {
            return null;
        }
        StringBuilder timeline = new StringBuilder();
        for (Watched.Track t : workers) {
            timeline.append(sayf("%n  '%s' worked from %d ms to %d ms (%s of CPU)",
                    "%n  '%s' 从 %d ms 工作到 %d ms（用掉 %s CPU 时间）", t.name(),
                    (t.first() - w.startNanos) / 1_000_000, (t.last() - w.startNanos) / 1_000_000, t.millis()));
        }
        return sayf("%s took %d ms, but its %d threads all worked at the same time for only "
                        + "%d ms of it:%s%nThey ran one after another, or nearly: start every thread before "
                        + "joining any (start-join-start-join waits for each one to finish before the next "
                        + "begins), and let none of them wait for another while it works.",
                "%s 用了 %d ms，但它的 %d 个线程全都同时工作的时间只有其中的 %d ms：%s%n它们是一个接一个运行的，"
                        + "或者差不多如此：先启动所有线程，再 join 其中任何一个（启动-join-启动-join 会等每个线程结束"
                        + "之后才开始下一个），并且不要让任何线程在工作时等待别的线程。",
                w.call(), w.elapsedMillis(), w.threads, together / 1_000_000, timeline);
    }

    /**
     * Null unless the split was uneven: some worker ran out of work while the others still had much to do, and the
     * workers' CPU times were far apart.
     *
     * <p>The first measure: the CPU time the other workers used after the first worker stopped for good (counted
     * from the first sample that saw it stopped, so a late sample can only make it smaller), as a share of all the
     * workers' CPU time. With work handed out in small chunks it is a chunk or so per thread, whatever the machine
     * does: a thread stops only when no numbers are left. With a fixed split it is large, unless the threads that
     * drew less work also ran more slowly (a busy machine may, by chance, run some threads slower than others).
     *
     * <p>The second measure tells those apart: with a fixed split, each thread's CPU time is the cost of the numbers
     * it was given, however fast it ran, so a fixed but even split (blocks of numbers dealt out in turn, say) shows
     * CPU times close to each other even when a busy machine made one thread finish late.
     */
    static String unevenSplit(Watched w) {
        List<Watched.Track> workers = w.workers();
        if (workers.size() < w.threads) {
            return notAllWorking(w);
        }
        Watched.Track first = workers.stream().min((a, b) -> Long.compare(a.last(), b.last())).orElseThrow();
        int seenStopped = w.sampleAtOrBefore(first.last()) + 1;
        long total = 0;
        long after = 0;
        for (Watched.Track t : workers) {
            total += t.cpu();
            if (t != first && seenStopped < w.sampledAt.size()) {
                after += t.cpu() - t.cpuAt(seenStopped);
            }
        }
        double share = total == 0 ? 0 : (double) after / total;
        double spread = (double) workers.get(workers.size() - 1).cpu() / Math.max(1, workers.get(0).cpu());
        if (share <= LEFT_OVER || spread >= EVEN) {
            return null;
        }
        return sayf("%s: thread '%s' ran out of work %d ms into the %d ms call, having used "
                        + "%s of CPU, while the other threads went on to spend %.0f %% of all the CPU time the "
                        + "call used (at most %.0f %% was expected). The work was split unevenly: CPU time per "
                        + "thread: %s. Every thread should keep working until the numbers run out. Equal ranges "
                        + "of numbers are not equal work (a large number costs more to test than a small one), and "
                        + "a split by n %% threads gives some threads only even numbers, which cost nothing. Let "
                        + "the threads take small chunks (say a thousand numbers) from a shared counter, each "
                        + "taking the next chunk when it has finished its last.",
                "%s：线程 '%s' 在调用开始 %d ms 后就没活可干了（整个调用用时 %d ms），这时它用掉了 %s CPU 时间；"
                        + "而其他线程接着又花掉了这次调用全部 CPU 时间的 %.0f %%（最多只应有 %.0f %%）。工作分得不均匀，"
                        + "各线程的 CPU 时间：%s。每个线程都应该一直工作，直到数字取完为止。相等的数字区间并不是相等的"
                        + "工作量（测试大数比测试小数更费时），而按 n %% threads 划分会让一些线程只分到偶数，测试偶数几乎"
                        + "不花时间。让线程从一个共享计数器里取小块数字（比如一千个一块），每做完一块就去取下一块。",
                w.call(), first.name(), (first.last() - w.startNanos) / 1_000_000, w.elapsedMillis(), first.millis(),
                share * 100, LEFT_OVER * 100, w.cpuList());
    }
}
