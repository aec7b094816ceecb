package threadlings.grading.pr;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a step's log as the GitHub Actions runner does: lines {@code ::name props::message} are commands, except
 * between {@code ::stop-commands::TOKEN} and {@code ::TOKEN::}, where every line is plain text. Tests use it to
 * see which commands a log would really issue.
 */
final class Runner {

    /** A command the runner would run: its name, its raw properties, its raw (still escaped) message. */
    record Command(String name, String properties, String message) {
    }

    private Runner() {
    }

    static List<Command> commands(String log) {
        List<Command> commands = new ArrayList<>();
        String stopToken = null;
        for (String line : log.split("\r?\n", -1)) {
            String l = line.strip();
            if (stopToken != null) {
                if (l.equals("::" + stopToken + "::")) {
                    stopToken = null;
                }
                continue;
            }
            if (!l.startsWith("::")) {
                continue;
            }
            int end = l.indexOf("::", 2);
            if (end < 0) {
                continue;
            }
            String head = l.substring(2, end);
            String message = l.substring(end + 2);
            int space = head.indexOf(' ');
            String name = space < 0 ? head : head.substring(0, space);
            String props = space < 0 ? "" : head.substring(space + 1);
            if (name.equals("stop-commands")) {
                stopToken = message;
                continue;
            }
            commands.add(new Command(name, props, message));
        }
        return commands;
    }

    /** A message as the runner shows it: GitHub's escapes undone. */
    static String unescape(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
                .replace("%25", "%");
    }
}
