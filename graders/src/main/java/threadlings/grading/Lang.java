package threadlings.grading;

import java.util.Locale;

/**
 * The language a student reads: English or Simplified Chinese. {@code -Dthreadlings.lang=zh} (or {@code en})
 * chooses; without it, the JVM's default locale does. The harness passes its choice on to every grader JVM, so
 * a whole run speaks one language.
 *
 * <p>Graders write each message in both languages where it is checked: {@code say("…", "…")}. Keeping the two
 * side by side, instead of behind keys in a bundle, means a check and its explanation are read and changed
 * together.
 */
public enum Lang {
    EN("en"), ZH("zh");

    /** The system property that chooses the language. */
    public static final String PROPERTY = "threadlings.lang";

    private final String code;

    Lang(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The language of this run: the property if set to a known language, else the default locale's. */
    public static Lang current() {
        String chosen = System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
        if (chosen.isEmpty()) {
            chosen = Locale.getDefault().getLanguage();
        }
        return chosen.startsWith("zh") ? ZH : EN;
    }

    /** The text of this run's language. */
    public static String say(String en, String zh) {
        return current() == ZH ? zh : en;
    }

    /** {@link String#format} of this run's language's pattern. */
    public static String sayf(String en, String zh, Object... args) {
        return String.format(Locale.ROOT, say(en, zh), args);
    }
}
