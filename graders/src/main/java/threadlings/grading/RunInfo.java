package threadlings.grading;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the scoreboard and {@code report.html} say about the run itself: the command that grades one topic again
 * the way this run graded it, and the machine's cores (the scale of the CPU charts).
 *
 * @param command the command without its {@code -Dtopic}: {@code ./mvnw test}, with {@code -Psolutions} when the
 *                references were graded and the language when it was chosen by property
 * @param cores   the processors this machine offers the JVM
 */
public record RunInfo(String command, int cores) {

    public RunInfo {
        Objects.requireNonNull(command, "command");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1: " + cores);
        }
    }

    /** The command that grades only {@code topicId}, as this run did. */
    public String commandFor(String topicId) {
        return command + " -Dtopic=" + topicId;
    }

    /** The run of this JVM, from the system properties {@link Grade} is given. */
    public static RunInfo current() {
        StringBuilder command = new StringBuilder("./mvnw test");
        String code = System.getProperty("threadlings.code", "");
        String solutions = System.getProperty("threadlings.solutions", "");
        if (!code.isBlank() && !solutions.isBlank() && same(code, solutions)) {
            command.append(" -Psolutions");
        }
        String lang = System.getProperty(Lang.PROPERTY, "").strip();
        if (!lang.isEmpty()) {
            command.append(" -D").append(Lang.PROPERTY).append('=').append(Lang.current().code());
        }
        return new RunInfo(command.toString(), Runtime.getRuntime().availableProcessors());
    }

    private static boolean same(String a, String b) {
        try {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return a.equals(b);
        }
    }
}
