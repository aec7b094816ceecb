package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Comparing what a channel delivered with what was sent, and saying, in the student's terms, what went wrong. */
final class Expect {

    private Expect() {
    }

    /** Fails unless {@code r} holds exactly {@code sent}, in order, and then ended cleanly ("empty"). */
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
        s.append(sent.size()).append(" messages were sent ").append(how).append(": ").append(list(sent))
                .append(". ");
        String hint;
        if (i < sent.size() && i < got.size()) {
            s.append("Message ").append(i + 1).append(" arrived as \"").append(Texts.shorten(got.get(i)))
                    .append("\" instead of \"").append(Texts.shorten(sent.get(i))).append("\"");
            hint = hint(sent.get(i), got.get(i));
        } else if (got.size() > sent.size()) {
            s.append("They arrived as ").append(got.size()).append(" messages: ").append(list(got));
            hint = i < sent.size() ? hint(sent.get(i), got.get(i)) : "";
        } else if (i < sent.size()) {
            s.append("Only ").append(got.size()).append(" arrived, ").append(list(got)).append(", and then receive() ")
                    .append(r.ending());
            hint = hint(sent.get(i), null);
        } else {
            s.append("All arrived, but then receive() ").append(r.ending()).append(" instead of returning"
                    + " Optional.empty(): the sender had closed its end, so the stream ended cleanly, between two"
                    + " messages");
            hint = "";
        }
        fail(s + hint);
    }

    /** A likely cause, from the message that went wrong. */
    static String hint(String sent, String got) {
        if (sent.contains("\n") || sent.contains("\r")) {
            return ". That message holds a line break: framing that ends each message with a newline (println,"
                    + " readLine) cannot carry it. Send each message as its length in bytes followed by its UTF-8"
                    + " bytes, and read exactly that many bytes back";
        }
        if (!sent.chars().allMatch(c -> c < 0x80)) {
            return ". That message holds non-ASCII characters: encode and decode with StandardCharsets.UTF_8 (never"
                    + " the platform default), and send the length in bytes, not in chars";
        }
        if (sent.length() >= 60_000) {
            return ". That message is long: read exactly as many bytes as its length says (readNBytes or"
                    + " readFully: one read() may return only part of it); writeUTF cannot carry more than 65535"
                    + " bytes";
        }
        if (sent.isEmpty()) {
            return ". That message is empty: its frame must still say so (a length of 0), and receive() must return"
                    + " it as \"\", not skip it";
        }
        return "";
    }

    static String list(List<String> messages) {
        List<String> shown = new ArrayList<>();
        for (String m : messages.subList(0, Math.min(messages.size(), 14))) {
            shown.add("\"" + Texts.shorten(m) + "\"");
        }
        return "[" + String.join(", ", shown) + (messages.size() > 14 ? ", … (" + messages.size() + " in all)" : "")
                + "]";
    }
}
