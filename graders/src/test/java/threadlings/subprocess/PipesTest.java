package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;

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
            Subprocess.Result result = Runs.finish("run(Cat, " + size + " bytes of input)",
                    Programs.command(Cat.class), input, echoHang(size));
            checkEcho(input, result);
        }
    }

    @Test
    @DisplayName("a program that echoes 4 MiB of input does not deadlock with its parent")
    void echoMuchInput() throws Exception {
        byte[] input = Programs.filler(4 * MIB);
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish("run(Cat, 4 MiB of input)", Programs.command(Cat.class), input,
                    echoHang(input.length));
            checkEcho(input, result);
        }
    }

    private static String echoHang(int size) {
        String closeStdin = "the program reads until the end of its input, which comes only when its stdin is"
                + " closed: close it once the input is written";
        if (size < 256 * 1024) {
            return "This program echoes its input: " + closeStdin;
        }
        return FULL_PIPES + " This program echoes what it reads: once its stdout pipe is full it stops reading,"
                + " and if you are still writing its input then, your write blocks on its full stdin pipe while it"
                + " waits for you to read: a deadlock. Write the input on a thread of its own while other threads"
                + " read stdout and stderr. (If that is not it: " + closeStdin + ".)";
    }

    private static void checkEcho(byte[] input, Subprocess.Result result) {
        if (result.exitCode() != 0) {
            fail("the program that echoes its input exited with 0, but the result's exitCode is "
                    + result.exitCode());
        }
        if (result.stderr().length != 0) {
            fail("the program wrote nothing to stderr, but the result's stderr holds " + result.stderr().length
                    + " bytes: " + Runs.show(result.stderr(), 60));
        }
        String difference = difference(input, result.stdout());
        if (difference != null) {
            fail("a program that echoes its input was given " + input.length + " bytes; the result's stdout must"
                    + " hold exactly those bytes, but " + difference);
        }
    }

    /** Null if the two are equal; else where they differ, and a guess at why. */
    static String difference(byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        int i = Arrays.mismatch(expected, actual);
        String where = "it holds " + actual.length + " bytes, and they first differ at byte " + i;
        if (i == actual.length) {
            return where + ": the end is missing. Wait for the threads that read the output to reach the end of"
                    + " their streams (join them) before you build the result";
        }
        if (i == expected.length) {
            return where + ": there are bytes after the end of what the program wrote";
        }
        return where + String.format(": expected 0x%02X, got 0x%02X. Keep the bytes as they are: copy bytes from"
                + " the stream (no Reader, no lines, no charset) into a ByteArrayOutputStream", expected[i], actual[i]);
    }

    @Test
    @DisplayName("a program that writes 1 MiB to stderr before reading its input does not deadlock")
    void muchOnStderrFirst() throws Exception {
        byte[] input = "ping\n".getBytes(StandardCharsets.UTF_8);
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish("run(a program that writes 1 MiB to stderr, then echoes its"
                            + " input)", Programs.command(Cat.class, "err", Integer.toString(MIB)), input,
                    FULL_PIPES + " This program first writes 1 MiB to stderr, before it reads its input or writes"
                            + " any stdout: it blocks on its full stderr pipe until someone reads it. A parent that"
                            + " reads stdout to its end first waits for ever, and so does the program. Read stdout"
                            + " and stderr at the same time, each on a thread of its own, not one after the other");
            byte[] expected = Programs.filler(MIB);
            String difference = difference(expected, result.stderr());
            if (difference != null) {
                fail("the program wrote 1 MiB to stderr; the result's stderr must hold exactly those bytes, but "
                        + difference);
            }
            difference = difference(input, result.stdout());
            if (difference != null) {
                fail("the program echoed its input \"ping\\n\" to stdout; the result's stdout must hold exactly"
                        + " that, but " + difference);
            }
        }
    }

    @Test
    @DisplayName("stdout and stderr are collected separately")
    void separateStreams() throws Exception {
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish("run(a program that writes to stdout and stderr)",
                    Programs.command(Speaker.class, "0"), new byte[0], "");
            String out = Speaker.OUT[0] + Speaker.OUT[1];
            byte[] expectedOut = out.getBytes(StandardCharsets.UTF_8);
            byte[] expectedErr = Speaker.ERR.getBytes(StandardCharsets.UTF_8);
            String said = "the program wrote " + Runs.show(Speaker.OUT[0].getBytes(StandardCharsets.UTF_8), 80)
                    + " to stdout, " + Runs.show(expectedErr, 80) + " to stderr, then "
                    + Runs.show(Speaker.OUT[1].getBytes(StandardCharsets.UTF_8), 80) + " to stdout; the result has"
                    + " stdout " + Runs.show(result.stdout(), 200) + " and stderr " + Runs.show(result.stderr(), 200);
            if (Arrays.equals(expectedOut, result.stdout()) && Arrays.equals(expectedErr, result.stderr())) {
                return;
            }
            if (new String(result.stdout(), StandardCharsets.UTF_8).contains(Speaker.ERR)) {
                fail(said + ". Its stderr was merged into stdout: keep them apart (no redirectErrorStream(true)),"
                        + " and read each into a buffer of its own");
            }
            fail(said + ". Each must hold exactly what the program wrote to it");
        }
    }

    @Test
    @DisplayName("stdin is closed after the input, so a program that reads to its end finishes")
    void stdinClosed() throws Exception {
        for (String text : List.of("12345", "")) {
            byte[] input = text.getBytes(StandardCharsets.UTF_8);
            try (Runs runs = new Runs()) {
                Subprocess.Result result = Runs.finish("run(a program that reads its input to the end, "
                                + input.length + " bytes of input)", Programs.command(CountInput.class), input,
                        "This program reads its input to the end before it answers, and it never saw the end."
                                + " The end of the input comes only when its stdin is closed: close the Process's"
                                + " getOutputStream() once the input is written" + (input.length == 0
                                ? ", and at once when the input is empty" : ""));
                String expected = input.length + "\n";
                if (!Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), result.stdout())) {
                    fail("the program counted the bytes of its input and wrote the count; it was given "
                            + input.length + " bytes, so its stdout must be " + Runs.show(expected.getBytes(
                            StandardCharsets.UTF_8), 20) + ", but the result's stdout is "
                            + Runs.show(result.stdout(), 60) + ". Write the whole input to stdin, then close it");
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
                result = Runs.finish("run(a program that reads none of its 4 MiB of input)",
                        Programs.command(IgnoresInput.class), input, "");
            } catch (java.io.IOException e) {
                throw new AssertionError("run threw " + e + " for a program that exited without reading its input."
                        + " Writing to a program that has stopped reading fails (\"Broken pipe\"), but that is the"
                        + " program's choice, not an error of run: catch the IOException while writing stdin and"
                        + " carry on", e);
            }
            byte[] expected = IgnoresInput.WORDS.getBytes(StandardCharsets.UTF_8);
            if (result.exitCode() != 0 || !Arrays.equals(expected, result.stdout())) {
                fail("the program wrote " + Runs.show(expected, 60) + " and exited with 0 without reading its"
                        + " input, but the result has exitCode " + result.exitCode() + " and stdout "
                        + Runs.show(result.stdout(), 60));
            }
        }
    }
}
