package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

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
            Expect.same(sent, r, say("and the stream ended right after " + (k == 0 ? "nothing (no message at all)"
                    : "message " + k), k == 0 ? "流一开始就结束了，一条消息也没有" : "流紧接在第 " + k + " 条消息之后结束"));
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
                MessageChannel channel = Transfer.call(QUICK, "new MessageChannel(in, null)",
                        () -> new MessageChannel(new java.io.ByteArrayInputStream(bytes), null));
                String where = "a stream that holds messages " + Expect.list(MESSAGES.subList(0, k)) + " and then"
                        + " only the first " + (cut - boundaries[k]) + " of the " + (boundaries[k + 1] - boundaries[k])
                        + " bytes your send() wrote for \"" + Texts.escape(MESSAGES.get(k)) + "\"";
                // "对于" + whereZh + "，…": the same stream, as the Chinese messages say it.
                String whereZh = "这样一个流（先是消息 " + Expect.list(MESSAGES.subList(0, k)) + "，接着只有你的 send() 为 \""
                        + Texts.escape(MESSAGES.get(k)) + "\" 写出的 " + (boundaries[k + 1] - boundaries[k]) + " 个字节中的前 "
                        + (cut - boundaries[k]) + " 个）";
                for (int i = 0; i < k; i++) {
                    int index = i;
                    Optional<String> m;
                    try {
                        m = Transfer.call(QUICK, "receive()", channel::receive);
                    } catch (Exception e) {
                        throw new AssertionError(say("from " + where + ", receive() number " + (index + 1) + " threw "
                                + e + " instead of returning \"" + Texts.escape(MESSAGES.get(index)) + "\"",
                                "对于" + whereZh + "，第 " + (index + 1) + " 次 receive() 抛出了 " + e + "，而不是返回 \""
                                + Texts.escape(MESSAGES.get(index)) + "\""), e);
                    }
                    if (m == null || !m.equals(Optional.of(MESSAGES.get(i)))) {
                        fail(say("from " + where + ", receive() number " + (i + 1) + " returned " + m + " instead of \""
                                + Texts.escape(MESSAGES.get(i)) + "\"",
                                "对于" + whereZh + "，第 " + (i + 1) + " 次 receive() 返回了 " + m + "，而不是 \""
                                + Texts.escape(MESSAGES.get(i)) + "\""));
                    }
                }
                Optional<String> last;
                try {
                    last = Transfer.call(QUICK, say("receive() from a stream cut inside a message",
                            "从在消息中间被截断的流上调用 receive()"), channel::receive);
                } catch (EOFException expected) {
                    continue;
                } catch (Exception e) {
                    throw new AssertionError(say("from " + where + ", the last receive() must throw EOFException (the"
                            + " stream ended inside a message), but it threw " + e,
                            "对于" + whereZh + "，最后一次 receive() 必须抛出 EOFException（流在一条消息的中间结束了），"
                            + "但它抛出的是 " + e), e);
                }
                if (last != null && last.isEmpty()) {
                    fail(say("from " + where + ", the last receive() returned Optional.empty(), but the stream ended"
                            + " inside a message, which was cut short: throw EOFException. Empty means that the"
                            + " stream ended cleanly between two messages (no byte of a frame read yet); a frame"
                            + " cut short is an error the receiver must hear about",
                            "对于" + whereZh + "，最后一次 receive() 返回了 Optional.empty()，但流是在一条消息的中间"
                            + "结束的，这条消息被截断了：应当抛出 EOFException。返回空表示流在两条消息之间干净地结束"
                            + "（还没有读到一帧的任何字节）；帧被截断是一个错误，必须让接收方知道"));
                }
                fail(say("from " + where + ", the last receive() returned " + last + ", but that message was cut short:"
                        + " it must throw EOFException. Check that the number of bytes read equals the length",
                        "对于" + whereZh + "，最后一次 receive() 返回了 " + last + "，但那条消息被截断了：它必须抛出"
                        + " EOFException。请检查读到的字节数是否等于长度"));
            }
        }
    }

    @Test
    @DisplayName("a message sent is received at once, while the sender stays open")
    void sendFlushes() throws Exception {
        try (OsPipe pipe = new OsPipe()) {
            MessageChannel sending = Transfer.call(QUICK, "new MessageChannel(null, out)",
                    () -> new MessageChannel(null, pipe.out));
            MessageChannel receiving = Transfer.call(QUICK, "new MessageChannel(in, null)",
                    () -> new MessageChannel(pipe.in, null));
            for (String m : List.of("hello", "are you there?")) {
                Transfer.run(QUICK, "send(\"" + m + "\")", () -> sending.send(m));
                Optional<String> got;
                try {
                    got = Deadline.call(QUICK, "receive()", receiving::receive);
                } catch (AssertionError e) {
                    throw new AssertionError(say("send(\"" + m + "\") returned, and the sender stays open; "
                            + Deadline.seconds(QUICK) + " later receive() on the other end of the pipe was still"
                            + " waiting for it. send() must flush: bytes in a buffer (a BufferedOutputStream, a"
                            + " DataOutputStream over one) reach the pipe only when it is flushed or full",
                            "send(\"" + m + "\") 已经返回，发送方也还开着；" + Deadline.seconds(QUICK) + "之后，管道另一端的"
                            + " receive() 仍在等这条消息。send() 必须 flush：缓冲区里的字节（BufferedOutputStream，或套在它"
                            + "外面的 DataOutputStream）只有在 flush 或缓冲区满了的时候才会进入管道"), null);
                }
                if (got == null || !got.equals(Optional.of(m))) {
                    fail(say("send(\"" + m + "\") through a pipe, and receive() at the other end returned " + got,
                            "经管道 send(\"" + m + "\")，管道另一端的 receive() 返回了 " + got));
                }
            }
        }
    }

    /** Byte offsets where each message's frame begins, and the total: measured on the student's own send(). */
    private static int[] boundaries() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>(List.of(0));
        Transfer.run(QUICK, say("send() into a ByteArrayOutputStream", "向 ByteArrayOutputStream 调用 send()"), () -> {
            MessageChannel channel = new MessageChannel(null, bytes);
            for (String m : MESSAGES) {
                channel.send(m);
                offsets.add(bytes.size());
            }
        });
        for (int k = 0; k < MESSAGES.size(); k++) {
            if (offsets.get(k + 1) <= offsets.get(k)) {
                fail(say("send(\"" + Texts.escape(MESSAGES.get(k)) + "\") wrote no bytes (or they stayed in a buffer):"
                        + " every message needs a frame, even the empty one, and send() must flush it",
                        "send(\"" + Texts.escape(MESSAGES.get(k)) + "\") 没有写出任何字节（或者字节还留在缓冲区里）："
                        + "每条消息都需要一帧，空消息也不例外，并且 send() 必须 flush 它"));
            }
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
}
