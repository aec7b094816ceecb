package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/**
 * The lesson's writer and reader, as two JVMs joined by a pipe: {@link QueueWriter} sends messages through a
 * {@link MessageChannel} on its stdout, {@link QueueReader} receives them on its stdin and reports each one.
 */
class PipelineTest {

    private static final Duration JVM_LIFETIME = Duration.ofSeconds(15);

    @Test
    @DisplayName("Pipeline.start joins the writer's stdout to the reader's stdin: every message arrives, in order")
    void messagesReachTheReader() throws Exception {
        run("mixed", "a second argument");
    }

    @Test
    @DisplayName("the reader sees the end of its input when the writer exits, and ends too")
    void readerSeesTheEnd() throws Exception {
        run("lesson");
    }

    private static void run(String... args) throws Exception {
        try (Children children = new Children()) {
            List<Process> started = Transfer.call(JVM_LIFETIME, "Pipeline.start(QueueWriter.class, QueueReader.class,"
                    + " ...)", () -> Pipeline.start(QueueWriter.class, QueueReader.class, args));
            if (started == null || started.size() != 2 || started.stream().anyMatch(java.util.Objects::isNull)) {
                fail(say("Pipeline.start(writer, reader, ...) returned " + started + ": it must return the two started"
                        + " processes, [writer, reader]",
                        "Pipeline.start(writer, reader, ...) 返回了 " + started + "：它必须返回启动的两个进程，"
                        + "[writer, reader]"));
            }
            Process writer = started.get(0);
            Process reader = started.get(1);
            if (writer.pid() == reader.pid()) {
                fail(say("Pipeline.start returned the same process twice (pid " + writer.pid() + ")",
                        "Pipeline.start 把同一个进程返回了两次（pid " + writer.pid() + "）"));
            }
            try {
                writer.getOutputStream().close(); // the writer reads nothing; a pipe to it would otherwise stay open
            } catch (IOException e) {
                // Not a pipe to this JVM: nothing to close.
            }
            Children.Drain writerOut = children.drain(writer.getInputStream(), "writer's stdout");
            Children.Drain writerErr = children.drain(writer.getErrorStream(), "writer's stderr");
            Children.Drain readerOut = children.drain(reader.getInputStream(), "reader's stdout");
            Children.Drain readerErr = children.drain(reader.getErrorStream(), "reader's stderr");
            String what = "the writer and the reader started by Pipeline.start(QueueWriter.class, QueueReader.class, "
                    + String.join(", ", quoted(args)) + ")";
            String whatZh = "由 Pipeline.start(QueueWriter.class, QueueReader.class, " + String.join(", ", quoted(args))
                    + ") 启动的写端和读端";

            if (!writer.waitFor(JVM_LIFETIME.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(say("the writer (the first process Pipeline.start returned) was still running "
                        + Deadline.seconds(JVM_LIFETIME) + " after it started, though it only sends a few messages"
                        + " and exits. Its stderr: \"" + Texts.shorten(writerErr.text()) + "\". Is the first process"
                        + " the writer, and is its stdout joined to the reader's stdin?",
                        "写端（Pipeline.start 返回的第一个进程）启动 " + Deadline.seconds(JVM_LIFETIME) + "之后仍在运行，"
                        + "而它只需发送几条消息就会退出。它的 stderr：\"" + Texts.shorten(writerErr.text()) + "\"。"
                        + "第一个进程是写端吗？它的 stdout 接到读端的 stdin 上了吗？"));
            }
            writerOut.awaitEnd(Duration.ofSeconds(2));
            if (writerOut.size() > 0) {
                fail(say("the writer's " + writerOut.size() + " bytes of messages came back to this JVM through"
                        + " getInputStream(), instead of going to the reader: its stdout is not joined to the"
                        + " reader's stdin. Start the two with ProcessBuilder.startPipeline(List.of(writerBuilder,"
                        + " readerBuilder)), which connects them by a pipe; starting each on its own gives each one"
                        + " pipes to this JVM",
                        "写端发出的 " + writerOut.size() + " 字节消息经 getInputStream() 回到了本 JVM，而没有送到读端："
                        + "它的 stdout 没有接到读端的 stdin 上。请用 ProcessBuilder.startPipeline(List.of(writerBuilder,"
                        + " readerBuilder)) 启动这两个进程，它会用一根管道把两者连起来；各自单独启动时，每个进程的管道"
                        + "都通向本 JVM"));
            }
            boolean readerDone = reader.waitFor(JVM_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
            readerOut.awaitEnd(Duration.ofSeconds(2));
            List<String> report = List.of(readerOut.text().split("\n"));
            if (!readerDone) {
                fail(say("the writer has exited, but " + Deadline.seconds(JVM_LIFETIME) + " later the reader was still"
                        + " waiting for input. The reader sees the end of its stdin only when every holder of the"
                        + " pipe's writing end has closed it: let ProcessBuilder.startPipeline connect the two, and"
                        + " keep no copy of the pipe open in this JVM. The reader had reported: "
                        + Texts.shorten(String.join(" / ", report)),
                        "写端已经退出，但 " + Deadline.seconds(JVM_LIFETIME) + "之后读端仍在等待输入。只有当管道写入端的"
                        + "每一个持有者都关闭了它，读端才会看到 stdin 的结束：让 ProcessBuilder.startPipeline 来连接"
                        + "两者，并且不要在本 JVM 中留着这根管道的任何副本。读端此前报告的是："
                        + Texts.shorten(String.join(" / ", report))));
            }
            List<String> expected = new ArrayList<>();
            expected.add("args " + String.join("|", args));
            List<String> messages = Messages.forMode(args[0]);
            for (int i = 0; i < messages.size(); i++) {
                expected.add(Messages.reportLine(i, messages.get(i)));
            }
            expected.add("end");
            if (!report.equals(expected)) {
                fail(say(what + " did not deliver every message whole and in order. The writer sent "
                        + Expect.list(messages) + "; the reader reported " + describe(report, expected)
                        + ". The writer's stderr: \"" + Texts.shorten(writerErr.text()) + "\"; the reader's stderr: \""
                        + Texts.shorten(readerErr.text()) + "\"",
                        whatZh + "没有把每条消息完整、按顺序地送达。写端发送了 " + Expect.list(messages) + "；读端报告的是"
                        + describe(report, expected) + "。写端的 stderr：\"" + Texts.shorten(writerErr.text())
                        + "\"；读端的 stderr：\"" + Texts.shorten(readerErr.text()) + "\""));
            }
            int code = reader.exitValue();
            if (code != 0) {
                fail(say("the reader reported every message and the end, but exited with " + code,
                        "读端报告了每一条消息和流的结束，但它的退出码是 " + code));
            }
        }
    }

    /** Where the reader's report first differs from what was expected. */
    private static String describe(List<String> report, List<String> expected) {
        if (report.isEmpty() || report.size() == 1 && report.get(0).isEmpty()) {
            return say("nothing at all (is the second process Pipeline.start returned the reader?)",
                    "什么也没有（Pipeline.start 返回的第二个进程是读端吗？）");
        }
        if (!report.get(0).equals(expected.get(0))) {
            return say("its arguments as \"" + report.get(0) + "\" instead of \"" + expected.get(0) + "\" (start both"
                    + " JVMs with the args given to Pipeline.start)",
                    "它的参数是 \"" + report.get(0) + "\"，而不是 \"" + expected.get(0) + "\"（启动两个 JVM 时都要带上"
                    + "传给 Pipeline.start 的 args）");
        }
        for (int i = 1; i < Math.min(report.size(), expected.size()); i++) {
            if (!report.get(i).equals(expected.get(i))) {
                String got = report.get(i);
                return say((i - 1) + " messages correctly, then \"" + got + "\" where \"" + expected.get(i)
                        + "\" was due"
                        + (got.startsWith("eof") ? " (the stream ended inside a message)" : ""),
                        "前 " + (i - 1) + " 条消息正确，随后在应为 \"" + expected.get(i) + "\" 的位置出现了 \"" + got + "\""
                        + (got.startsWith("eof") ? "（流在一条消息的中间结束了）" : ""));
            }
        }
        return report.size() < expected.size()
                ? say("only " + (report.size() - 1) + " lines: " + report, "只有 " + (report.size() - 1) + " 行：" + report)
                : say("more than was sent: " + report, "比发送的还多：" + report);
    }

    private static List<String> quoted(String[] args) {
        List<String> q = new ArrayList<>();
        for (String a : args) {
            q.add("\"" + a + "\"");
        }
        return q;
    }
}
