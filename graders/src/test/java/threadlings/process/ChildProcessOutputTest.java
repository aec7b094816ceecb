package threadlings.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** output(): everything the child wrote to stdout and stderr, collected while it runs, byte for byte. */
class ChildProcessOutputTest {

    private static final Duration JVM_LIFETIME = Duration.ofSeconds(15);
    /** Far longer than a correct child takes to write 1 MiB here, even on a busy machine. */
    private static final Duration WRITE_LIMIT = Duration.ofSeconds(10);
    private static final int MIB = 1 << 20;

    // No shrinking: each step would start a JVM, and a step that outlives jqwik's shrinking time limit is left
    // running in the background, starting children while the next tests run and confusing their checks.
    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    @Label("output() after join() is exactly what the child wrote to stdout and stderr")
    void outputIsExact(@ForAll("text") String stdout, @ForAll("text") String stderr) throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Echo.class,
                    cleanup.tempFile(stdout).toString(), cleanup.tempFile(stderr).toString());
            Deadline.run(JVM_LIFETIME, "start()", child::start);
            int chars = stdout.length() + stderr.length();
            int code = Deadline.call(JVM_LIFETIME, say("join() on a child that writes "
                    + chars + " chars", "对写出 " + chars + " 个字符的子进程调用 join()"), child::join);
            assertEquals(0, code, say("join() on a child that returned normally from main",
                    "对从 main 正常返回的子进程调用 join()"));
            String output = Texts.withoutJvmNotices(child.output());
            String difference = Texts.difference(stdout + stderr, output);
            if (difference != null) {
                String hint = hint(stdout, stderr, output);
                fail(say("the child wrote " + stdout.length() + " chars to stdout, then " + stderr.length()
                        + " to stderr, and after join() output() must hold exactly those (stdout first): "
                        + difference + hint,
                        "子进程先向 stdout 写了 " + stdout.length() + " 个字符，又向 stderr 写了 " + stderr.length()
                        + " 个，join() 之后 output() 应当恰好是这些内容（stdout 在前）：" + difference + hint));
            }
        }
    }

    /** Well-formed Unicode of every kind (ASCII, line breaks, NUL, accents, CJK, emoji), up to about 300 KiB. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7e),
                Arbitraries.of(0x0, 0x9, 0xa, 0xd),
                Arbitraries.integers().between(0x80, 0xd7ff),
                Arbitraries.integers().between(0xe000, 0xfffd),
                Arbitraries.integers().between(0x10000, 0x10ffff));
        Arbitrary<String> piece = codePoint.list().ofMinSize(1).ofMaxSize(40)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
        Arbitrary<Integer> repeats = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(100, 2000));
        Arbitrary<String> repeated = Combinators.combine(piece, repeats).as(String::repeat);
        return Arbitraries.oneOf(Arbitraries.just(""), repeated, repeated);
    }

    @Test
    @DisplayName("stdout and stderr are both collected, in the order the child wrote them")
    void stdoutAndStderrMerged() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Interleaver.class);
            child.start();
            Deadline.call(JVM_LIFETIME, say("join() on a child that writes three lines",
                    "对写出三行文字的子进程调用 join()"), child::join);
            String output = Texts.withoutJvmNotices(child.output());
            String expected = String.join("", Interleaver.PARTS);
            if (output.equals(expected)) {
                return;
            }
            String said = say(" The child wrote \"" + Texts.escape(Interleaver.PARTS[0]) + "\" to stdout, then \""
                    + Texts.escape(Interleaver.PARTS[1]) + "\" to stderr, then \"" + Texts.escape(Interleaver.PARTS[2])
                    + "\" to stdout; output() was \"" + Texts.escape(output) + "\".",
                    "子进程先向 stdout 写了 \"" + Texts.escape(Interleaver.PARTS[0]) + "\"，再向 stderr 写了 \""
                    + Texts.escape(Interleaver.PARTS[1]) + "\"，然后又向 stdout 写了 \""
                    + Texts.escape(Interleaver.PARTS[2]) + "\"；而 output() 的内容是 \"" + Texts.escape(output)
                    + "\"。");
            boolean hasErr = output.contains(Interleaver.PARTS[1]);
            boolean hasOut = output.contains(Interleaver.PARTS[0]) && output.contains(Interleaver.PARTS[2]);
            if (hasOut && !hasErr) {
                fail(say("output() is missing what the child wrote to stderr." + said + " Merge stderr into stdout:"
                        + " ProcessBuilder.redirectErrorStream(true) before start().",
                        "output() 缺少子进程写到 stderr 的内容。" + said + "请把 stderr 合并进 stdout：在 start()"
                        + " 之前调用 ProcessBuilder.redirectErrorStream(true)。"));
            }
            if (hasErr && !hasOut) {
                fail(say("output() is missing what the child wrote to stdout." + said,
                        "output() 缺少子进程写到 stdout 的内容。" + said));
            }
            if (hasErr) {
                fail(say("output() holds stdout and stderr, but not in the order the child wrote them." + said
                        + " Read them as one stream: ProcessBuilder.redirectErrorStream(true) before start().",
                        "output() 包含了 stdout 和 stderr，但顺序与子进程写出它们的顺序不同。" + said
                        + "请把它们当作一个流来读：在 start() 之前调用 ProcessBuilder.redirectErrorStream(true)。"));
            }
            fail(say("output() does not hold what the child wrote." + said,
                    "output() 中没有子进程写出的内容。" + said));
        }
    }

    @Test
    @DisplayName("a child that writes 1 MiB to stdout does not block")
    void megabyteOnStdout() throws Exception {
        megabyte("out");
    }

    @Test
    @DisplayName("a child that writes 1 MiB to stderr does not block")
    void megabyteOnStderr() throws Exception {
        megabyte("err");
    }

    private static void megabyte(String stream) throws Exception {
        String name = stream.equals("out") ? "stdout" : "stderr";
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Blabber.class, stream, String.valueOf(MIB), "ascii");
            child.start();
            joinWritingChild(child, "1 MiB", name);
            String expected = Blabber.text(MIB, false);
            String difference = Texts.difference(expected, Texts.withoutJvmNotices(child.output()));
            if (difference != null) {
                fail(say("the child wrote " + expected.length() + " chars to " + name + "; after join() output()"
                        + " must hold all of them: " + difference,
                        "子进程向 " + name + " 写了 " + expected.length() + " 个字符；join() 之后 output() 应当包含"
                        + "全部这些字符：" + difference));
            }
        }
    }

    @Test
    @DisplayName("characters whose bytes arrive split between two reads come out whole")
    void multibyteSplitAcrossReads() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            int bytes = 300 * 1024;
            ChildProcess child = new ChildProcess(Blabber.class, "out", String.valueOf(bytes), "multibyte");
            child.start();
            joinWritingChild(child, "300 KiB", "stdout");
            String expected = Blabber.text(bytes, true);
            String output = Texts.withoutJvmNotices(child.output());
            String difference = Texts.difference(expected, output);
            if (difference != null) {
                String hint = hint(expected, "", output);
                fail(say("the child wrote " + expected.length() + " chars of \"" + Blabber.MULTIBYTE + "\" repeated"
                        + " (characters of 1 to 4 bytes in UTF-8); output() after join() must hold them exactly: "
                        + difference + hint,
                        "子进程写了 " + expected.length() + " 个字符，是 \"" + Blabber.MULTIBYTE + "\" 的反复重复"
                        + "（这些字符的 UTF-8 编码各占 1 到 4 个字节）；join() 之后 output() 应当一字不差地包含它们："
                        + difference + hint));
            }
        }
    }

    @Test
    @DisplayName("output() keeps every byte: line endings as written, no newline added")
    void lineEndingsKept() throws Exception {
        String stdout = "first line\r\nsecond\rthird\n\n\tindented\n";
        String stderr = "an error line\r\nand the last words, with no newline";
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Echo.class,
                    cleanup.tempFile(stdout).toString(), cleanup.tempFile(stderr).toString());
            child.start();
            Deadline.call(JVM_LIFETIME, say("join() on a child that writes a few lines",
                    "对写出几行文字的子进程调用 join()"), child::join);
            String output = Texts.withoutJvmNotices(child.output());
            String difference = Texts.difference(stdout + stderr, output);
            if (difference != null) {
                String hint = hint(stdout, stderr, output);
                fail(say("output() must hold exactly the bytes the child wrote, \"" + Texts.escape(stdout + stderr)
                        + "\": " + difference + hint,
                        "output() 应当恰好是子进程写出的那些字节 \"" + Texts.escape(stdout + stderr) + "\"："
                        + difference + hint));
            }
        }
    }

    @Test
    @DisplayName("output() shows what the child has written while it still runs")
    void outputWhileRunning() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ChildProcess child = new ChildProcess(Greeter.class, "20000");
            child.start();
            long deadline = System.nanoTime() + WRITE_LIMIT.toNanos();
            String output = child.output();
            while (!output.contains(Greeter.GREETING) && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
                output = child.output();
            }
            if (!output.contains(Greeter.GREETING)) {
                fail(say("the child wrote \"" + Texts.escape(Greeter.GREETING) + "\" and then slept, but "
                        + Deadline.seconds(WRITE_LIMIT) + " later output() still returned \"" + Texts.escape(output)
                        + "\": output() must show what has been read so far while the child runs — collect"
                        + " each read into a buffer that output() decodes, not only at the end of the stream",
                        "子进程写出 \"" + Texts.escape(Greeter.GREETING) + "\" 后就去睡眠了，但过了 "
                        + Deadline.seconds(WRITE_LIMIT) + "，output() 仍然返回 \"" + Texts.escape(output)
                        + "\"：子进程运行期间，output() 应当给出到目前为止已经读到的内容——把每次读到的数据放进一个"
                        + "缓冲区，由 output() 解码，而不是等到流结束时才处理"));
            }
        }
    }

    /** join() on a child that writes more than a pipe holds: it must return, and the message says why it may not. */
    private static void joinWritingChild(ChildProcess child, String size, String stream) throws Exception {
        try {
            int code = Deadline.call(WRITE_LIMIT, say("join() on a child that writes " + size + " to " + stream,
                    "对向 " + stream + " 写出 " + size + " 的子进程调用 join()"), child::join);
            assertEquals(0, code, say("join() on a child that returned normally from main",
                    "对从 main 正常返回的子进程调用 join()"));
        } catch (AssertionError e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains(say("did not finish", "内完成"))) {
                throw e;
            }
            throw new AssertionError(say(message + ". The child is most likely stuck writing to a full pipe: an OS"
                    + " pipe holds only about 64 KiB, and a child whose " + stream + " nobody reads while it"
                    + " runs blocks until someone does, so it never exits. "
                    + (stream.equals("stderr")
                            ? "Is stderr read at all? Merge it into stdout with redirectErrorStream(true), and"
                                    + " drain that one stream on a thread started in start()."
                            : "Start a thread in start() that reads getInputStream() until its end while the"
                                    + " child runs; do not wait for the exit before reading."),
                    message + "。子进程很可能卡在向一个已满的管道写数据：操作系统的管道只能容纳约 64 KiB，"
                    + "子进程运行时如果没有人读它的 " + stream + "，它就会阻塞，直到有人来读，于是永远不会退出。"
                    + (stream.equals("stderr")
                            ? "stderr 到底有没有被读取？请用 redirectErrorStream(true) 把它合并进 stdout，"
                                    + "并在 start() 中启动一个线程，把这一个流读空。"
                            : "请在 start() 中启动一个线程，在子进程运行期间一直读 getInputStream()，直到流结束；"
                                    + "不要等子进程退出之后才开始读。")), null);
        }
    }

    /** A guess at the mistake behind a wrong output, from what it looks like. */
    private static String hint(String stdout, String stderr, String output) {
        String expected = stdout + stderr;
        if (!stderr.isEmpty() && output.equals(stdout)) {
            return say(". output() holds only what the child wrote to stdout: its stderr is missing. Merge it into"
                    + " stdout with ProcessBuilder.redirectErrorStream(true) before start()",
                    "。output() 只有子进程写到 stdout 的内容，缺了它的 stderr。请在 start() 之前调用"
                    + " ProcessBuilder.redirectErrorStream(true)，把 stderr 合并进 stdout");
        }
        if (replacements(output) > replacements(expected)) {
            return say(". output() holds U+FFFD, the replacement character, where the child wrote none: a character"
                    + " whose UTF-8 bytes were split between two reads was decoded in halves. Collect the bytes"
                    + " (ByteArrayOutputStream) and decode them all at once in output()",
                    "。output() 中出现了子进程并没有写出的 U+FFFD（替换字符）：某个字符的 UTF-8 字节被拆在两次读取"
                    + "之间，结果被分成两半分别解码了。请先收集字节（ByteArrayOutputStream），在 output()"
                    + " 中一次性解码");
        }
        if (expected.contains("\r") && !output.contains("\r")
                || !expected.endsWith("\n") && output.endsWith("\n") && output.length() > expected.length()) {
            return say(". Line endings were changed: reading lines (readLine) and joining them with \"\\n\" loses"
                    + " \"\\r\" and adds a newline the child never wrote. Copy the bytes as they come",
                    "。行尾被改动了：按行读取（readLine）再用 \"\\n\" 拼接，会丢掉 \"\\r\"，还会多出一个子进程"
                    + "从没写过的换行符。请把字节原样照搬");
        }
        if (expected.startsWith(output) && output.length() < expected.length()) {
            return say(". The end is missing: does join() wait for the thread that reads the output to finish?",
                    "。结尾缺失了：join() 有没有等读取输出的那个线程结束？");
        }
        return "";
    }

    private static long replacements(String s) {
        return s.chars().filter(c -> c == '\ufffd').count();
    }
}
