package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** What travels: any input to the worker, any result back, and prints that must not get in the way. */
class PoolDataTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration TASKS = Duration.ofSeconds(15);
    private static final int MIB = 1 << 20;

    /** Inputs that break the usual shortcuts: line framing, a platform charset, a length counted in chars. */
    static List<String> awkwardInputs() {
        List<String> inputs = new ArrayList<>(List.of(
                "plain words",
                "",
                "two\nlines",
                "\n",
                "ends with a newline\n",
                "windows\r\nline endings\r\n",
                "a blank line\n\nin the middle",
                "a NUL \u0000 in the middle",
                "tab\tand \\ backslash",
                "naïve café, Grüße",
                "中文字符",
                "emoji \ud83d\ude00 and \ud83c\udf89",
                "all at once: ü\n\ud83d\ude00\r\n中\u0000"));
        inputs.add("x".repeat(MIB));
        inputs.add("\u20ac\ud83d\ude00\n\u4e2d".repeat(MIB / 10)); // about 1 MiB of UTF-8: 3 + 4 + 1 + 3 bytes each
        return inputs;
    }

    @Test
    @DisplayName("results are exactly the task's, for inputs with newlines, empty strings, any Unicode and 1 MiB")
    void awkwardInputsTravelIntact() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            check(pool, awkwardInputs(), "");
        }
    }

    @Property(tries = 4, shrinking = ShrinkingMode.OFF)
    @Label("results equal the task applied in this JVM, for any list of inputs")
    void anyInputsTravelIntact(@ForAll @Size(max = 8) List<@net.jqwik.api.From("text") String> inputs)
            throws Exception {
        // Shrinking is off: every try starts worker JVMs, and the awkward inputs above are the small examples.
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            check(pool, inputs, " (generated inputs)");
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Texts.anyText();
    }

    @Test
    @DisplayName("a task that prints to System.out and System.err does not disturb the pool")
    void printingTasks() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            ProcessPool pool = cleanup.pool(2);
            List<String> inputs = List.of("1", "2", "loud 3", "4", "five\nlines\nof\ninput\n", "6");
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (String input : inputs) {
                futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Chatter.class, input)));
            }
            long deadline = System.nanoTime() + TASKS.toNanos();
            for (int i = 0; i < inputs.size(); i++) {
                String expected = new Describe().apply(inputs.get(i));
                Outcome o = Outcome.await(futures.get(i), deadline);
                if (o.succeeded() && o.value().equals(expected)) {
                    continue;
                }
                String what = "a task that prints lines to System.out and System.err"
                        + (inputs.get(i).startsWith("loud") ? " (about 80 KiB to each, more than a pipe holds)" : "")
                        + " and then returns \"" + Texts.shorten(expected) + "\" " + o.describe();
                if (o.pending()) {
                    fail(what + " " + Deadline.seconds(TASKS) + " after it was submitted. If the worker's stderr is"
                            + " a pipe nobody reads, a task that prints more than the pipe holds blocks for ever:"
                            + " send the worker's stderr (and System.out) somewhere that never fills, e.g."
                            + " redirectError(ProcessBuilder.Redirect.INHERIT). If the prints went into the stream"
                            + " your replies travel on, the pool may be waiting for a reply that never comes");
                }
                fail(what + ". What a task prints must not reach the stream your replies travel on: in the worker's"
                        + " main, keep the real stdout for the protocol (new FileOutputStream(FileDescriptor.out))"
                        + " and point System.out elsewhere (System.setOut(System.err)) before running any task");
            }
        }
    }

    /** Submits every input to {@link Describe} and compares each result with the task applied here. */
    private static void check(ProcessPool pool, List<String> inputs, String which) throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (String input : inputs) {
            futures.add(Deadline.call(QUICK, "submit()", () -> pool.submit(Describe.class, input)));
        }
        // In order, stopping at the first wrong result: a broken framing may leave later futures hanging.
        long deadline = System.nanoTime() + TASKS.toNanos();
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            String expected = new Describe().apply(input);
            Outcome o = Outcome.await(futures.get(i), deadline);
            if (o.succeeded() && expected.equals(o.value())) {
                continue;
            }
            fail("the task Describe (it returns the input's length, ':' and the input reversed) on the input \""
                    + Texts.shorten(input) + "\"" + which + " must return \"" + Texts.shorten(expected)
                    + "\", as it does in this JVM, but its future " + o.describe()
                    + (o.pending() ? " " + Deadline.seconds(TASKS) + " after it was submitted" : "")
                    + hint(input, o) + ". Inputs so far: " + describe(inputs.subList(0, i + 1)));
        }
    }

    private static String hint(String input, Outcome o) {
        if (input.contains("\n") || input.contains("\r")) {
            return ". The input holds a line break: a protocol that ends each text with a newline (println,"
                    + " readLine) cannot carry it. Send each text as its length in bytes (writeInt) followed by its"
                    + " UTF-8 bytes, and read exactly that many bytes back";
        }
        if (input.length() >= 100_000) {
            return ". The input is long: write the whole text and read exactly as many bytes as its length says"
                    + " (readFully or readNBytes: one read() may return only part of it); writeUTF cannot carry"
                    + " more than 65535 bytes";
        }
        if (!input.chars().allMatch(c -> c < 0x80)) {
            return ". The input holds non-ASCII characters: encode and decode as UTF-8 (StandardCharsets.UTF_8) on"
                    + " both sides, and send the length in bytes, not in chars";
        }
        return "";
    }

    private static String describe(List<String> inputs) {
        List<String> shown = new ArrayList<>();
        for (String s : inputs) {
            shown.add("\"" + Texts.shorten(s) + "\"");
        }
        return String.join(", ", shown);
    }
}
