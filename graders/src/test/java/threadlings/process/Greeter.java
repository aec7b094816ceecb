package threadlings.process;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A child for the graders: writes {@link #GREETING} to stdout, then sleeps {@code args[0]} ms (at most 60 s). */
public final class Greeter {

    static final String GREETING = "hello from a child that is still running\n";

    private Greeter() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Echo.write(FileDescriptor.out, GREETING.getBytes(StandardCharsets.UTF_8));
        Thread.sleep(Math.min(Long.parseLong(args[0]), Sleeper.MAX_MILLIS));
    }
}
