package threadlings.ipc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import threadlings.grading.Processes;

/**
 * The child JVMs a test started, and the threads that read their output: use it in try-with-resources. When the
 * test ends, however it ends, every process this JVM still runs is killed.
 */
final class Children implements AutoCloseable {

    private static final Duration KILL = Duration.ofSeconds(10);

    /** A stream read to its end on a daemon thread, into memory. */
    static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in, String name) {
            thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // The process was killed: what was read is all there is.
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits up to {@code limit} for the end of the stream; true if it came. */
        boolean awaitEnd(Duration limit) throws InterruptedException {
            thread.join(Math.max(1, limit.toMillis()));
            return !thread.isAlive();
        }

        int size() {
            synchronized (bytes) {
                return bytes.size();
            }
        }

        byte[] bytes() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    private final List<Drain> drains = new ArrayList<>();

    /** Starts reading {@code in} to its end. */
    Drain drain(InputStream in, String name) {
        Drain d = new Drain(in, name);
        drains.add(d);
        return d;
    }

    @Override
    public void close() throws InterruptedException {
        Processes.killAll(ProcessHandle.current().children().collect(Collectors.toList()), KILL);
    }
}
