package threadlings.threads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The child JVM that {@link DebuggedRun} watches: it makes one call into the student's {@link Threads} from its
 * main thread, between two marker methods the debugger stops at, and writes what came of it to a file.
 *
 * <pre>
 *   WatchedMain FILE start NAME    startNamed(NAME, body); then the name the body read ("" if it never ran)
 *   WatchedMain FILE loop NAME N   loop(NAME, N); then the records, one per line
 * </pre>
 *
 * The file's first line is "ok", or "threw" and the exception. Every wait is bounded and the child ends with
 * {@code System.exit}, so a thread the student left running cannot keep it alive.
 */
public final class WatchedMain {

    /** How long the child waits for the thread startNamed started, at most. */
    static final long JOIN_MILLIS = 10_000;

    private WatchedMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        List<String> lines = new ArrayList<>();
        try {
            if (args[1].equals("start")) {
                AtomicReference<String> seen = new AtomicReference<>("");
                calling();
                Thread thread = Threads.startNamed(args[2], () -> seen.set(Thread.currentThread().getName()));
                returned(thread);
                if (thread != null && thread.getState() != Thread.State.NEW) {
                    thread.join(JOIN_MILLIS);
                }
                lines.add("ok");
                lines.add(seen.get());
            } else {
                calling();
                List<String> records = Threads.loop(args[2], Integer.parseInt(args[3]));
                returned(records);
                lines.add("ok");
                if (records != null) {
                    lines.addAll(new ArrayList<>(records));
                }
            }
        } catch (Throwable t) {
            lines.clear();
            lines.add("threw " + t);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        System.exit(0);
    }

    /** Called just before the call into the student's code: from here the debugger watches thread starts. */
    static void calling() {
        // Empty: the debugger's breakpoint here is the point.
    }

    /** Called with what the student's method returned, the moment it returned: the debugger stops here too. */
    static void returned(Object value) {
        // Empty: the debugger's breakpoint here is the point.
    }
}
