package threadlings.pool;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task for the graders that ends the worker it runs in. Its input is {@code <file>|exit|<code>} or
 * {@code <file>|halt|<code>}: it writes its pid to {@code <file>}, then calls {@code System.exit(code)} or
 * {@code Runtime.getRuntime().halt(code)}.
 */
public class Die implements PoolTask {

    @Override
    public String apply(String input) throws Exception {
        String[] parts = input.split("\\|");
        Files.writeString(Path.of(parts[0]), Long.toString(ProcessHandle.current().pid()));
        int code = Integer.parseInt(parts[2]);
        if (parts[1].equals("halt")) {
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
        return "still alive after System.exit";
    }
}
