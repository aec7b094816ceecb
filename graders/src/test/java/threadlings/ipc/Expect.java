package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.util.ArrayList;
import java.util.List;

/** Comparing what a channel delivered with what was sent, and saying, in the student's terms, what went wrong. */
final class Expect {

    private Expect() {
    }

    /**
     * Fails unless {@code r} holds exactly {@code sent}, in order, and then ended cleanly ("empty"). {@code how}
     * says how they were sent, in this run's language: after "N messages were sent " in English, inside the
     * parentheses of "发送了 N 条消息（…）" in Chinese.
     */
    static void same(List<String> sent, Transfer.Received r, String how) {
        List<String> got = r.messages();
        int i = 0;
        while (i < sent.size() && i < got.size() && sent.get(i).equals(got.get(i))) {
            i++;
        }
        if (i == sent.size() && got.size() == sent.size() && r.ending().equals("empty")) {
            return;
        }
        StringBuilder s = new StringBuilder();
        s.append(say(sent.size() + " messages were sent " + how + ": " + list(sent) + ". ",
                "发送了 " + sent.size() + " 条消息（" + how + "）：" + list(sent) + "。"));
        String hint;
        if (i < sent.size() && i < got.size()) {
            s.append(say("Message " + (i + 1) + " arrived as \"" + Texts.shorten(got.get(i)) + "\" instead of \""
                    + Texts.shorten(sent.get(i)) + "\"",
                    "第 " + (i + 1) + " 条消息收到的是 \"" + Texts.shorten(got.get(i)) + "\"，而不是 \""
                    + Texts.shorten(sent.get(i)) + "\""));
            hint = hint(sent.get(i), got.get(i));
        } else if (got.size() > sent.size()) {
            s.append(say("They arrived as " + got.size() + " messages: " + list(got),
                    "收到的却是 " + got.size() + " 条消息：" + list(got)));
            hint = i < sent.size() ? hint(sent.get(i), got.get(i)) : "";
        } else if (i < sent.size()) {
            s.append(say("Only " + got.size() + " arrived, " + list(got) + ", and then receive() " + r.ending(),
                    "只收到了 " + got.size() + " 条：" + list(got) + "，随后 receive() " + r.endingZh()));
            hint = hint(sent.get(i), null);
        } else {
            s.append(say("All arrived, but then receive() " + r.ending() + " instead of returning"
                    + " Optional.empty(): the sender had closed its end, so the stream ended cleanly, between two"
                    + " messages",
                    "消息全部收到了，但随后 receive() " + r.endingZh() + "，而不是返回 Optional.empty()：发送方已经关闭了"
                    + "它那一端，所以流是在两条消息之间干净地结束的"));
            hint = "";
        }
        fail(s + hint);
    }

    /** A likely cause, from the message that went wrong. */
    static String hint(String sent, String got) {
        if (sent.contains("\n") || sent.contains("\r")) {
            return say(". That message holds a line break: framing that ends each message with a newline (println,"
                    + " readLine) cannot carry it. Send each message as its length in bytes followed by its UTF-8"
                    + " bytes, and read exactly that many bytes back",
                    "。这条消息含有换行符：用换行符结束每条消息的分帧方式（println、readLine）无法承载它。发送时先写"
                    + "消息的字节长度，再写它的 UTF-8 字节；接收时按这个长度准确读回那么多字节");
        }
        if (!sent.chars().allMatch(c -> c < 0x80)) {
            return say(". That message holds non-ASCII characters: encode and decode with StandardCharsets.UTF_8 (never"
                    + " the platform default), and send the length in bytes, not in chars",
                    "。这条消息含有非 ASCII 字符：编码和解码都要用 StandardCharsets.UTF_8（绝不要用平台默认字符集），"
                    + "并且发送的长度要按字节计，而不是按 char 计");
        }
        if (sent.length() >= 60_000) {
            return say(". That message is long: read exactly as many bytes as its length says (readNBytes or"
                    + " readFully: one read() may return only part of it); writeUTF cannot carry more than 65535"
                    + " bytes",
                    "。这条消息很长：要准确读取长度所说的那么多字节（用 readNBytes 或 readFully：一次 read() 可能只返回"
                    + "其中一部分）；writeUTF 最多只能承载 65535 字节");
        }
        if (sent.isEmpty()) {
            return say(". That message is empty: its frame must still say so (a length of 0), and receive() must return"
                    + " it as \"\", not skip it",
                    "。这条消息是空的：它的帧仍然要表明这一点（长度为 0），receive() 必须把它作为 \"\" 返回，而不是"
                    + "跳过它");
        }
        return "";
    }

    static String list(List<String> messages) {
        List<String> shown = new ArrayList<>();
        for (String m : messages.subList(0, Math.min(messages.size(), 14))) {
            shown.add("\"" + Texts.shorten(m) + "\"");
        }
        return "[" + String.join(", ", shown) + (messages.size() > 14 ? say(", … (" + messages.size() + " in all)",
                ", …（共 " + messages.size() + " 条）") : "") + "]";
    }
}
