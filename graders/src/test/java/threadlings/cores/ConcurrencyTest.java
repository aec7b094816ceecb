package threadlings.cores;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the threads do while {@code saturate} runs, seen from a sampler thread. Thread states do not depend on how
 * busy the machine is (a thread that waits for a core is still {@code RUNNABLE}), so these verdicts are the same
 * on an idle machine and a loaded one, where a CPU measurement could be fooled.
 *
 * <p>What load does change is how long threads take to start and to notice the end time, so each check looks at
 * the steady part of a call, and gives correct code another call or two when a busy moment spoiled one. Wrong
 * code fails every call the same way.
 */
class ConcurrencyTest {

    /** More threads than this machine's two cores: all must still run at once (the OS shares the cores). */
    private static final int THREADS = 3;
    private static final Duration DURATION = Duration.ofMillis(600);
    /** Calls a correct solution may need before a busy moment spares one. */
    private static final int CALLS = 3;
    /** Time all the threads must spend running the loop together, as a share of the duration (0.9+ on correct code). */
    private static final double TOGETHER = 0.5;
    /** Share of its snapshots in which each thread must be RUNNABLE (1.0 on correct code). */
    private static final double RUNNABLE = 0.9;
    /** States are judged in the middle of the call: its first and last fifth are left out (starting, stopping). */
    private static final double EDGE = 0.2;
    /** Fewest snapshots to judge a thread by. */
    private static final int ENOUGH = 5;
    /** Fewest snapshots of a whole call to judge it by (about 100 on correct code, idle or busy). */
    private static final int MIN_SNAPSHOTS = 20;

    private static final String CALL = "saturate(" + THREADS + ", " + DURATION.toMillis() + " ms)";

    @Test
    @DisplayName("all the threads compute at the same time")
    void allThreadsComputeAtTheSameTime() throws Exception {
        String verdict = null;
        for (int call = 1; call <= CALLS; call++) {
            Watch w = watched();
            int most = w.snapshots.stream().mapToInt(s -> s.threads().size()).max().orElse(0);
            long together = togetherMillis(w);
            if (together >= TOGETHER * DURATION.toMillis()) {
                return;
            }
            String seen = most < THREADS ? say("at most " + most + " did at any moment",
                    "任何时刻最多只有 " + most + " 个在运行")
                    : say("all " + THREADS + " were together for only " + together + " ms",
                    "所有 " + THREADS + " 个线程一起运行的时间只有 " + together + " ms");
            verdict = sayf("%s must keep %d threads running your loop at the same time for "
                            + "about %d ms, but %s (%d snapshots, one every %d ms or so, over %d ms). %s",
                    "%s 必须让 %d 个线程同时运行你的循环，持续大约 %d ms，但%s（%d 次快照，大约每 %d ms 一次，共 %d ms）。%s",
                    CALL, THREADS, DURATION.toMillis(), seen, w.snapshots.size(), Watch.PERIOD.toMillis(),
                    w.elapsedMillis(), whyNotTogether(w, most));
            if (most < THREADS) {
                break; // never all together: another call would say the same
            }
        }
        fail(verdict);
    }

    @Test
    @DisplayName("the threads never block, wait or sleep")
    void theThreadsNeverBlockWaitOrSleep() throws Exception {
        String verdict = null;
        for (int call = 1; call <= CALLS; call++) {
            Watch w = watched();
            verdict = notRunnable(w);
            if (verdict == null) {
                return;
            }
        }
        fail(verdict);
    }

    /** Milliseconds during which every snapshot saw all the threads running student code. */
    private static long togetherMillis(Watch w) {
        long nanos = 0;
        List<Watch.Snapshot> s = w.snapshots;
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i - 1).threads().size() >= THREADS && s.get(i).threads().size() >= THREADS) {
                nanos += s.get(i).at() - s.get(i - 1).at();
            }
        }
        return nanos / 1_000_000;
    }

    private static String whyNotTogether(Watch w, int most) {
        long started = w.startedDuringCall;
        if (started == 0) {
            return say("It started no thread: saturate must start " + THREADS + " new threads (the calling thread only "
                    + "starts them and waits for them).",
                    "它没有启动任何线程：saturate 必须启动 " + THREADS + " 个新线程（调用它的线程只负责启动它们，并等它们结束）。");
        }
        if (started == 1) {
            return say("It started one thread only: all the work runs on one thread. Start one thread per count, each "
                    + "running its own loop.",
                    "它只启动了一个线程：所有工作都在一个线程上运行。每个计数启动一个线程，各自运行自己的循环。");
        }
        if (most <= 1) {
            return say("It started " + started + " threads, but they ran one after another: start every thread first, "
                    + "and only then join them. Starting a thread and joining it before starting the next waits "
                    + "for each one to finish, so only one ever computes.",
                    "它启动了 " + started + " 个线程，但它们是一个接一个运行的：先启动所有线程，然后再 join 它们。"
                            + "启动一个线程后，在启动下一个之前就 join 它，就得等每个线程结束，于是任何时候都只有一个"
                            + "线程在计算。");
        }
        if (started < THREADS) {
            return say("It started " + started + " threads, not " + THREADS + ". The calling thread does not count: "
                    + "start " + THREADS + " new threads and let the caller wait for them.",
                    "它启动了 " + started + " 个线程，而不是 " + THREADS + " 个。调用它的线程不算在内：启动 " + THREADS
                            + " 个新线程，让调用者等它们结束。");
        }
        return say("Start all " + THREADS + " threads before waiting for any of them, and let each one compute until "
                + "the end time.",
                "先把 " + THREADS + " 个线程全部启动，再去等其中任何一个；并让每个线程一直计算到结束时刻。");
    }

    /** Null if every thread was RUNNABLE nearly always in the middle of the call; else what was wrong. */
    private static String notRunnable(Watch w) {
        long from = w.startNanos + (long) (EDGE * (w.returnNanos - w.startNanos));
        long to = w.returnNanos - (long) (EDGE * (w.returnNanos - w.startNanos));
        Map<Long, List<Watch.Seen>> byThread = new LinkedHashMap<>();
        for (Watch.Snapshot s : w.snapshots) {
            if (s.at() >= from && s.at() <= to) {
                for (Watch.Seen seen : s.threads().values()) {
                    byThread.computeIfAbsent(seen.id(), id -> new ArrayList<>()).add(seen);
                }
            }
        }
        List<List<Watch.Seen>> judged = byThread.values().stream()
                .filter(l -> l.size() >= ENOUGH).collect(Collectors.toList());
        if (judged.isEmpty()) {
            return say(CALL + " returned after " + w.elapsedMillis() + " ms, and no thread it started ran your code "
                    + "long enough to be watched: start " + THREADS + " threads that each compute until the end "
                    + "time, about " + DURATION.toMillis() + " ms after the call.",
                    CALL + " 在 " + w.elapsedMillis() + " ms 后返回，而它启动的线程没有一个运行你的代码足够久、能被观察到："
                            + "启动 " + THREADS + " 个线程，每个都一直计算到结束时刻，也就是调用之后大约 "
                            + DURATION.toMillis() + " ms。");
        }
        List<Watch.Seen> worst = judged.stream()
                .min(Comparator.comparingDouble(ConcurrencyTest::runnableShare)).orElseThrow();
        double runnable = runnableShare(worst);
        if (runnable >= RUNNABLE) {
            return null;
        }
        Map<Thread.State, Long> states = worst.stream()
                .filter(s -> s.state() != Thread.State.RUNNABLE)
                .collect(Collectors.groupingBy(Watch.Seen::state, Collectors.counting()));
        Thread.State state = states.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String where = worst.stream().filter(s -> s.state() == state)
                .collect(Collectors.groupingBy(Watch.Seen::where, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return sayf("%s: thread '%s' was RUNNABLE in only %.0f %% of the %d snapshots taken "
                        + "while it ran your code; mostly it was %s, at %s. %s",
                "%s：线程 '%s' 运行你的代码期间，只有 %.0f %% 的快照（共 %d 次）显示它处于 RUNNABLE；大多数时候它处于 %s"
                        + " 状态，位于 %s。%s",
                CALL, worst.get(0).name(), runnable * 100, worst.size(), state, where, explain(state, where));
    }

    /**
     * One watched call with enough snapshots to judge. A call that returns far too soon fails here; a machine so
     * busy that the sampler got too few snapshots is given another call, and past three, the test is skipped (it
     * cannot judge), never failed.
     */
    private static Watch watched() throws Exception {
        for (int attempt = 1; ; attempt++) {
            Watch w = Watch.call(THREADS, DURATION, true);
            w.rethrow();
            if (w.elapsedMillis() < DURATION.toMillis() / 2) {
                fail(say(CALL + " returned after " + w.elapsedMillis() + " ms, too soon to watch its threads at work: "
                        + "it must keep them computing for about " + DURATION.toMillis() + " ms, until the end time.",
                        CALL + " 在 " + w.elapsedMillis() + " ms 后就返回了，太快了，来不及观察它的线程工作：它必须让线程"
                                + "计算大约 " + DURATION.toMillis() + " ms，直到结束时刻。"));
            }
            if (w.snapshots.size() >= MIN_SNAPSHOTS) {
                return w;
            }
            int taken = w.snapshots.size();
            Assumptions.assumeTrue(attempt < 3, () -> say("this machine is too busy right now to watch " + CALL
                    + ": only " + taken + " snapshots of its threads could be taken in " + w.elapsedMillis()
                    + " ms. Run it again on a quieter machine.",
                    "这台机器此刻太忙，无法观察 " + CALL + "：" + w.elapsedMillis() + " ms 内只拍到了它的线程的 " + taken
                            + " 次快照。请在更空闲的机器上再运行一次。"));
        }
    }

    private static double runnableShare(List<Watch.Seen> seen) {
        return (double) seen.stream().filter(s -> s.state() == Thread.State.RUNNABLE).count() / seen.size();
    }

    /** The likely mistake behind a thread that is not RUNNABLE, from its state and where it stands. */
    static String explain(Thread.State state, String where) {
        String w = where.toLowerCase(Locale.ROOT);
        String idle = say(" A thread that is not RUNNABLE leaves its core idle; a saturating loop only computes.",
                "不处于 RUNNABLE 的线程会让它的核心闲着；要占满核心的循环只做计算。");
        if (state == Thread.State.BLOCKED) {
            return say("It was blocked waiting to enter a synchronized block or method that another thread held: a lock "
                    + "shared by the threads lets only one of them compute at a time, which is exactly what Python's "
                    + "GIL does to its threads. Give each thread its own counter and take no lock in the loop.",
                    "它被阻塞了，在等着进入另一个线程占着的 synchronized 块或方法：线程共用的一把锁让它们任何时候只能"
                            + "有一个在计算，这正是 Python 的 GIL 对它的线程做的事。给每个线程一个自己的计数器，循环里"
                            + "不要拿锁。") + idle;
        }
        if (w.contains("sleep")) {
            return say("It was sleeping (Thread.sleep): a sleeping thread uses no CPU. Remove the sleep from the loop.",
                    "它在睡眠（Thread.sleep）：睡眠中的线程不占用 CPU。把 sleep 从循环里去掉。")
                    + idle;
        }
        if (w.contains("park") || w.contains("lock") || w.contains("await")) {
            return say("It was waiting for a lock or a condition held by another thread: a lock shared by the threads "
                    + "lets only one of them compute at a time (what Python's GIL does). Take no lock in the loop.",
                    "它在等另一个线程持有的锁或条件：线程共用的一把锁让它们任何时候只能有一个在计算（Python 的 GIL"
                            + " 就是这样）。循环里不要拿锁。")
                    + idle;
        }
        if (w.contains("join")) {
            return say("It was waiting for another thread to finish (join): only the calling thread should join, once "
                    + "every thread has started.",
                    "它在等另一个线程结束（join）：只有调用 saturate 的线程才应该 join，而且要等所有线程都启动之后。")
                    + idle;
        }
        return say("It was waiting (wait, sleep, join or a lock) instead of computing.",
                "它在等待（wait、sleep、join 或某把锁），而不是在计算。") + idle;
    }
}
