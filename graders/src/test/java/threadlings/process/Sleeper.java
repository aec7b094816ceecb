package threadlings.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child for the graders: {@code Sleeper <millis> [<ready-file>]} creates the ready file, if given (so the grader
 * knows the JVM is up and running {@code main}), then sleeps for the given milliseconds (at most 60 s, so it
 * always ends), then exits 0.
 */
public final class Sleeper {

    static final long MAX_MILLIS = 60_000;

    private Sleeper() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 1) {
            Files.createFile(Path.of(args[1]));
        }
        Thread.sleep(Math.min(Long.parseLong(args[0]), MAX_MILLIS));
    }
}
