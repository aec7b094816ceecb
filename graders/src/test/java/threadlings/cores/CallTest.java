package threadlings.cores;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** What one call of {@code saturate} promises: when it returns, what it returns, and what it refuses. */
class CallTest {

    @Test
    @DisplayName("returns about duration after the call")
    void returnsAboutDurationAfterTheCall() throws Exception {
        Duration d = Duration.ofMillis(600);
        Watch w = Watch.call(2, d, false);
        w.rethrow();
        Timing.check(w);
    }

    @Test
    @DisplayName("returns only once all its threads have finished")
    void returnsOnlyOnceAllItsThreadsHaveFinished() throws Exception {
        Watch w = Watch.call(3, Duration.ofMillis(300), false);
        w.rethrow();
        Timing.checkFinished(w);
        // Look again a little later: a thread just started at the return may have had no frame to see yet.
        Thread.sleep(100);
        List<Watch.Seen> later = w.runningNow();
        if (!later.isEmpty()) {
            fail(say("100 ms after saturate(3, 300 ms) returned, " + later.size() + " of its threads were still running "
                    + "your code (" + Watch.names(later) + ", at " + later.get(0).where() + "). Join every thread "
                    + "before returning: until a thread has finished, its count is not final.",
                    "saturate(3, 300 ms) 返回 100 ms 之后，它的线程中仍有 " + later.size() + " 个在运行你的代码（"
                            + Watch.names(later) + "，位于 " + later.get(0).where() + "）。返回之前要 join 每一个线程："
                            + "线程还没结束，它的计数就不是最终结果。"));
        }
        if (w.counts != null && !Arrays.equals(w.counts, w.countsAtReturn)) {
            fail(say("the array saturate(3, 300 ms) returned changed after it returned (" + Arrays.toString(
                    w.countsAtReturn) + " at the return, " + Arrays.toString(w.counts) + " 100 ms later): its "
                    + "threads were still counting. Join every thread before returning.",
                    "saturate(3, 300 ms) 返回的数组在返回之后还在变化（返回时是 " + Arrays.toString(w.countsAtReturn)
                            + "，100 ms 之后是 " + Arrays.toString(w.counts) + "）：它的线程还在计数。返回之前要 join"
                            + " 每一个线程。"));
        }
    }

    @Test
    @DisplayName("returns one positive count per thread")
    void returnsOnePositiveCountPerThread() throws Exception {
        Watch w = Watch.call(4, Duration.ofMillis(200), false);
        w.rethrow();
        Timing.checkCounts(w);
    }

    @Test
    @DisplayName("fewer than one thread is refused with IllegalArgumentException")
    void fewerThanOneThreadIsRefused() throws Exception {
        Timing.checkRefused(0);
        Timing.checkRefused(-1);
    }

    /** The checks shared with the properties. */
    static final class Timing {

        private Timing() {
        }

        /** Returned not much before {@code duration} (a little slack for the clock), nor very long after. */
        static void check(Watch w) {
            long ms = w.duration.toMillis();
            long earliest = ms - ms / 20 - 2;
            long latest = 2 * ms + 1000;
            String call = "saturate(" + w.threads + ", " + ms + " ms)";
            if (w.elapsedMillis() < earliest) {
                fail(say(call + " returned after " + w.elapsedMillis() + " ms; it must keep its threads computing until "
                        + ms + " ms have passed since the call. Stop each loop at an end time worked out from "
                        + "duration (System.nanoTime() + duration.toNanos()), not after a fixed number of rounds, "
                        + "and join every thread before returning.",
                        call + " 在 " + w.elapsedMillis() + " ms 后就返回了；它必须让线程一直计算，直到调用之后过去 "
                                + ms + " ms。每个循环都应当在根据 duration 算出的结束时刻停下（System.nanoTime() +"
                                + " duration.toNanos()），而不是跑完固定的轮数就停；返回之前还要 join 每一个线程。"));
            }
            if (w.elapsedMillis() > latest) {
                fail(say(call + " returned after " + w.elapsedMillis() + " ms, expected about " + ms + " ms (at most "
                        + latest + "): do the threads stop once duration has passed since the call? Work out the "
                        + "end time once, before starting the threads, and let them all run at the same time.",
                        call + " 在 " + w.elapsedMillis() + " ms 后才返回，应当在 " + ms + " ms 左右（最多 " + latest
                                + " ms）：从调用开始过了 duration 之后，线程停下来了吗？在启动线程之前只算一次结束时刻，"
                                + "并让所有线程同时运行。"));
            }
        }

        /** No thread of the call's still runs student code at the return. */
        static void checkFinished(Watch w) {
            if (!w.runningAtReturn.isEmpty()) {
                fail(say("when saturate(" + w.threads + ", " + w.duration.toMillis() + " ms) returned, "
                        + w.runningAtReturn.size() + " of its threads were still running your code ("
                        + Watch.names(w.runningAtReturn) + ", at " + w.runningAtReturn.get(0).where() + "). Join "
                        + "every thread before returning: until a thread has finished, its count is not final, "
                        + "and it may still be computing after the caller has moved on.",
                        "saturate(" + w.threads + ", " + w.duration.toMillis() + " ms) 返回时，它的线程中仍有 "
                                + w.runningAtReturn.size() + " 个在运行你的代码（" + Watch.names(w.runningAtReturn)
                                + "，位于 " + w.runningAtReturn.get(0).where() + "）。返回之前要 join 每一个线程："
                                + "线程还没结束，它的计数就不是最终结果，而且调用者已经往下走了，它可能还在计算。"));
            }
        }

        /** One count per thread, each at least 1. */
        static void checkCounts(Watch w) {
            String call = "saturate(" + w.threads + ", " + w.duration.toMillis() + " ms)";
            if (w.counts == null) {
                fail(say(call + " returned null; expected an array of " + w.threads + " counts, one per thread.",
                        call + " 返回了 null；应当返回一个有 " + w.threads + " 个计数的数组，每个线程一个。"));
            }
            if (w.counts.length != w.threads) {
                fail(say(call + " returned " + w.counts.length + " counts " + shortly(w.counts) + "; expected "
                        + w.threads + ", one per thread: element i is how many rounds thread i completed.",
                        call + " 返回了 " + w.counts.length + " 个计数 " + shortly(w.counts) + "；应当是 " + w.threads
                                + " 个，每个线程一个：第 i 个元素是线程 i 完成的轮数。"));
            }
            for (int i = 0; i < w.counts.length; i++) {
                if (w.countsAtReturn[i] <= 0) {
                    fail(say(call + " returned " + shortly(w.countsAtReturn) + ": thread " + i + " completed "
                            + w.countsAtReturn[i] + " rounds. Every thread computes for the whole duration and "
                            + "completes at least one round; each writes its count into its own element before it "
                            + "ends, and the caller joins every thread before returning the array.",
                            call + " 返回了 " + shortly(w.countsAtReturn) + "：线程 " + i + " 完成了 " + w.countsAtReturn[i]
                                    + " 轮。每个线程都要在整个 duration 内计算，至少完成一轮；每个线程在结束前把自己的"
                                    + "计数写进属于它的那个元素，调用者在返回数组之前 join 每一个线程。"));
                }
            }
        }

        /** {@code saturate(threads, 50 ms)} throws IllegalArgumentException. */
        static void checkRefused(int threads) throws Exception {
            String call = "saturate(" + threads + ", 50 ms)";
            long[] counts;
            try {
                counts = Deadline.call(Duration.ofSeconds(5), call,
                        () -> CoreSaturator.saturate(threads, Duration.ofMillis(50)));
            } catch (IllegalArgumentException expected) {
                return;
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(say(call + " threw " + e + "; expected IllegalArgumentException: fewer than "
                        + "one thread cannot run anything. Check threads < 1 first.",
                        call + " 抛出了 " + e + "；应当抛出 IllegalArgumentException：少于一个线程，什么也运行不了。"
                                + "先检查 threads < 1。"), e);
            }
            fail(say(call + " returned " + shortly(counts) + "; expected IllegalArgumentException: fewer than one "
                    + "thread cannot run anything. Check threads < 1 first.",
                    call + " 返回了 " + shortly(counts) + "；应当抛出 IllegalArgumentException：少于一个线程，什么也"
                            + "运行不了。先检查 threads < 1。"));
        }

        private static String shortly(long[] a) {
            if (a == null) {
                return "null";
            }
            return a.length <= 10 ? Arrays.toString(a)
                    : Arrays.toString(Arrays.copyOf(a, 10)).replace("]", ", ...]");
        }
    }
}
