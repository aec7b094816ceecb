package threadlings.ipc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An output stream that opens, on purpose, the window in which two unsynchronized senders mix their messages.
 *
 * <p>The first {@code write} it receives is held half done: half of its bytes are kept, then the writing thread
 * waits until another thread writes too (those bytes land in the middle), or until it is plain that no other
 * thread can: each other sender is blocked or waiting (on the sender's lock, if it has one) or has returned from
 * {@code send}. Then the rest of the first write follows. A {@code send} that writes its frame while holding a lock
 * keeps every other sender out of that window, so its frames stay whole; a {@code send} without one lets the other
 * thread's bytes into the middle of its message, every time. Any stream may behave like this: a pipe, for one,
 * takes a large write in pieces, and another thread's write can land between them.
 */
final class MeetingStream extends OutputStream {

    /** How long the first write waits at most: only a sender that spins without blocking makes it wait this long. */
    private static final long PATIENCE_MILLIS = 3_000;
    /** How long every other sender must be seen stuck before the held write goes on. */
    private static final long STUCK_MILLIS = 60;

    /** One sending thread, as the test that runs it reports it. */
    static final class Sender {
        final Thread thread;
        volatile boolean sending;
        volatile boolean returned;

        Sender(Thread thread) {
            this.thread = thread;
        }

        /** True while this sender cannot write: not yet in send(), blocked or waiting in it, or back from it. */
        boolean cannotWrite() {
            if (returned) {
                return true;
            }
            if (!sending) {
                return false; // it is about to send: wait for it
            }
            Thread.State s = thread.getState();
            return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING
                    || s == Thread.State.TERMINATED;
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch anotherWrote = new CountDownLatch(1);
    private List<Sender> senders = List.of();
    private Thread first; // guarded by this
    private volatile boolean met;

    /** The threads that will send; set before they start. */
    void senders(List<Sender> senders) {
        this.senders = List.copyOf(senders);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Thread me = Thread.currentThread();
        boolean hold;
        synchronized (this) {
            hold = first == null && len > 0;
            if (hold) {
                first = me;
            } else if (first != null && me != first) {
                anotherWrote.countDown();
            }
        }
        if (!hold) {
            append(b, off, len);
            return;
        }
        int half = len / 2;
        append(b, off, half);
        awaitAnotherOrNone(me);
        append(b, off + half, len - half);
    }

    private synchronized void append(byte[] b, int off, int len) {
        bytes.write(b, off, len);
    }

    private void awaitAnotherOrNone(Thread me) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        long stuckSince = -1;
        try {
            while (System.nanoTime() - deadline < 0) {
                if (anotherWrote.await(5, TimeUnit.MILLISECONDS)) {
                    met = true;
                    return;
                }
                boolean allStuck = senders.stream().filter(s -> s.thread != me).allMatch(Sender::cannotWrite);
                if (!allStuck) {
                    stuckSince = -1;
                } else if (stuckSince == -1) {
                    stuckSince = System.nanoTime();
                } else if (System.nanoTime() - stuckSince > TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether another thread's write landed inside the first one. */
    boolean met() {
        return met;
    }

    /** Everything written so far. */
    synchronized byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
