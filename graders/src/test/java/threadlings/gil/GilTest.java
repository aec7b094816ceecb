package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import threadlings.grading.Deadline;

/** What a Gil promises one call at a time: its argument, who may release or tick it, and that it excludes. */
@ExtendWith(NotYet.class)
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
                fail(say("new Gil(" + interval + ") threw " + e + ": every interval from 1 up is allowed.",
                        "new Gil(" + interval + ") 抛出了 " + e + "：从 1 起的每个 interval 都是允许的。"));
            }
        }
    }

    @Test
    @DisplayName("release() and tick() by a thread that does not hold the GIL throw IllegalMonitorStateException")
    void releaseAndTickByANonHolderThrow() throws Exception {
        Gil fresh = new Gil(1);
        checkNotHolder(fresh, "release()", fresh::release, say("a new Gil, which nobody holds", "一个新的、没有人持有的 Gil"));
        checkNotHolder(fresh, "tick()", fresh::tick, say("a new Gil, which nobody holds", "一个新的、没有人持有的 Gil"));

        Gil gil = new Gil(1);
        Holder holder = Holder.take(gil);
        try {
            checkNotHolder(gil, "release()", gil::release, say("a Gil that another thread holds", "一个由另一个线程持有的 Gil"));
            checkNotHolder(gil, "tick()", gil::tick, say("a Gil that another thread holds", "一个由另一个线程持有的 Gil"));
            // The holder still holds it: nobody else gets it until it lets go.
            Holder second = Holder.start(gil);
            try {
                if (second.got.await(200, TimeUnit.MILLISECONDS)) {
                    fail(say("after another thread's failed release(), a third thread's acquire() returned although "
                            + "the holder had not released the GIL: the failed call must leave the GIL as it was.",
                            "另一个线程的 release() 失败之后，第三个线程的 acquire() 返回了，可持有者并没有释放 GIL："
                                    + "失败的调用必须让 GIL 保持原样。"));
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
                fail(say("a second thread's acquire() returned while the first thread still held the GIL: acquire() "
                        + "must wait until the GIL is free. Two threads holding it at once is what a GIL exists "
                        + "to prevent.",
                        "第一个线程仍持有 GIL 时，第二个线程的 acquire() 就返回了：acquire() 必须等到 GIL 空闲为止。"
                                + "GIL 存在的意义，正是防止两个线程同时持有它。"));
            }
            first.stop();
            if (!second.got.await(CALL.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(say("a thread waiting in acquire() did not get the GIL within " + Deadline.seconds(CALL) + " of "
                        + "the holder's release(): release() must let a waiting thread in.",
                        "持有者调用 release() 之后，在 acquire() 中等待的线程没有在 " + Deadline.seconds(CALL)
                                + "内拿到 GIL：release() 必须让一个等待中的线程进来。")
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
            throw new AssertionError(say("new Gil(" + interval + ") threw " + e + "; expected IllegalArgumentException: "
                    + "an interval below 1 means no bytecode between two hand-overs. Check interval < 1 first.",
                    "new Gil(" + interval + ") 抛出了 " + e + "；应当抛出 IllegalArgumentException：interval 小于 1，"
                            + "意味着两次交接之间一条字节码也不执行。先检查 interval < 1。"), e);
        }
        fail(say("new Gil(" + interval + ") was accepted; expected IllegalArgumentException: an interval below 1 means no "
                + "bytecode between two hand-overs. Check interval < 1 first.",
                "new Gil(" + interval + ") 被接受了；应当抛出 IllegalArgumentException：interval 小于 1，意味着两次"
                        + "交接之间一条字节码也不执行。先检查 interval < 1。"));
    }

    private static void checkNotHolder(Gil gil, String call, Deadline.Run run, String which) throws Exception {
        try {
            Deadline.run(CALL, say(call + " on " + which, "在" + which + "上调用 " + call), run);
        } catch (IllegalMonitorStateException expected) {
            return;
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(say(call + " on " + which + " threw " + e + "; expected IllegalMonitorStateException: "
                    + "only the thread that holds the GIL may call release() or tick(). Check that first.",
                    "在" + which + "上调用 " + call + " 抛出了 " + e + "；应当抛出 IllegalMonitorStateException：只有持有"
                            + " GIL 的线程才能调用 release() 或 tick()。先检查这一点。"), e);
        }
        fail(say(call + " on " + which + " returned normally; expected IllegalMonitorStateException: only the thread "
                + "that holds the GIL may call release() or tick(). Remember which thread holds it and check that "
                + "first (ReentrantLock.isHeldByCurrentThread() tells).",
                "在" + which + "上调用 " + call + " 正常返回了；应当抛出 IllegalMonitorStateException：只有持有 GIL 的"
                        + "线程才能调用 release() 或 tick()。记住是哪个线程持有它，先检查这一点（"
                        + "ReentrantLock.isHeldByCurrentThread() 可以告诉你）。"));
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
                fail(say("acquire() on a new Gil, which nobody holds, did not return within " + Deadline.seconds(CALL)
                        + ".", "在一个新的、没有人持有的 Gil 上调用 acquire()，没有在 " + Deadline.seconds(CALL)
                        + "内返回。") + h.problem());
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
            return t == null ? "" : say(" (it got " + t + ")", "（它得到了 " + t + "）");
        }
    }
}
