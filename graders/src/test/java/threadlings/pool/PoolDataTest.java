package threadlings.pool;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

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
            check(pool, inputs, say(" (generated inputs)", "（生成的输入）"));
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
                boolean loud = inputs.get(i).startsWith("loud");
                String what = say("a task that prints lines to System.out and System.err"
                        + (loud ? " (about 80 KiB to each, more than a pipe holds)" : "")
                        + " and then returns \"" + Texts.shorten(expected) + "\" " + o.describe(),
                        "一个向 System.out 和 System.err 打印若干行" + (loud ? "（各约 80 KiB，超过一个管道的容量）" : "")
                        + "、然后返回 \"" + Texts.shorten(expected) + "\" 的任务" + o.describe());
                if (o.pending()) {
                    fail(say(what + " " + Deadline.seconds(TASKS) + " after it was submitted. If the worker's stderr"
                            + " is a pipe nobody reads, a task that prints more than the pipe holds blocks for ever:"
                            + " send the worker's stderr (and System.out) somewhere that never fills, e.g."
                            + " redirectError(ProcessBuilder.Redirect.INHERIT). If the prints went into the stream"
                            + " your replies travel on, the pool may be waiting for a reply that never comes",
                            what + "（提交后已过 " + Deadline.seconds(TASKS) + "）。如果工作进程的 stderr 是一个没人读的"
                            + "管道，打印内容超过管道容量的任务就会永远阻塞：请把工作进程的 stderr（以及 System.out）"
                            + "送到一个永远不会满的地方，例如 redirectError(ProcessBuilder.Redirect.INHERIT)。如果打印"
                            + "的内容混进了传送回复的那个流，进程池可能正在等待一个永远不会到来的回复"));
                }
                fail(say(what + ". What a task prints must not reach the stream your replies travel on: in the"
                        + " worker's main, keep the real stdout for the protocol (new FileOutputStream(FileDescriptor"
                        + ".out)) and point System.out elsewhere (System.setOut(System.err)) before running any task",
                        what + "。任务打印的内容不能进入传送回复的那个流：在工作进程的 main 里，把真正的 stdout 留给"
                        + "通信协议（new FileOutputStream(FileDescriptor.out)），并在运行任何任务之前把 System.out"
                        + " 指向别处（System.setOut(System.err)）"));
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
            String hint = hint(input, o);
            String so = describe(inputs.subList(0, i + 1));
            fail(say("the task Describe (it returns the input's length, ':' and the input reversed) on the input \""
                    + Texts.shorten(input) + "\"" + which + " must return \"" + Texts.shorten(expected)
                    + "\", as it does in this JVM, but its future " + o.describe()
                    + (o.pending() ? " " + Deadline.seconds(TASKS) + " after it was submitted" : "")
                    + hint + ". Inputs so far: " + so,
                    "任务 Describe（它返回输入的长度、':' 和倒过来的输入）对输入 \"" + Texts.shorten(input) + "\""
                    + which + " 应当返回 \"" + Texts.shorten(expected) + "\"，与在本 JVM 中的结果相同，但它的 future "
                    + o.describe() + (o.pending() ? "（提交后已过 " + Deadline.seconds(TASKS) + "）" : "")
                    + hint + "。到目前为止的输入：" + so));
        }
    }

    private static String hint(String input, Outcome o) {
        if (input.contains("\n") || input.contains("\r")) {
            return say(". The input holds a line break: a protocol that ends each text with a newline (println,"
                    + " readLine) cannot carry it. Send each text as its length in bytes (writeInt) followed by its"
                    + " UTF-8 bytes, and read exactly that many bytes back",
                    "。这个输入里有换行：用换行符结束每段文本的协议（println、readLine）传送不了它。请先发送文本的"
                    + "字节长度（writeInt），再发送它的 UTF-8 字节，读取时恰好读回那么多字节");
        }
        if (input.length() >= 100_000) {
            return say(". The input is long: write the whole text and read exactly as many bytes as its length says"
                    + " (readFully or readNBytes: one read() may return only part of it); writeUTF cannot carry"
                    + " more than 65535 bytes",
                    "。这个输入很长：要写出全部文本，并恰好读回长度所说的那么多字节（用 readFully 或 readNBytes："
                    + "一次 read() 可能只返回一部分）；writeUTF 最多只能传送 65535 个字节");
        }
        if (!input.chars().allMatch(c -> c < 0x80)) {
            return say(". The input holds non-ASCII characters: encode and decode as UTF-8 (StandardCharsets.UTF_8)"
                    + " on both sides, and send the length in bytes, not in chars",
                    "。这个输入里有非 ASCII 字符：两端都要按 UTF-8（StandardCharsets.UTF_8）编码和解码，并且发送以"
                    + "字节计的长度，而不是以 char 计的长度");
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
