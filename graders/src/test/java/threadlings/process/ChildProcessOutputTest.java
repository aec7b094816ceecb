package threadlings.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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
            int code = Deadline.call(JVM_LIFETIME, "join() on a child that writes "
                    + (stdout.length() + stderr.length()) + " chars", child::join);
            assertEquals(0, code, "join() on a child that returned normally from main");
            String output = Texts.withoutJvmNotices(child.output());
            String difference = Texts.difference(stdout + stderr, output);
            if (difference != null) {
                fail("the child wrote " + stdout.length() + " chars to stdout, then " + stderr.length()
                        + " to stderr, and after join() output() must hold exactly those (stdout first): "
                        + difference + hint(stdout, stderr, output));
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
            Deadline.call(JVM_LIFETIME, "join() on a child that writes three lines", child::join);
            String output = Texts.withoutJvmNotices(child.output());
            String expected = String.join("", Interleaver.PARTS);
            if (output.equals(expected)) {
                return;
            }
            String said = " The child wrote \"" + Texts.escape(Interleaver.PARTS[0]) + "\" to stdout, then \""
                    + Texts.escape(Interleaver.PARTS[1]) + "\" to stderr, then \"" + Texts.escape(Interleaver.PARTS[2])
                    + "\" to stdout; output() was \"" + Texts.escape(output) + "\".";
            boolean hasErr = output.contains(Interleaver.PARTS[1]);
            boolean hasOut = output.contains(Interleaver.PARTS[0]) && output.contains(Interleaver.PARTS[2]);
            if (hasOut && !hasErr) {
                fail("output() is missing what the child wrote to stderr." + said + " Merge stderr into stdout:"
                        + " ProcessBuilder.redirectErrorStream(true) before start().");
            }
            if (hasErr && !hasOut) {
                fail("output() is missing what the child wrote to stdout." + said);
            }
            if (hasErr) {
                fail("output() holds stdout and stderr, but not in the order the child wrote them." + said
                        + " Read them as one stream: ProcessBuilder.redirectErrorStream(true) before start().");
            }
            fail("output() does not hold what the child wrote." + said);
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
                fail("the child wrote " + expected.length() + " chars to " + name + "; after join() output() must"
                        + " hold all of them: " + difference);
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
                fail("the child wrote " + expected.length() + " chars of \"" + Blabber.MULTIBYTE + "\" repeated"
                        + " (characters of 1 to 4 bytes in UTF-8); output() after join() must hold them exactly: "
                        + difference + hint(expected, "", output));
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
            Deadline.call(JVM_LIFETIME, "join() on a child that writes a few lines", child::join);
            String output = Texts.withoutJvmNotices(child.output());
            String difference = Texts.difference(stdout + stderr, output);
            if (difference != null) {
                fail("output() must hold exactly the bytes the child wrote, \"" + Texts.escape(stdout + stderr)
                        + "\": " + difference + hint(stdout, stderr, output));
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
                fail("the child wrote \"" + Texts.escape(Greeter.GREETING) + "\" and then slept, but "
                        + Deadline.seconds(WRITE_LIMIT) + " later output() still returned \"" + Texts.escape(output)
                        + "\": output() must show what has been read so far while the child runs — collect"
                        + " each read into a buffer that output() decodes, not only at the end of the stream");
            }
        }
    }

    /** join() on a child that writes more than a pipe holds: it must return, and the message says why it may not. */
    private static void joinWritingChild(ChildProcess child, String size, String stream) throws Exception {
        try {
            int code = Deadline.call(WRITE_LIMIT, "join() on a child that writes " + size + " to " + stream,
                    child::join);
            assertEquals(0, code, "join() on a child that returned normally from main");
        } catch (AssertionError e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("did not finish")) {
                throw e;
            }
            throw new AssertionError(message + ". The child is most likely stuck writing to a full pipe: an OS"
                    + " pipe holds only about 64 KiB, and a child whose " + stream + " nobody reads while it"
                    + " runs blocks until someone does, so it never exits. "
                    + (stream.equals("stderr")
                            ? "Is stderr read at all? Merge it into stdout with redirectErrorStream(true), and"
                                    + " drain that one stream on a thread started in start()."
                            : "Start a thread in start() that reads getInputStream() until its end while the"
                                    + " child runs; do not wait for the exit before reading."), null);
        }
    }

    /** A guess at the mistake behind a wrong output, from what it looks like. */
    private static String hint(String stdout, String stderr, String output) {
        String expected = stdout + stderr;
        if (!stderr.isEmpty() && output.equals(stdout)) {
            return ". output() holds only what the child wrote to stdout: its stderr is missing. Merge it into"
                    + " stdout with ProcessBuilder.redirectErrorStream(true) before start()";
        }
        if (replacements(output) > replacements(expected)) {
            return ". output() holds U+FFFD, the replacement character, where the child wrote none: a character"
                    + " whose UTF-8 bytes were split between two reads was decoded in halves. Collect the bytes"
                    + " (ByteArrayOutputStream) and decode them all at once in output()";
        }
        if (expected.contains("\r") && !output.contains("\r")
                || !expected.endsWith("\n") && output.endsWith("\n") && output.length() > expected.length()) {
            return ". Line endings were changed: reading lines (readLine) and joining them with \"\\n\" loses"
                    + " \"\\r\" and adds a newline the child never wrote. Copy the bytes as they come";
        }
        if (expected.startsWith(output) && output.length() < expected.length()) {
            return ". The end is missing: does join() wait for the thread that reads the output to finish?";
        }
        return "";
    }

    private static long replacements(String s) {
        return s.chars().filter(c -> c == '\ufffd').count();
    }
}
