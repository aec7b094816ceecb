package threadlings.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import threadlings.support.Jvm;

/**
 * A child JVM that you start, wait for and stop: Java's counterpart of Python's
 * {@code multiprocessing.Process(target=main, args=args)}.
 *
 * <p>Reference solution. The three things that make it more than a wrapper around {@link Process}:
 * <ul>
 *   <li>The child's output is drained <em>while it runs</em>, on a thread of its own. An OS pipe holds only about
 *       64 KiB; a child that writes more than that to a pipe nobody reads blocks in {@code write()} for ever,
 *       and a parent waiting for it to exit waits for ever too.</li>
 *   <li>A join completes only once that thread has read the output to its end, so {@link #output()} is complete
 *       after a join has returned the exit code.</li>
 *   <li>{@link #terminate()} kills the child's descendants before the child: once the child is dead its children
 *       are adopted by another process, stop being its descendants, and could no longer be found.</li>
 * </ul>
 */
public final class ChildProcess {

    private final List<String> command;

    /** Everything the child wrote to stdout and stderr (merged), as bytes; its own methods are synchronized. */
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();

    // Set once by start(); volatile so that other threads calling join, isAlive, output or terminate see them.
    private volatile Process process;
    private volatile Thread drainer;

    /** A child that will run {@code mainClass.main(args)} in a new JVM once {@link #start()} is called. */
    public ChildProcess(Class<?> mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        this.command = Jvm.command(mainClass, args.clone());
    }

    /**
     * Starts the child JVM and the thread that collects its output.
     *
     * @throws IllegalStateException if already started
     * @throws IOException if the JVM cannot be started
     */
    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("this child process was already started (pid " + process.pid() + ")");
        }
        Process started = new ProcessBuilder(command)
                // MUTANT: stderr stays a separate pipe, and nothing reads it.
                .start();
        // Nothing is ever sent to the child: close its stdin so that a child that reads it sees the end at once.
        started.getOutputStream().close();
        Thread thread = new Thread(() -> drain(started.getInputStream()), "output of child " + started.pid());
        thread.setDaemon(true); // a child that never ends must not keep this JVM alive
        process = started;
        drainer = thread;
        thread.start();
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                collected.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The stream was closed under us (the child was killed): what was read so far is all there is.
        }
    }

    /** The child's process id. @throws IllegalStateException before {@link #start()} */
    public long pid() {
        return started().pid();
    }

    /** True while the child runs; false before {@link #start()} and after it has exited. */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * Waits until the child has exited and its output has been read to the end; returns its exit code.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public int join() throws InterruptedException {
        Process p = started();
        int code = p.waitFor();
        drainer.join();
        return code;
    }

    /**
     * Like {@link #join()}, waiting at most {@code timeout} in all: the exit code, or empty if the child is still
     * running (or its last output is still being read) when the time is up.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public OptionalInt join(Duration timeout) throws InterruptedException {
        Process p = started();
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return OptionalInt.empty();
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(drainer, left);
        }
        return drainer.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
    }

    /**
     * Kills the child and every process it started, deepest first, then waits for the child to exit. No-op if the
     * child was never started or has already exited.
     */
    public void terminate() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        // One snapshot of the whole tree, killed from the leaves up: a process whose parent is already dead has
        // been adopted elsewhere, and a later look for the child's descendants would miss it.
        List<ProcessHandle> descendants = p.descendants().collect(Collectors.toList());
        descendants.sort(Comparator.comparingInt((ProcessHandle h) -> depthBelow(p.pid(), h)).reversed());
        descendants.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        // The contract has no InterruptedException here: wait anyway, and keep the interrupt for the caller.
        boolean interrupted = false;
        while (true) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many parent steps lead from {@code h} up to {@code ancestor} (1 for a child); bounded. */
    private static int depthBelow(long ancestor, ProcessHandle h) {
        int depth = 1;
        for (Optional<ProcessHandle> parent = h.parent();
                parent.isPresent() && parent.get().pid() != ancestor && depth < 64;
                parent = parent.get().parent()) {
            depth++;
        }
        return depth;
    }

    /**
     * All the child wrote to stdout and stderr so far, decoded as UTF-8; after a join has returned the exit code,
     * all of it. Empty before {@link #start()}.
     */
    public String output() {
        // Decode all the collected bytes at once: decoding each read on its own would cut the characters whose
        // UTF-8 bytes happen to be split between two reads.
        return collected.toString(StandardCharsets.UTF_8);
    }

    private Process started() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("the child process has not been started: call start() first");
        }
        return p;
    }
}
