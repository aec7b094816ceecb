package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Input in, output out, through pipes that hold only a little: nothing blocks, nothing is lost or changed. */
class PipesTest {

    private static final int MIB = 1 << 20;

    /** What a deadlock on full pipes looks like, in general; each test adds its own case. */
    private static final String FULL_PIPES = "An OS pipe holds only about 64 KiB: a program writing to a full pipe"
            + " stops until someone reads it, and a parent writing to a full pipe stops until the program reads.";
    private static final String FULL_PIPES_ZH = "操作系统的管道只能容纳约 64 KiB：程序向已满的管道写数据时会停下来，"
            + "直到有人读取；父进程向已满的管道写数据时也会停下来，直到程序去读。";

    /** Sizes around the edges of pipe and buffer sizes, and anything up to 4 MiB. */
    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 4096, 65535, 65536, 65537, MIB + 1),
                Arbitraries.integers().between(0, 4 * MIB));
    }

    @Property(tries = 6, shrinking = ShrinkingMode.OFF)
    @Label("any input up to 4 MiB comes back byte for byte from a program that echoes it")
    void echoAnyInput(@ForAll("sizes") int size, @ForAll long seed) throws Exception {
        byte[] input = new byte[size];
        new Random(seed).nextBytes(input); // every byte value: NUL, CR, LF, bytes that are no UTF-8
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish(say("run(Cat, " + size + " bytes of input)",
                    "run(Cat，输入 " + size + " 字节)"),
                    Programs.command(Cat.class), input, echoHang(size));
            checkEcho(input, result);
        }
    }

    @Test
    @DisplayName("a program that echoes 4 MiB of input does not deadlock with its parent")
    void echoMuchInput() throws Exception {
        byte[] input = Programs.filler(4 * MIB);
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish(say("run(Cat, 4 MiB of input)", "run(Cat，输入 4 MiB)"),
                    Programs.command(Cat.class), input, echoHang(input.length));
            checkEcho(input, result);
        }
    }

    private static String echoHang(int size) {
        String closeStdin = "the program reads until the end of its input, which comes only when its stdin is"
                + " closed: close it once the input is written";
        String closeStdinZh = "程序会一直读到输入结束，而输入只有在它的 stdin 被关闭时才会结束：写完输入后就关闭 stdin";
        if (size < 256 * 1024) {
            return say("This program echoes its input: " + closeStdin, "这个程序会回显它的输入：" + closeStdinZh);
        }
        return say(FULL_PIPES + " This program echoes what it reads: once its stdout pipe is full it stops reading,"
                + " and if you are still writing its input then, your write blocks on its full stdin pipe while it"
                + " waits for you to read: a deadlock. Write the input on a thread of its own while other threads"
                + " read stdout and stderr. (If that is not it: " + closeStdin + ".)",
                FULL_PIPES_ZH + "这个程序会回显它读到的内容：一旦它的 stdout 管道满了，它就不再读取；如果此时你还在写"
                + "它的输入，你的写操作就会阻塞在它已满的 stdin 管道上，而它在等你去读：这就是死锁。请在一个单独的"
                + "线程里写输入，同时由其他线程读取 stdout 和 stderr。（如果不是这个原因：" + closeStdinZh + "。）");
    }

    private static void checkEcho(byte[] input, Subprocess.Result result) {
        if (result.exitCode() != 0) {
            fail(say("the program that echoes its input exited with 0, but the result's exitCode is "
                    + result.exitCode(), "回显输入的程序以退出码 0 退出，但结果的 exitCode 是 " + result.exitCode()));
        }
        if (result.stderr().length != 0) {
            fail(say("the program wrote nothing to stderr, but the result's stderr holds " + result.stderr().length
                    + " bytes: " + Runs.show(result.stderr(), 60),
                    "程序没有向 stderr 写任何内容，但结果的 stderr 中有 " + result.stderr().length + " 个字节："
                    + Runs.show(result.stderr(), 60)));
        }
        String difference = difference(input, result.stdout());
        if (difference != null) {
            fail(say("a program that echoes its input was given " + input.length + " bytes; the result's stdout must"
                    + " hold exactly those bytes, but " + difference,
                    "回显输入的程序收到了 " + input.length + " 个字节；结果的 stdout 应当恰好是这些字节，但"
                    + difference));
        }
    }

    /** Null if the two are equal; else where they differ, and a guess at why. */
    static String difference(byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        int i = Arrays.mismatch(expected, actual);
        String where = say("it holds " + actual.length + " bytes, and they first differ at byte " + i,
                "它有 " + actual.length + " 个字节，两者从下标为 " + i + " 的字节起开始不同");
        if (i == actual.length) {
            return where + say(": the end is missing. Wait for the threads that read the output to reach the end of"
                    + " their streams (join them) before you build the result",
                    "：结尾缺失了。请等读取输出的线程读到各自流的结尾（join 它们），再构造结果");
        }
        if (i == expected.length) {
            return where + say(": there are bytes after the end of what the program wrote",
                    "：在程序写出的内容之后还多出了字节");
        }
        return where + String.format(say(": expected 0x%02X, got 0x%02X. Keep the bytes as they are: copy bytes from"
                + " the stream (no Reader, no lines, no charset) into a ByteArrayOutputStream",
                "：应为 0x%02X，实际是 0x%02X。请保持字节原样：把字节从流中直接复制到 ByteArrayOutputStream"
                + "（不用 Reader，不按行读，不做字符集转换）"), expected[i], actual[i]);
    }

    @Test
    @DisplayName("a program that writes 1 MiB to stderr before reading its input does not deadlock")
    void muchOnStderrFirst() throws Exception {
        byte[] input = "ping\n".getBytes(StandardCharsets.UTF_8);
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish(say("run(a program that writes 1 MiB to stderr, then echoes its"
                            + " input)", "run(先向 stderr 写 1 MiB、再回显输入的程序)"),
                    Programs.command(Cat.class, "err", Integer.toString(MIB)), input,
                    say(FULL_PIPES + " This program first writes 1 MiB to stderr, before it reads its input or writes"
                            + " any stdout: it blocks on its full stderr pipe until someone reads it. A parent that"
                            + " reads stdout to its end first waits for ever, and so does the program. Read stdout"
                            + " and stderr at the same time, each on a thread of its own, not one after the other",
                            FULL_PIPES_ZH + "这个程序在读取输入、写出任何 stdout 之前，先向 stderr 写 1 MiB：它会阻塞"
                            + "在已满的 stderr 管道上，直到有人来读。父进程如果先把 stdout 读到结尾，就会永远等下去，"
                            + "程序也一样。请同时读取 stdout 和 stderr，各用一个线程，而不是一个读完再读另一个"));
            byte[] expected = Programs.filler(MIB);
            String difference = difference(expected, result.stderr());
            if (difference != null) {
                fail(say("the program wrote 1 MiB to stderr; the result's stderr must hold exactly those bytes, but "
                        + difference, "程序向 stderr 写了 1 MiB；结果的 stderr 应当恰好是这些字节，但" + difference));
            }
            difference = difference(input, result.stdout());
            if (difference != null) {
                fail(say("the program echoed its input \"ping\\n\" to stdout; the result's stdout must hold exactly"
                        + " that, but " + difference,
                        "程序把它的输入 \"ping\\n\" 回显到了 stdout；结果的 stdout 应当恰好是这些内容，但"
                        + difference));
            }
        }
    }

    @Test
    @DisplayName("stdout and stderr are collected separately")
    void separateStreams() throws Exception {
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish(say("run(a program that writes to stdout and stderr)",
                    "run(向 stdout 和 stderr 写内容的程序)"),
                    Programs.command(Speaker.class, "0"), new byte[0], "");
            String out = Speaker.OUT[0] + Speaker.OUT[1];
            byte[] expectedOut = out.getBytes(StandardCharsets.UTF_8);
            byte[] expectedErr = Speaker.ERR.getBytes(StandardCharsets.UTF_8);
            String first = Runs.show(Speaker.OUT[0].getBytes(StandardCharsets.UTF_8), 80);
            String third = Runs.show(Speaker.OUT[1].getBytes(StandardCharsets.UTF_8), 80);
            String said = say("the program wrote " + first
                    + " to stdout, " + Runs.show(expectedErr, 80) + " to stderr, then "
                    + third + " to stdout; the result has"
                    + " stdout " + Runs.show(result.stdout(), 200) + " and stderr " + Runs.show(result.stderr(), 200),
                    "程序先向 stdout 写了 " + first + "，再向 stderr 写了 " + Runs.show(expectedErr, 80) + "，然后又向"
                    + " stdout 写了 " + third + "；而结果的 stdout 是 " + Runs.show(result.stdout(), 200) + "，stderr 是 "
                    + Runs.show(result.stderr(), 200));
            if (Arrays.equals(expectedOut, result.stdout()) && Arrays.equals(expectedErr, result.stderr())) {
                return;
            }
            if (new String(result.stdout(), StandardCharsets.UTF_8).contains(Speaker.ERR)) {
                fail(say(said + ". Its stderr was merged into stdout: keep them apart (no redirectErrorStream(true)),"
                        + " and read each into a buffer of its own",
                        said + "。它的 stderr 被合并进了 stdout：要把两者分开（不要用 redirectErrorStream(true)），"
                        + "分别读进各自的缓冲区"));
            }
            fail(say(said + ". Each must hold exactly what the program wrote to it",
                    said + "。两者都应恰好是程序写给它的内容"));
        }
    }

    @Test
    @DisplayName("stdin is closed after the input, so a program that reads to its end finishes")
    void stdinClosed() throws Exception {
        for (String text : List.of("12345", "")) {
            byte[] input = text.getBytes(StandardCharsets.UTF_8);
            try (Runs runs = new Runs()) {
                Subprocess.Result result = Runs.finish(say("run(a program that reads its input to the end, "
                                + input.length + " bytes of input)",
                                "run(把输入读到结尾的程序，输入 " + input.length + " 字节)"),
                        Programs.command(CountInput.class), input,
                        say("This program reads its input to the end before it answers, and it never saw the end."
                                + " The end of the input comes only when its stdin is closed: close the Process's"
                                + " getOutputStream() once the input is written" + (input.length == 0
                                ? ", and at once when the input is empty" : ""),
                                "这个程序要把输入读到结尾才会回答，而它始终没有等到结尾。输入只有在它的 stdin 被关闭时"
                                + "才会结束：写完输入后，关闭 Process 的 getOutputStream()" + (input.length == 0
                                ? "；输入为空时就立即关闭" : "")));
                String expected = input.length + "\n";
                if (!Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), result.stdout())) {
                    String should = Runs.show(expected.getBytes(StandardCharsets.UTF_8), 20);
                    fail(say("the program counted the bytes of its input and wrote the count; it was given "
                            + input.length + " bytes, so its stdout must be " + should + ", but the result's stdout is "
                            + Runs.show(result.stdout(), 60) + ". Write the whole input to stdin, then close it",
                            "程序数出输入的字节数并把这个数写出来；它收到了 " + input.length + " 个字节，所以它的 stdout"
                            + " 应当是 " + should + "，但结果的 stdout 是 " + Runs.show(result.stdout(), 60)
                            + "。请把整个输入写进 stdin，然后关闭它"));
                }
            }
        }
    }

    @Test
    @DisplayName("a program that exits without reading its input is not an error")
    void inputNotRead() throws Exception {
        byte[] input = Programs.filler(4 * MIB);
        try (Runs runs = new Runs()) {
            Subprocess.Result result;
            try {
                result = Runs.finish(say("run(a program that reads none of its 4 MiB of input)",
                        "run(完全不读它那 4 MiB 输入的程序)"), Programs.command(IgnoresInput.class), input, "");
            } catch (java.io.IOException e) {
                throw new AssertionError(say("run threw " + e + " for a program that exited without reading its"
                        + " input. Writing to a program that has stopped reading fails (\"Broken pipe\"), but that is"
                        + " the program's choice, not an error of run: catch the IOException while writing stdin and"
                        + " carry on",
                        "对一个没读输入就退出的程序，run 抛出了 " + e + "。向已经不再读取的程序写数据会失败"
                        + "（\"Broken pipe\"，即管道已断开），但那是程序自己的选择，不是 run 的错误：写 stdin 时捕获"
                        + " IOException，然后继续"), e);
            }
            byte[] expected = IgnoresInput.WORDS.getBytes(StandardCharsets.UTF_8);
            if (result.exitCode() != 0 || !Arrays.equals(expected, result.stdout())) {
                fail(say("the program wrote " + Runs.show(expected, 60) + " and exited with 0 without reading its"
                        + " input, but the result has exitCode " + result.exitCode() + " and stdout "
                        + Runs.show(result.stdout(), 60),
                        "程序写出 " + Runs.show(expected, 60) + " 后，没读输入就以退出码 0 退出了，但结果的 exitCode 是 "
                        + result.exitCode() + "，stdout 是 " + Runs.show(result.stdout(), 60)));
            }
        }
    }
}
