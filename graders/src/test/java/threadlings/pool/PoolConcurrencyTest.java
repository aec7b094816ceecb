package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/**
 * The lesson's example: a pool of 4 and 5 sleeping tasks. Each task records when it started and ended (the same
 * clock for every process on the machine), and the grader lines them up.
 */
class PoolConcurrencyTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration TASKS = Duration.ofSeconds(20);

    /**
     * How long each of the five naps sleeps. Tasks 2 to 4 end first, at about 1 s; task 5 must then start on one of
     * their workers and end long before task 1 does, at 2.4 s. Every margin is hundreds of milliseconds, far more
     * than handing a task to an idle, warmed-up worker takes, even on a busy machine.
     */
    private static final long[] NAPS = {2400, 1000, 1000, 1000, 300};

    /** Timestamps may disagree by a clock tick between processes. */
    private static final long TICK = 30;

    record Interval(long start, long end) {
    }

    @Test
    @DisplayName("a pool of 4 runs 4 tasks at once; the fifth waits, then runs on the first worker that is free")
    void fourAtOnceThenTheFifth() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(4);
            // Warm up: four short naps at once, one per worker, so that every worker JVM is up and has loaded the
            // task before the measured run.
            Path warm = cleanup.folder();
            List<CompletableFuture<String>> warming = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String input = Nap.input(warm, "warm-up " + i, 300);
                warming.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Nap.class, input)));
            }
            List<Outcome> warmed = Outcome.awaitAll(warming, TASKS);
            for (int i = 0; i < 4; i++) {
                if (!warmed.get(i).succeeded()) {
                    fail(say("a task that sleeps 0.3 s (submitted to a new pool of 4, with 3 others like it) "
                            + warmed.get(i).describe() + (warmed.get(i).pending() ? " after " + Deadline.seconds(TASKS)
                            : ""),
                            "一个睡眠 0.3 秒的任务（和另外 3 个同样的任务一起提交给新建的、有 4 个工作进程的进程池）"
                            + warmed.get(i).describe() + (warmed.get(i).pending()
                            ? "（已过 " + Deadline.seconds(TASKS) + "）" : "")));
                }
            }

            Path dir = cleanup.folder();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < NAPS.length; i++) {
                String input = Nap.input(dir, "task " + (i + 1), NAPS[i]);
                futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Nap.class, input)));
            }
            List<Outcome> outcomes = Outcome.awaitAll(futures, TASKS);
            for (int i = 0; i < NAPS.length; i++) {
                if (!outcomes.get(i).succeeded()) {
                    fail(say("task " + (i + 1) + " (it sleeps " + NAPS[i] + " ms) " + outcomes.get(i).describe()
                            + (outcomes.get(i).pending() ? " " + Deadline.seconds(TASKS) + " after it was submitted"
                            : ""),
                            "任务 " + (i + 1) + "（睡眠 " + NAPS[i] + " 毫秒）" + outcomes.get(i).describe()
                            + (outcomes.get(i).pending() ? "（提交后已过 " + Deadline.seconds(TASKS) + "）" : "")));
                }
            }
            List<Interval> runs = new ArrayList<>();
            for (int i = 1; i <= NAPS.length; i++) {
                runs.add(new Interval(Long.parseLong(Files.readString(dir.resolve("task " + i + ".start"))),
                        Long.parseLong(Files.readString(dir.resolve("task " + i + ".end")))));
            }
            judge(runs);
        }
    }

    private static void judge(List<Interval> runs) {
        long origin = runs.stream().mapToLong(Interval::start).min().orElse(0);
        StringBuilder en = new StringBuilder(" (times in ms from the first start:");
        StringBuilder zh = new StringBuilder("（时间以毫秒计，从第一个任务开始时算起：");
        for (int i = 0; i < runs.size(); i++) {
            Interval r = runs.get(i);
            en.append(" task ").append(i + 1).append(" ran ").append(r.start() - origin).append("–")
                    .append(r.end() - origin).append(i + 1 < runs.size() ? "," : ")");
            zh.append("任务 ").append(i + 1).append(" 运行于 ").append(r.start() - origin).append("–")
                    .append(r.end() - origin).append(i + 1 < runs.size() ? "，" : "）");
        }
        String timeline = say(en.toString(), zh.toString());
        int most = mostAtOnce(runs);
        if (most > 4) {
            fail(say(most + " tasks ran at the same time in a pool of 4 workers" + timeline + ". A pool runs at most"
                    + " as many tasks at once as it has workers: each worker runs one task at a time, and a task"
                    + " submitted while all of them are busy waits in a queue until one is free (do not start an"
                    + " extra process or thread for it)",
                    "在只有 4 个工作进程的进程池里，有 " + most + " 个任务同时运行" + timeline + "。进程池同时运行的"
                    + "任务数最多等于它的工作进程数：每个工作进程一次只运行一个任务，所有工作进程都忙时提交的任务要在"
                    + "队列里等待，直到有工作进程空闲下来（不要为它另外启动进程或线程）"));
        }
        long lastOfFirstFour = 0;
        long firstEnd = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            lastOfFirstFour = Math.max(lastOfFirstFour, runs.get(i).start());
            firstEnd = Math.min(firstEnd, runs.get(i).end());
        }
        if (lastOfFirstFour >= firstEnd) {
            fail(say("the first four tasks, submitted together to a pool of 4 idle workers, did not all run at the"
                    + " same time" + timeline + ": at most " + most + " ran at once. Each worker must be able to take"
                    + " a task while the others are busy: give every worker a thread of its own that sends it the"
                    + " next task and waits for its reply",
                    "前四个任务一起提交给有 4 个空闲工作进程的进程池，却没有全部同时运行" + timeline + "：同一时刻"
                    + "最多只有 " + most + " 个在运行。每个工作进程都应能在其他工作进程忙碌时接下任务：给每个工作"
                    + "进程配一个专属线程，由它把下一个任务发给这个工作进程并等待回复"));
        }
        Interval fifth = runs.get(4);
        if (fifth.start() + TICK < firstEnd) {
            fail(say("task 5 started before any of the four tasks ahead of it had finished" + timeline,
                    "排在前面的四个任务还没有一个完成，任务 5 就开始了" + timeline));
        }
        if (fifth.start() + TICK >= runs.get(0).end()) {
            fail(say("task 5 waited for task 1 (the longest) to finish, although the workers of tasks 2, 3 and 4 had"
                    + " been free since " + (firstEnd - origin) + " ms" + timeline + ". A waiting task must go to"
                    + " whichever worker is free first: keep one queue that every worker's thread takes from, not"
                    + " a queue per worker filled in turn (round robin)",
                    "任务 5 一直等到任务 1（最长的那个）结束才运行，尽管任务 2、3、4 的工作进程从 " + (firstEnd - origin)
                    + " 毫秒起就已经空闲" + timeline + "。等待中的任务应当交给最先空闲的工作进程：只用一个队列，让每个"
                    + "工作进程的线程都从中取任务，而不是每个工作进程一个队列、轮流往里分派（round robin，轮询）"));
        }
    }

    /** The largest number of intervals that share an instant. */
    private static int mostAtOnce(List<Interval> runs) {
        int most = 0;
        for (Interval r : runs) {
            int at = 0;
            for (Interval other : runs) {
                // Does other run at r's start? (Ending in the same clock tick as r starts does not count.)
                if (other.start() <= r.start() && r.start() + TICK < other.end()) {
                    at++;
                }
            }
            most = Math.max(most, at);
        }
        return most;
    }
}
