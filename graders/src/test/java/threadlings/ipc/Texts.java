package threadlings.ipc;

import static threadlings.grading.Lang.say;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Strings for the graders: well-formed Unicode of every kind, and a readable form of any string for messages. */
final class Texts {

    private Texts() {
    }

    /**
     * Well-formed Unicode of every kind (ASCII, line breaks, NUL, accents, CJK, emoji), from empty to a few MiB.
     * Never an unpaired surrogate: no UTF-8 transport can carry one, and the contract excludes them.
     */
    static Arbitrary<String> anyText() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7e),
                Arbitraries.of(0x0, 0x9, 0xa, 0xd),
                Arbitraries.integers().between(0x80, 0xd7ff),
                Arbitraries.integers().between(0xe000, 0xfffd),
                Arbitraries.integers().between(0x10000, 0x10ffff));
        Arbitrary<String> piece = codePoint.list().ofMinSize(1).ofMaxSize(30)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
        Arbitrary<Integer> repeats = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(1, 3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1000, 5000)));
        // Now and then a message of a mebibyte or more: larger than any pipe holds, and than writeUTF can carry.
        Arbitrary<String> huge = piece.map(p -> p.repeat((1 << 20) / p.length() + 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(12, Combinators.combine(piece, repeats).as(String::repeat)),
                net.jqwik.api.Tuple.of(1, huge));
    }

    /** {@code s} with invisible characters escaped, cut to about 60 chars around its start. */
    static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        String head = s.length() > 60 ? s.substring(0, Character.isHighSurrogate(s.charAt(59)) ? 59 : 60) : s;
        return escape(head) + (s.length() > 60 ? say("…(" + s.length() + " chars)", "…（共 " + s.length() + " 个 char）")
                : "");
    }

    /** Java-like escapes for control characters, so a message shows what is really there. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\ufffd') {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
