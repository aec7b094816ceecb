package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;

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
            List<Process> started = Deadline.call(JVM_LIFETIME, "Pipeline.start(QueueWriter.class, QueueReader.class,"
                    + " ...)", () -> Pipeline.start(QueueWriter.class, QueueReader.class, args));
            if (started == null || started.size() != 2 || started.stream().anyMatch(java.util.Objects::isNull)) {
                fail("Pipeline.start(writer, reader, ...) returned " + started + ": it must return the two started"
                        + " processes, [writer, reader]");
            }
            Process writer = started.get(0);
            Process reader = started.get(1);
            if (writer.pid() == reader.pid()) {
                fail("Pipeline.start returned the same process twice (pid " + writer.pid() + ")");
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

            if (!writer.waitFor(JVM_LIFETIME.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the writer (the first process Pipeline.start returned) was still running "
                        + Deadline.seconds(JVM_LIFETIME) + " after it started, though it only sends a few messages"
                        + " and exits. Its stderr: \"" + Texts.shorten(writerErr.text()) + "\". Is the first process"
                        + " the writer, and is its stdout joined to the reader's stdin?");
            }
            writerOut.awaitEnd(Duration.ofSeconds(2));
            if (writerOut.size() > 0) {
                fail("the writer's " + writerOut.size() + " bytes of messages came back to this JVM through"
                        + " getInputStream(), instead of going to the reader: its stdout is not joined to the"
                        + " reader's stdin. Start the two with ProcessBuilder.startPipeline(List.of(writerBuilder,"
                        + " readerBuilder)), which connects them by a pipe; starting each on its own gives each one"
                        + " pipes to this JVM");
            }
            boolean readerDone = reader.waitFor(JVM_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
            readerOut.awaitEnd(Duration.ofSeconds(2));
            List<String> report = List.of(readerOut.text().split("\n"));
            if (!readerDone) {
                fail("the writer has exited, but " + Deadline.seconds(JVM_LIFETIME) + " later the reader was still"
                        + " waiting for input. The reader sees the end of its stdin only when every holder of the"
                        + " pipe's writing end has closed it: let ProcessBuilder.startPipeline connect the two, and"
                        + " keep no copy of the pipe open in this JVM. The reader had reported: "
                        + Texts.shorten(String.join(" / ", report)));
            }
            List<String> expected = new ArrayList<>();
            expected.add("args " + String.join("|", args));
            List<String> messages = Messages.forMode(args[0]);
            for (int i = 0; i < messages.size(); i++) {
                expected.add(Messages.reportLine(i, messages.get(i)));
            }
            expected.add("end");
            if (!report.equals(expected)) {
                fail(what + " did not deliver every message whole and in order. The writer sent "
                        + Expect.list(messages) + "; the reader reported " + describe(report, expected)
                        + ". The writer's stderr: \"" + Texts.shorten(writerErr.text()) + "\"; the reader's stderr: \""
                        + Texts.shorten(readerErr.text()) + "\"");
            }
            int code = reader.exitValue();
            if (code != 0) {
                fail("the reader reported every message and the end, but exited with " + code);
            }
        }
    }

    /** Where the reader's report first differs from what was expected. */
    private static String describe(List<String> report, List<String> expected) {
        if (report.isEmpty() || report.size() == 1 && report.get(0).isEmpty()) {
            return "nothing at all (is the second process Pipeline.start returned the reader?)";
        }
        if (!report.get(0).equals(expected.get(0))) {
            return "its arguments as \"" + report.get(0) + "\" instead of \"" + expected.get(0) + "\" (start both"
                    + " JVMs with the args given to Pipeline.start)";
        }
        for (int i = 1; i < Math.min(report.size(), expected.size()); i++) {
            if (!report.get(i).equals(expected.get(i))) {
                String got = report.get(i);
                return (i - 1) + " messages correctly, then \"" + got + "\" where \"" + expected.get(i) + "\" was due"
                        + (got.startsWith("eof") ? " (the stream ended inside a message)" : "");
            }
        }
        return report.size() < expected.size() ? "only " + (report.size() - 1) + " lines: " + report
                : "more than was sent: " + report;
    }

    private static List<String> quoted(String[] args) {
        List<String> q = new ArrayList<>();
        for (String a : args) {
            q.add("\"" + a + "\"");
        }
        return q;
    }
}
