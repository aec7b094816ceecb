package threadlings.threads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A child program for the graders: writes what {@code Threads.currentName()} returns in its main thread to a file. */
public final class MainName {

    private MainName() {
    }

    public static void main(String[] args) throws IOException {
        String line;
        try {
            line = "ok " + Threads.currentName();
        } catch (Throwable t) {
            line = "threw " + t;
        }
        Files.writeString(Path.of(args[0]), line, StandardCharsets.UTF_8);
    }
}
