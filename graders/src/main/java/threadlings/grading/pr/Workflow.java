package threadlings.grading.pr;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * GitHub Actions workflow commands (lines such as {@code ::error file=…,line=…::message}) written so that no text
 * that came from a student's code can become a command of its own.
 *
 * <p>Two rules do it. Text inside a command is escaped the way GitHub's own toolkit escapes it ({@code %}, CR and
 * LF in a message; also {@code :} and {@code ,} in a property), so a message stays on its one line. And any other
 * text that a student's code could have shaped (failure messages, compiler errors quoting their source) is printed
 * between {@code ::stop-commands::TOKEN} and {@code ::TOKEN::}, with a token drawn at random when printed: while
 * commands are stopped the runner treats {@code ::notice::Points 999/999} as plain text.
 */
final class Workflow {

    private Workflow() {
    }

    /** A fresh, unguessable token for one stop-commands block. */
    static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "threadlings-" + HexFormat.of().formatHex(bytes);
    }

    static String stopCommands(String token) {
        return "::stop-commands::" + token;
    }

    static String resumeCommands(String token) {
        return "::" + token + "::";
    }

    /** A message, escaped: {@code %}, CR and LF. */
    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value, escaped: as a message, and also {@code :} and {@code ,}. */
    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /**
     * A command line: {@code ::name key=value,…::message}, properties in the given order (null values left out).
     */
    static String command(String name, Map<String, String> properties, String message) {
        StringBuilder line = new StringBuilder("::").append(name);
        String sep = " ";
        for (Map.Entry<String, String> p : properties.entrySet()) {
            if (p.getValue() != null) {
                line.append(sep).append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
                sep = ",";
            }
        }
        return line.append("::").append(escapeData(message)).toString();
    }
}
