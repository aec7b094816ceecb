package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** Where the stream ends (between messages or inside one), and that a sent message is on its way at once. */
class MessageChannelEndTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final List<String> MESSAGES = List.of("", "a", "h\u00e9llo\n", "\ud83d\ude00 end");

    @Test
    @DisplayName("a stream that ends between messages: receive() returns every message, then Optional.empty()")
    void endBetweenMessages() throws Exception {
        int[] boundaries = boundaries();
        byte[] all = Transfer.encode(MESSAGES);
        for (int k = 0; k <= MESSAGES.size(); k++) {
            List<String> sent = MESSAGES.subList(0, k);
            Transfer.Received r = Transfer.decode(Arrays.copyOf(all, boundaries[k]), k + 1);
            Expect.same(sent, r, "and the stream ended right after " + (k == 0 ? "nothing (no message at all)"
                    : "message " + k));
        }
    }

    @Test
    @DisplayName("a stream that ends inside a message: receive() throws EOFException")
    void endInsideAMessage() throws Exception {
        int[] boundaries = boundaries();
        byte[] all = Transfer.encode(MESSAGES);
        for (int k = 0; k < MESSAGES.size(); k++) {
            for (int cut = boundaries[k] + 1; cut < boundaries[k + 1]; cut++) {
                byte[] bytes = Arrays.copyOf(all, cut);
                MessageChannel channel = Deadline.call(QUICK, "new MessageChannel(in, null)",
                        () -> new MessageChannel(new java.io.ByteArrayInputStream(bytes), null));
                String where = "a stream that holds messages " + Expect.list(MESSAGES.subList(0, k)) + " and then"
                        + " only the first " + (cut - boundaries[k]) + " of the " + (boundaries[k + 1] - boundaries[k])
                        + " bytes your send() wrote for \"" + Texts.escape(MESSAGES.get(k)) + "\"";
                for (int i = 0; i < k; i++) {
                    int index = i;
                    Optional<String> m;
                    try {
                        m = Deadline.call(QUICK, "receive()", channel::receive);
                    } catch (Exception e) {
                        throw new AssertionError("from " + where + ", receive() number " + (index + 1) + " threw "
                                + e + " instead of returning \"" + Texts.escape(MESSAGES.get(index)) + "\"", e);
                    }
                    if (m == null || !m.equals(Optional.of(MESSAGES.get(i)))) {
                        fail("from " + where + ", receive() number " + (i + 1) + " returned " + m + " instead of \""
                                + Texts.escape(MESSAGES.get(i)) + "\"");
                    }
                }
                Optional<String> last;
                try {
                    last = Deadline.call(QUICK, "receive() from a stream cut inside a message", channel::receive);
                } catch (EOFException expected) {
                    continue;
                } catch (Exception e) {
                    throw new AssertionError("from " + where + ", the last receive() must throw EOFException (the"
                            + " stream ended inside a message), but it threw " + e, e);
                }
                if (last != null && last.isEmpty()) {
                    fail("from " + where + ", the last receive() returned Optional.empty(), but the stream ended"
                            + " inside a message, which was cut short: throw EOFException. Empty means that the"
                            + " stream ended cleanly between two messages (no byte of a frame read yet); a frame"
                            + " cut short is an error the receiver must hear about");
                }
                fail("from " + where + ", the last receive() returned " + last + ", but that message was cut short:"
                        + " it must throw EOFException. Check that the number of bytes read equals the length");
            }
        }
    }

    @Test
    @DisplayName("a message sent is received at once, while the sender stays open")
    void sendFlushes() throws Exception {
        try (OsPipe pipe = new OsPipe()) {
            MessageChannel sending = Deadline.call(QUICK, "new MessageChannel(null, out)",
                    () -> new MessageChannel(null, pipe.out));
            MessageChannel receiving = Deadline.call(QUICK, "new MessageChannel(in, null)",
                    () -> new MessageChannel(pipe.in, null));
            for (String m : List.of("hello", "are you there?")) {
                Deadline.run(QUICK, "send(\"" + m + "\")", () -> sending.send(m));
                Optional<String> got;
                try {
                    got = Deadline.call(QUICK, "receive()", receiving::receive);
                } catch (AssertionError e) {
                    throw new AssertionError("send(\"" + m + "\") returned, and the sender stays open; "
                            + Deadline.seconds(QUICK) + " later receive() on the other end of the pipe was still"
                            + " waiting for it. send() must flush: bytes in a buffer (a BufferedOutputStream, a"
                            + " DataOutputStream over one) reach the pipe only when it is flushed or full", null);
                }
                if (got == null || !got.equals(Optional.of(m))) {
                    fail("send(\"" + m + "\") through a pipe, and receive() at the other end returned " + got);
                }
            }
        }
    }

    /** Byte offsets where each message's frame begins, and the total: measured on the student's own send(). */
    private static int[] boundaries() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>(List.of(0));
        Deadline.run(QUICK, "send() into a ByteArrayOutputStream", () -> {
            MessageChannel channel = new MessageChannel(null, bytes);
            for (String m : MESSAGES) {
                channel.send(m);
                offsets.add(bytes.size());
            }
        });
        for (int k = 0; k < MESSAGES.size(); k++) {
            if (offsets.get(k + 1) <= offsets.get(k)) {
                fail("send(\"" + Texts.escape(MESSAGES.get(k)) + "\") wrote no bytes (or they stayed in a buffer):"
                        + " every message needs a frame, even the empty one, and send() must flush it");
            }
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
}
