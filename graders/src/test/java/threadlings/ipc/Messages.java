package threadlings.ipc;

import static threadlings.grading.Lang.say;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The messages the graders send, by name, so that a child JVM and the grader agree on them. */
final class Messages {

    static final int MIB = 1 << 20;

    private Messages() {
    }

    /** The messages for a mode: "lesson", "mixed" or "charset". */
    static List<String> forMode(String mode) {
        switch (mode) {
            case "lesson": return List.of("A", "B", "C");
            case "mixed": return mixed();
            case "charset": return nonAscii();
            default: throw new IllegalArgumentException(say("no such mode: " + mode, "没有这种模式：" + mode));
        }
    }

    /** Messages that break the usual shortcuts, and one larger than any pipe holds. */
    static List<String> mixed() {
        List<String> messages = new ArrayList<>(awkward());
        messages.add("\u20ac\ud83d\ude00\n\u4e2d".repeat(30_000)); // about 330 KiB of UTF-8
        messages.add("the last one");
        return messages;
    }

    /** Short messages that break line framing, platform charsets and lengths counted in chars. */
    static List<String> awkward() {
        return List.of(
                "plain words",
                "",
                "two\nlines",
                "\n",
                "ends with a newline\n",
                "windows\r\nline endings",
                "",
                "a NUL \u0000 in the middle",
                "naïve café, Grüße",
                "中文字符",
                "emoji \ud83d\ude00 and \ud83c\udf89",
                "all at once: ü\n\ud83d\ude00\r\n中\u0000");
    }

    /** Messages whose every character lies outside ASCII, and most outside Latin-1. */
    static List<String> nonAscii() {
        return List.of("\u20acuro", "naïve café", "中文字符", "\ud83d\ude00\ud83c\udf89", "Grüße, Zoë");
    }

    /** SHA-256 of the message's UTF-8 bytes, in hex. */
    static String digest(String message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line the reader prints for message {@code index}. */
    static String reportLine(int index, String message) {
        return "message " + index + " " + message.getBytes(StandardCharsets.UTF_8).length + " " + digest(message);
    }
}
