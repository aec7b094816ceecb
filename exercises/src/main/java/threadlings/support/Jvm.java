package threadlings.support;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the command line that starts another JVM running one of our classes.
 *
 * <p>Given: you use it, you do not change it. Python's {@code multiprocessing} can copy the running interpreter
 * with {@code fork()}; Java cannot, so a "child process" here is always a fresh JVM started with the same
 * {@code java} program and the same classpath as the JVM that asks.
 */
public final class Jvm {

    private Jvm() {
    }

    /**
     * The command that starts a new JVM running {@code mainClass.main(args)}.
     *
     * <p>Pass it to {@link ProcessBuilder}: {@code new ProcessBuilder(Jvm.command(Child.class, "x")).start()}.
     */
    public static List<String> command(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting children: the kit starts many of them, and none needs much memory.
        command.add("-Xmx96m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        // Java agents this JVM runs with (a coverage tool, say) run in the child too, so they see all the code.
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-javaagent:")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        Collections.addAll(command, args);
        return command;
    }
}
