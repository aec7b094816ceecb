package threadlings.subprocess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs another program, feeds it its input, and collects what it writes: Java's counterpart of Python's
 * {@code subprocess.run(command, input=..., capture_output=True, timeout=...)}.
 *
 * <p>Reference solution. A program is joined to us by three pipes, each holding only a little data (about 64 KiB
 * on Linux), and a pipe that is full blocks its writer until someone reads. Whatever order one thread did the three
 * jobs in, some program would block on a full pipe while that thread waits on another: one that echoes its input
 * fills stdout while we are still writing stdin; one that writes much to stderr first fills stderr while we wait for
 * stdout. So each pipe gets a thread of its own, and this thread only waits.
 */
public final class Subprocess {

    /** After a kill, how long the readers may take to read what is left in the pipes. */
    private static final long DRAIN_MILLIS = 1000;

    /**
     * What a run gave: the exit code, all the program wrote to stdout and to stderr (separately), and whether it
     * was killed for running past its timeout (then the outputs hold what was read until then).
     */
    public record Result(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut) {
    }

    private Subprocess() {
    }

    /**
     * Runs {@code command}, writes {@code input} to its stdin and closes it, collects stdout and stderr, and waits
     * for it to exit. Past {@code timeout}, kills it and every process it started, and returns with
     * {@code timedOut} set.
     *
     * @throws IOException if the program cannot be started; the message names {@code command.get(0)}
     */
    public static Result run(List<String> command, byte[] input, Duration timeout)
            throws IOException, InterruptedException {
        Objects.requireNonNull(input, "input");
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start() /* MUTANT */;
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread out = daemon("stdout of " + process.pid(), () -> drain(process.getInputStream(), stdout));
        Thread err = daemon("stderr of " + process.pid(), () -> drain(process.getErrorStream(), stderr));
        daemon("stdin of " + process.pid(), () -> feed(process.getOutputStream(), input));
        boolean finished = false;
        try {
            // Done when the program has exited and both outputs have been read to their end, all within the time.
            finished = process.waitFor(left(deadline), TimeUnit.NANOSECONDS)
                    && join(out, deadline) && join(err, deadline);
        } finally {
            if (!finished) {
                // Past the timeout, or interrupted while waiting: nothing of the program may outlive this call.
                killTree(process);
            }
        }
        // Once killed, the pipes end as their writers die; what they still hold is read to the end.
        out.join(DRAIN_MILLIS);
        err.join(DRAIN_MILLIS);
        return new Result(process.exitValue(), stdout.toByteArray(), stderr.toByteArray(), !finished);
    }

    /** Writes the whole input, then closes stdin, so that a program reading to the end of its input sees the end. */
    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The program exited, or closed its stdin, without reading all of it: its choice, not an error.
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        try (in) {
            in.transferTo(into); // ByteArrayOutputStream's methods are synchronized: safe to read while it grows
        } catch (IOException e) {
            // The stream was closed under us as the program died: what was read is all there is.
        }
    }

    /** Kills every process {@code process} started, then the process itself, and waits for it to exit. */
    private static void killTree(Process process) throws InterruptedException {
        killDescendants(process.toHandle());
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Kills every process below {@code parent}, each one's children before itself. Killed first, a parent's children
     * would be adopted by another process: no longer its children, they could not be found any more.
     */
    private static void killDescendants(ProcessHandle parent) {
        for (ProcessHandle child : parent.children().collect(Collectors.toList())) {
            killDescendants(child);
            child.destroyForcibly();
        }
    }

    private static boolean join(Thread thread, long deadline) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedJoin(thread, left(deadline));
        return !thread.isAlive();
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true); // a program that never ends must not keep this JVM alive
        thread.start();
        return thread;
    }
}
