package threadlings.spawn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import threadlings.support.Jvm;

/**
 * Process ids, and a parent that starts children: Java's counterpart of {@code os.getpid()},
 * {@code os.getppid()} and a loop of {@code fork()}s.
 *
 * <p>Reference solution. What matters:
 * <ul>
 *   <li>Every child is started before the first wait: started and waited for one by one, the children would run
 *       one after another, not at the same time.</li>
 *   <li>A failing child is remembered, not thrown at once: the others are still waited for, so no child is left
 *       running when the exception leaves.</li>
 * </ul>
 */
public final class Spawner {

    private Spawner() {
    }

    /** The id of the process running this code. */
    public static long currentPid() {
        return ProcessHandle.current().pid();
    }

    /** The id of this process's parent, or {@code -1} when the OS shows none. */
    public static long parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /**
     * Starts {@code count} child JVMs running {@code mainClass.main(args)}, all running at the same time, waits
     * until every one has exited, and returns their pids in the order they were started.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws IllegalStateException once every child has exited, if one of them exited with a non-zero code
     */
    public static List<Long> spawnAll(int count, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        if (count < 0) { // MUTANT: zero children allowed
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        Objects.requireNonNull(mainClass, "mainClass");
        // The children share this JVM's console, as forked children share their parent's terminal.
        ProcessBuilder builder = new ProcessBuilder(Jvm.command(mainClass, args)).inheritIO();
        List<Process> children = new ArrayList<>(count);
        boolean allExited = false;
        try {
            for (int i = 0; i < count; i++) {
                children.add(builder.start());
            }
            // Only now wait: every child is already running. The first failure is remembered, not thrown, so that
            // the others are still waited for.
            Process failed = null;
            for (Process child : children) {
                if (child.waitFor() != 0 && failed == null) {
                    failed = child;
                }
            }
            allExited = true;
            if (failed != null) {
                throw new IllegalStateException("child process " + failed.pid() + " exited with code "
                        + failed.exitValue());
            }
            return children.stream().map(Process::pid).collect(Collectors.toList());
        } finally {
            // Leaving early (a start failed, or the wait was interrupted): leave no child running behind us.
            if (!allExited) {
                children.forEach(Process::destroyForcibly);
            }
        }
    }
}
