package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;

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
                    fail("a task that sleeps 0.3 s (submitted to a new pool of 4, with 3 others like it) "
                            + warmed.get(i).describe() + (warmed.get(i).pending() ? " after " + Deadline.seconds(TASKS)
                            : ""));
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
                    fail("task " + (i + 1) + " (it sleeps " + NAPS[i] + " ms) " + outcomes.get(i).describe()
                            + (outcomes.get(i).pending() ? " " + Deadline.seconds(TASKS) + " after it was submitted"
                            : ""));
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
        StringBuilder timeline = new StringBuilder(" (times in ms from the first start:");
        for (int i = 0; i < runs.size(); i++) {
            Interval r = runs.get(i);
            timeline.append(" task ").append(i + 1).append(" ran ").append(r.start() - origin).append("–")
                    .append(r.end() - origin).append(i + 1 < runs.size() ? "," : ")");
        }
        int most = mostAtOnce(runs);
        if (most > 4) {
            fail(most + " tasks ran at the same time in a pool of 4 workers" + timeline + ". A pool runs at most as"
                    + " many tasks at once as it has workers: each worker runs one task at a time, and a task"
                    + " submitted while all of them are busy waits in a queue until one is free (do not start an"
                    + " extra process or thread for it)");
        }
        long lastOfFirstFour = 0;
        long firstEnd = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            lastOfFirstFour = Math.max(lastOfFirstFour, runs.get(i).start());
            firstEnd = Math.min(firstEnd, runs.get(i).end());
        }
        if (lastOfFirstFour >= firstEnd) {
            fail("the first four tasks, submitted together to a pool of 4 idle workers, did not all run at the same"
                    + " time" + timeline + ": at most " + most + " ran at once. Each worker must be able to take a"
                    + " task while the others are busy: give every worker a thread of its own that sends it the"
                    + " next task and waits for its reply");
        }
        Interval fifth = runs.get(4);
        if (fifth.start() + TICK < firstEnd) {
            fail("task 5 started before any of the four tasks ahead of it had finished" + timeline);
        }
        if (fifth.start() + TICK >= runs.get(0).end()) {
            fail("task 5 waited for task 1 (the longest) to finish, although the workers of tasks 2, 3 and 4 had"
                    + " been free since " + (firstEnd - origin) + " ms" + timeline + ". A waiting task must go to"
                    + " whichever worker is free first: keep one queue that every worker's thread takes from, not"
                    + " a queue per worker filled in turn (round robin)");
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
