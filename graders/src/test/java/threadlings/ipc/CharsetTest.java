package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.support.Jvm;

/** Two JVMs with different default charsets still agree on every message: the bytes on the wire are UTF-8. */
class CharsetTest {

    private static final Duration JVM_LIFETIME = Duration.ofSeconds(15);
    /** A default charset many machines have had (Windows' is much like it), in which most of Unicode is missing. */
    private static final String LATIN_1 = StandardCharsets.ISO_8859_1.name();

    @Test
    @DisplayName("messages from a JVM whose default charset is not UTF-8 arrive intact")
    void otherDefaultCharset() throws Exception {
        try (Children children = new Children()) {
            List<String> command = new ArrayList<>(Jvm.command(QueueWriter.class, "charset"));
            command.add(1, "-Dfile.encoding=" + LATIN_1);
            Process writer = new ProcessBuilder(command).start();
            writer.getOutputStream().close();
            Children.Drain stderr = children.drain(writer.getErrorStream(), "writer's stderr");
            MessageChannel channel = Transfer.call(JVM_LIFETIME, "new MessageChannel(in, null)",
                    () -> new MessageChannel(writer.getInputStream(), null));
            Transfer.Received r = Transfer.receiveAll(channel, 20, say("receive() from a writer JVM's stdout",
                    "从写端 JVM 的 stdout 调用 receive()"));
            String expectedName = "default charset " + LATIN_1;
            if (r.messages().isEmpty() || !r.messages().get(0).equals(expectedName)) {
                if (r.messages().isEmpty() && !r.ending().equals("empty")) {
                    fail(say("a writer JVM sent messages through MessageChannel on its System.out; receiving them here"
                            + " gave nothing, then receive() " + r.ending() + ". Its stderr: " + stderr.text(),
                            "一个写端 JVM 通过它 System.out 上的 MessageChannel 发送了消息；在这里接收时什么也没收到，"
                            + "随后 receive() " + r.endingZh() + "。它的 stderr：" + stderr.text()));
                }
                Assumptions.assumeTrue(r.messages().isEmpty() || !r.messages().get(0).startsWith("default charset"),
                        say("this JVM ignored -Dfile.encoding=" + LATIN_1 + " (" + r.messages() + "): the check needs"
                        + " a JVM whose default charset is not UTF-8",
                        "这个 JVM 忽略了 -Dfile.encoding=" + LATIN_1 + "（收到 " + r.messages() + "）：这项检查需要"
                        + "一个默认字符集不是 UTF-8 的 JVM"));
            }
            List<String> sent = new ArrayList<>();
            sent.add(expectedName);
            sent.addAll(Messages.nonAscii());
            if (!r.messages().equals(sent) || !r.ending().equals("empty")) {
                fail(say("a writer JVM whose default charset is " + LATIN_1
                        + " (as on many machines; this JVM's is UTF-8)"
                        + " sent " + Expect.list(sent) + " through MessageChannel on its System.out; received here: "
                        + Expect.list(r.messages()) + ", then receive() " + r.ending() + ". A charset the two ends"
                        + " do not share turns text into other text (here, characters Latin-1 lacks become \"?\"):"
                        + " encode and decode with StandardCharsets.UTF_8, never with the platform default"
                        + " (getBytes() or new String(bytes) without a charset, InputStreamReader or"
                        + " OutputStreamWriter without one)",
                        "一个默认字符集为 " + LATIN_1 + " 的写端 JVM（很多机器都是这样；本 JVM 的是 UTF-8）通过它"
                        + " System.out 上的 MessageChannel 发送了 " + Expect.list(sent) + "；这里收到的是 "
                        + Expect.list(r.messages()) + "，随后 receive() " + r.endingZh() + "。两端使用的字符集不一致时，"
                        + "文本就会变成别的文本（这里，Latin-1 中没有的字符变成了 \"?\"）：编码和解码都要用"
                        + " StandardCharsets.UTF_8，绝不要用平台默认字符集（不带字符集参数的 getBytes() 或"
                        + " new String(bytes)，不带字符集的 InputStreamReader 或 OutputStreamWriter）"));
            }
            Transfer.call(JVM_LIFETIME, say("the writer JVM to exit", "等待写端 JVM 退出"), writer::waitFor);
        }
    }
}
