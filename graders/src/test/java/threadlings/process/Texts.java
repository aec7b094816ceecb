package threadlings.process;

import static threadlings.grading.Lang.say;

import java.util.regex.Pattern;

/** Comparing what a child wrote with what {@code output()} returned, and saying where they differ. */
final class Texts {

    /**
     * Lines a JVM prints on its own before {@code main} runs when options come from the environment
     * ({@code Picked up JAVA_TOOL_OPTIONS: …}, {@code NOTE: Picked up JDK_JAVA_OPTIONS: …}). Some machines set
     * these; they are not the child's output, and no student can prevent them.
     */
    private static final Pattern JVM_NOTICES = Pattern.compile("\\A(?:(?:NOTE: )?Picked up [A-Za-z_]+:[^\\n]*\\n)+");

    private Texts() {
    }

    /** {@code output} without the JVM's own notices at its start. */
    static String withoutJvmNotices(String output) {
        return JVM_NOTICES.matcher(output).replaceFirst("");
    }

    /**
     * Null if {@code actual} equals {@code expected}; else a sentence saying how they differ: lengths, where they
     * first differ, and what stands there in each, escaped so that invisible characters show.
     */
    static String difference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        int i = 0;
        int common = Math.min(expected.length(), actual.length());
        while (i < common && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        StringBuilder s = new StringBuilder();
        s.append("expected ").append(expected.length()).append(" chars, output() has ").append(actual.length())
                .append("; they first differ at char ").append(i).append(": expected ")
                .append(snippet(expected, i)).append(", output() has ").append(snippet(actual, i));
        return say(s.toString(), "应有 " + expected.length() + " 个字符，output() 有 " + actual.length()
                + " 个；两者从下标为 " + i + " 的字符起开始不同：应为 " + snippet(expected, i) + "，output() 中是 "
                + snippet(actual, i));
    }

    private static String snippet(String s, int at) {
        if (at >= s.length()) {
            return say("<end of text>", "<文本结尾>");
        }
        int from = Math.max(0, at - 10);
        int to = Math.min(s.length(), at + 20);
        return "\"" + (from > 0 ? "…" : "") + escape(s.substring(from, to)) + (to < s.length() ? "…" : "") + "\"";
    }

    /** Java-like escapes for control characters and U+FFFD, so a message shows what is really there. */
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
                    if (c < 0x20 || c == 0x7f || c == '\ufffd' || Character.isSurrogate(c) && !validPair(s, i)) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
