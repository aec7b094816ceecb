package threadlings.cores;

import static org.junit.jupiter.api.Assertions.fail;

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
            fail("100 ms after saturate(3, 300 ms) returned, " + later.size() + " of its threads were still running "
                    + "your code (" + Watch.names(later) + ", at " + later.get(0).where() + "). Join every thread "
                    + "before returning: until a thread has finished, its count is not final.");
        }
        if (w.counts != null && !Arrays.equals(w.counts, w.countsAtReturn)) {
            fail("the array saturate(3, 300 ms) returned changed after it returned (" + Arrays.toString(
                    w.countsAtReturn) + " at the return, " + Arrays.toString(w.counts) + " 100 ms later): its "
                    + "threads were still counting. Join every thread before returning.");
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
                fail(call + " returned after " + w.elapsedMillis() + " ms; it must keep its threads computing until "
                        + ms + " ms have passed since the call. Stop each loop at an end time worked out from "
                        + "duration (System.nanoTime() + duration.toNanos()), not after a fixed number of rounds, "
                        + "and join every thread before returning.");
            }
            if (w.elapsedMillis() > latest) {
                fail(call + " returned after " + w.elapsedMillis() + " ms, expected about " + ms + " ms (at most "
                        + latest + "): do the threads stop once duration has passed since the call? Work out the "
                        + "end time once, before starting the threads, and let them all run at the same time.");
            }
        }

        /** No thread of the call's still runs student code at the return. */
        static void checkFinished(Watch w) {
            if (!w.runningAtReturn.isEmpty()) {
                fail("when saturate(" + w.threads + ", " + w.duration.toMillis() + " ms) returned, "
                        + w.runningAtReturn.size() + " of its threads were still running your code ("
                        + Watch.names(w.runningAtReturn) + ", at " + w.runningAtReturn.get(0).where() + "). Join "
                        + "every thread before returning: until a thread has finished, its count is not final, "
                        + "and it may still be computing after the caller has moved on.");
            }
        }

        /** One count per thread, each at least 1. */
        static void checkCounts(Watch w) {
            String call = "saturate(" + w.threads + ", " + w.duration.toMillis() + " ms)";
            if (w.counts == null) {
                fail(call + " returned null; expected an array of " + w.threads + " counts, one per thread.");
            }
            if (w.counts.length != w.threads) {
                fail(call + " returned " + w.counts.length + " counts " + shortly(w.counts) + "; expected "
                        + w.threads + ", one per thread: element i is how many rounds thread i completed.");
            }
            for (int i = 0; i < w.counts.length; i++) {
                if (w.countsAtReturn[i] <= 0) {
                    fail(call + " returned " + shortly(w.countsAtReturn) + ": thread " + i + " completed "
                            + w.countsAtReturn[i] + " rounds. Every thread computes for the whole duration and "
                            + "completes at least one round; each writes its count into its own element before it "
                            + "ends, and the caller joins every thread before returning the array.");
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
                throw new AssertionError(call + " threw " + e + "; expected IllegalArgumentException: fewer than "
                        + "one thread cannot run anything. Check threads < 1 first.", e);
            }
            fail(call + " returned " + shortly(counts) + "; expected IllegalArgumentException: fewer than one "
                    + "thread cannot run anything. Check threads < 1 first.");
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
