package threadlings.pool;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task for the graders, like the lesson's: it sleeps a while. Its input is {@code <folder>|<name>|<millis>}: it
 * writes the time it started to {@code <folder>/<name>.start}, sleeps {@code <millis>}, writes the time it ended
 * to {@code <folder>/<name>.end} and returns {@code <name>}. The times are {@link System#currentTimeMillis()},
 * which every process on one machine reads from the same clock, so the graders can line the tasks up.
 */
public class Nap implements PoolTask {

    /** The input for a nap named {@code name} of {@code millis} that records its times in {@code folder}. */
    static String input(Path folder, String name, long millis) {
        return folder + "|" + name + "|" + millis;
    }

    @Override
    public String apply(String input) throws Exception {
        String[] parts = input.split("\\|");
        Path folder = Path.of(parts[0]);
        String name = parts[1];
        long millis = Long.parseLong(parts[2]);
        Files.writeString(folder.resolve(name + ".start"), Long.toString(System.currentTimeMillis()));
        Thread.sleep(millis);
        Files.writeString(folder.resolve(name + ".end"), Long.toString(System.currentTimeMillis()));
        return name;
    }
}
