package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** What a Gil promises one call at a time: its argument, who may release or tick it, and that it excludes. */
class GilTest {

    private static final Duration CALL = Duration.ofSeconds(5);

    @Test
    @DisplayName("an interval below 1 is refused with IllegalArgumentException")
    void anIntervalBelowOneIsRefused() throws Exception {
        for (int interval : new int[] {0, -1, Integer.MIN_VALUE}) {
            checkRefused(interval);
        }
        for (int interval : new int[] {1, 100, Integer.MAX_VALUE}) {
            try {
                new Gil(interval);
            } catch (IllegalArgumentException e) {
                fail("new Gil(" + interval + ") threw " + e + ": every interval from 1 up is allowed.");
            }
        }
    }

    @Test
    @DisplayName("release() and tick() by a thread that does not hold the GIL throw IllegalMonitorStateException")
    void releaseAndTickByANonHolderThrow() throws Exception {
        Gil fresh = new Gil(1);
        checkNotHolder(fresh, "release()", fresh::release, "a new Gil, which nobody holds");
        checkNotHolder(fresh, "tick()", fresh::tick, "a new Gil, which nobody holds");

        Gil gil = new Gil(1);
        Holder holder = Holder.take(gil);
        try {
            checkNotHolder(gil, "release()", gil::release, "a Gil that another thread holds");
            checkNotHolder(gil, "tick()", gil::tick, "a Gil that another thread holds");
            // The holder still holds it: nobody else gets it until it lets go.
            Holder second = Holder.start(gil);
            try {
                if (second.got.await(200, TimeUnit.MILLISECONDS)) {
                    fail("after another thread's failed release(), a third thread's acquire() returned although "
                            + "the holder had not released the GIL: the failed call must leave the GIL as it was.");
                }
            } finally {
                holder.stop(); // lets the second one in, which then lets go at once
                second.stop();
            }
        } finally {
            holder.stop();
        }
    }

    @Test
    @DisplayName("acquire() waits while another thread holds the GIL, and gets it once it is released")
    void acquireWaitsWhileAnotherThreadHoldsTheGil() throws Exception {
        Gil gil = new Gil(100);
        Holder first = Holder.take(gil);
        Holder second = Holder.start(gil);
        try {
            if (second.got.await(300, TimeUnit.MILLISECONDS)) {
                fail("a second thread's acquire() returned while the first thread still held the GIL: acquire() "
                        + "must wait until the GIL is free. Two threads holding it at once is what a GIL exists "
                        + "to prevent.");
            }
            first.stop();
            if (!second.got.await(CALL.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("a thread waiting in acquire() did not get the GIL within " + Deadline.seconds(CALL) + " of "
                        + "the holder's release(): release() must let a waiting thread in."
                        + second.problem());
            }
        } finally {
            first.stop();
            second.stop();
        }
    }

    static void checkRefused(int interval) {
        try {
            new Gil(interval);
        } catch (IllegalArgumentException expected) {
            return;
        } catch (RuntimeException e) {
            if (e instanceof UnsupportedOperationException) {
                throw e;
            }
            throw new AssertionError("new Gil(" + interval + ") threw " + e + "; expected IllegalArgumentException: "
                    + "an interval below 1 means no bytecode between two hand-overs. Check interval < 1 first.", e);
        }
        fail("new Gil(" + interval + ") was accepted; expected IllegalArgumentException: an interval below 1 means no "
                + "bytecode between two hand-overs. Check interval < 1 first.");
    }

    private static void checkNotHolder(Gil gil, String call, Deadline.Run run, String which) throws Exception {
        try {
            Deadline.run(CALL, call + " on " + which, run);
        } catch (IllegalMonitorStateException expected) {
            return;
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(call + " on " + which + " threw " + e + "; expected IllegalMonitorStateException: "
                    + "only the thread that holds the GIL may call release() or tick(). Check that first.", e);
        }
        fail(call + " on " + which + " returned normally; expected IllegalMonitorStateException: only the thread "
                + "that holds the GIL may call release() or tick(). Remember which thread holds it and check that "
                + "first (ReentrantLock.isHeldByCurrentThread() tells).");
    }

    /** A thread that takes the GIL and holds it until told to release it. */
    static final class Holder {
        final CountDownLatch got = new CountDownLatch(1);
        private final CountDownLatch letGo = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        private Holder(Gil gil) {
            thread = new Thread(() -> {
                try {
                    gil.acquire();
                    got.countDown();
                    letGo.await();
                    gil.release();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "gil holder");
            thread.setDaemon(true);
        }

        static Holder start(Gil gil) {
            Holder h = new Holder(gil);
            h.thread.start();
            return h;
        }

        /** Starts a holder and waits until it holds the GIL. */
        static Holder take(Gil gil) throws InterruptedException {
            Holder h = start(gil);
            if (!h.got.await(CALL.toMillis(), TimeUnit.MILLISECONDS)) {
                h.thread.interrupt();
                fail("acquire() on a new Gil, which nobody holds, did not return within " + Deadline.seconds(CALL)
                        + "." + h.problem());
            }
            return h;
        }

        /**
         * Lets it release the GIL once it has it, and waits a little for it to end; a thread still waiting then
         * is interrupted.
         */
        void stop() throws InterruptedException {
            letGo.countDown();
            if (!got.await(1, TimeUnit.SECONDS)) {
                thread.interrupt();
            }
            thread.join(CALL.toMillis());
            Throwable t = failure.get();
            if (t instanceof UnsupportedOperationException) {
                throw (UnsupportedOperationException) t;
            }
        }

        String problem() {
            Throwable t = failure.get();
            return t == null ? "" : " (it got " + t + ")";
        }
    }
}
