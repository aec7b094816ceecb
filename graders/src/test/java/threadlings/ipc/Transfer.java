package threadlings.ipc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import threadlings.grading.Deadline;

/** Sending messages with the student's channel and receiving them with another of its channels. */
final class Transfer {

    /** Far longer than a correct channel takes to move a few MiB through a pipe here, even on a busy machine. */
    static final Duration LIMIT = Duration.ofSeconds(15);

    private Transfer() {
    }

    /** What came out: the messages received in order, and how the receiving ended. */
    record Received(List<String> messages, String ending) {
    }

    /**
     * Sends {@code messages} from a thread of its own through an OS pipe and receives them here until
     * {@code receive()} returns empty, throws, or {@code messages.size() + 1} messages have arrived. The sender
     * closes its channel when done. Everything happens within {@link #LIMIT}.
     */
    static Received throughPipe(List<String> messages) throws Exception {
        try (OsPipe pipe = new OsPipe()) {
            MessageChannel sending = Deadline.call(LIMIT, "new MessageChannel(null, out)",
                    () -> new MessageChannel(null, pipe.out));
            MessageChannel receiving = Deadline.call(LIMIT, "new MessageChannel(in, null)",
                    () -> new MessageChannel(pipe.in, null));
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    for (String m : messages) {
                        sending.send(m);
                    }
                    sending.close();
                } catch (Throwable t) {
                    sendFailure.set(t);
                    pipe.close(); // so the receiver is not left waiting
                }
            }, "sender");
            sender.setDaemon(true);
            sender.start();
            Received r = receiveAll(receiving, messages.size() + 1, "receive() while another thread sends "
                    + messages.size() + " messages through a pipe");
            if (sendFailure.get() != null) {
                Throwable t = sendFailure.get();
                throw new AssertionError("send() threw " + t + " while sending " + messages.size() + " messages"
                        + " through a pipe that another thread read", t);
            }
            return r;
        }
    }

    /** Sends {@code messages} with the student's channel into memory; returns the bytes written. */
    static byte[] encode(List<String> messages) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deadline.run(LIMIT, "send() into a ByteArrayOutputStream", () -> {
            MessageChannel channel = new MessageChannel(null, bytes);
            for (String m : messages) {
                channel.send(m);
            }
        });
        return bytes.toByteArray();
    }

    /** Receives from {@code bytes} with the student's channel, until the end or {@code most} messages. */
    static Received decode(byte[] bytes, int most) throws Exception {
        MessageChannel channel = Deadline.call(LIMIT, "new MessageChannel(in, null)",
                () -> new MessageChannel(new ByteArrayInputStream(bytes), null));
        return receiveAll(channel, most, "receive() from a ByteArrayInputStream");
    }

    /** Calls receive() until it returns empty or throws, or {@code most} messages have come; all within LIMIT. */
    static Received receiveAll(MessageChannel channel, int most, String what) throws Exception {
        List<String> got = new ArrayList<>();
        String ending = Deadline.call(LIMIT, what, () -> {
            while (got.size() < most) {
                Optional<String> m;
                try {
                    m = channel.receive();
                } catch (Exception e) {
                    return "threw " + e;
                }
                if (m == null) {
                    return "returned null instead of an Optional";
                }
                if (m.isEmpty()) {
                    return "empty";
                }
                synchronized (got) {
                    got.add(m.get());
                }
            }
            return "stopped: enough messages";
        });
        synchronized (got) {
            return new Received(new ArrayList<>(got), ending);
        }
    }
}
