package threadlings.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/**
 * The pools and temporary folders a test used, cleaned up when the test ends however it ends: use it in
 * try-with-resources. Each pool is closed (with a time limit: a broken close() must not stall the test), then every
 * process this JVM still runs is killed, then the folders are deleted.
 */
final class Cleanup implements AutoCloseable {

    /** How long a constructor that starts a few JVMs may take, on a busy machine. */
    static final Duration START = Duration.ofSeconds(20);
    private static final Duration CLOSE = Duration.ofSeconds(5);
    private static final Duration KILL = Duration.ofSeconds(10);

    private final List<ProcessPool> pools = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    /** {@code new ProcessPool(workers)}, within {@link #START}; closed when the test ends. */
    ProcessPool pool(int workers) throws Exception {
        ProcessPool pool = Deadline.call(START, "new ProcessPool(" + workers + ")", () -> new ProcessPool(workers));
        pools.add(pool);
        return pool;
    }

    /** A new temporary folder, deleted with everything in it when the test ends. */
    Path folder() throws IOException {
        Path dir = Files.createTempDirectory("threadlings-pool-");
        folders.add(dir);
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        for (ProcessPool pool : pools) {
            try {
                Deadline.run(CLOSE, "close()", pool::close);
            } catch (Throwable e) {
                // The test has said what went wrong, if anything did; here we only tidy up.
            }
        }
        Processes.killAll(ProcessHandle.current().children().collect(Collectors.toList()), KILL);
        for (Path dir : folders) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A temporary file left behind is harmless.
            }
        }
    }
}
