package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** Messages go in, the same messages come out: any strings, in order, through a real pipe. */
class MessageChannelTest {

    private static final Duration QUICK = Duration.ofSeconds(5);

    @Test
    @DisplayName("messages with newlines, empty strings, any Unicode and 1 MiB arrive intact and in order")
    void awkwardMessages() throws Exception {
        List<String> messages = new ArrayList<>(Messages.awkward());
        messages.add("x".repeat(Messages.MIB));
        messages.add("\u20ac\ud83d\ude00\n\u4e2d".repeat(Messages.MIB / 10)); // about 1.1 MiB of UTF-8
        messages.add("after the big ones");
        Expect.same(messages, Transfer.throughPipe(messages), say("through a pipe, by one thread",
                "由一个线程经管道发送"));
    }

    @Property(tries = 30)
    @Label("any list of messages arrives intact and in order")
    void anyMessages(@ForAll @Size(max = 12) List<@net.jqwik.api.From("text") String> messages) throws Exception {
        Expect.same(messages, Transfer.throughPipe(messages), say("through a pipe, by one thread",
                "由一个线程经管道发送"));
    }

    @Provide
    Arbitrary<String> text() {
        return Texts.anyText();
    }

    @Test
    @DisplayName("a channel with no input cannot receive, and one with no output cannot send: IllegalStateException")
    void oneWayChannels() throws Exception {
        MessageChannel sendOnly = Transfer.call(QUICK, "new MessageChannel(null, out)",
                () -> new MessageChannel(null, new ByteArrayOutputStream()));
        expectIllegalState(say("receive() on new MessageChannel(null, out)",
                "在 new MessageChannel(null, out) 上调用 receive()"), () -> sendOnly.receive());
        MessageChannel receiveOnly = Transfer.call(QUICK, "new MessageChannel(in, null)",
                () -> new MessageChannel(new ByteArrayInputStream(new byte[0]), null));
        expectIllegalState(say("send(\"hello\") on new MessageChannel(in, null)",
                "在 new MessageChannel(in, null) 上调用 send(\"hello\")"), () -> {
            receiveOnly.send("hello");
            return null;
        });
    }

    private static void expectIllegalState(String what, Deadline.Call<?> call) throws Exception {
        Object result;
        try {
            result = Transfer.call(QUICK, what, call);
        } catch (IllegalStateException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError(say(what + " must throw IllegalStateException (the channel has no stream to use),"
                    + " but it threw " + e, what + " 必须抛出 IllegalStateException（这个通道没有可用的流），但它抛出的是 "
                    + e), e);
        }
        fail(say(what + " must throw IllegalStateException (the channel has no stream to use), but it "
                + (result == null ? "returned normally" : "returned " + result),
                what + " 必须抛出 IllegalStateException（这个通道没有可用的流），但它"
                + (result == null ? "正常返回了" : "返回了 " + result)));
    }
}
