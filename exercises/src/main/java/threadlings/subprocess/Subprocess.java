package threadlings.subprocess;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs another program, feeds it its input and collects what it writes: Java's counterpart of Python's
 * {@code subprocess.run(command, input=data, capture_output=True, timeout=seconds)}, the way
 * {@code Popen.communicate()} does it.
 *
 * <p>A program started with {@code new ProcessBuilder(command).start()} is joined to this JVM by three OS pipes:
 * you write its stdin through {@link Process#getOutputStream()}, and read its stdout and stderr through
 * {@link Process#getInputStream()} and {@link Process#getErrorStream()}. The command is a list of words, the
 * program first, with no shell in between: {@code List.of("git", "status")}.
 *
 * <h2>Your task</h2>
 * Fill in {@link #run}. Four things matter, and the graders check each of them:
 *
 * <ol>
 *   <li><b>Never wait on one pipe while the program waits on another.</b> A pipe holds only a little data (about
 *       64 KiB on Linux, less elsewhere); when it is full, whoever writes to it blocks until someone reads. So a
 *       single thread doing the jobs one after another deadlocks with some program, whatever the order:
 *       <ul>
 *         <li>write all the input, then read: a program that echoes its input fills its stdout pipe and stops
 *             reading, and your write blocks on its full stdin pipe;</li>
 *         <li>read stdout to its end, then stderr: a program that first writes much to stderr blocks on that full
 *             pipe and never writes (or ends) its stdout, for which you wait.</li>
 *       </ul>
 *       Do the three jobs at the same time: one thread writes stdin, one reads stdout, one reads stderr, each
 *       into a buffer of its own (a {@link java.io.ByteArrayOutputStream}); this thread waits. Keep stdout and
 *       stderr apart (do not merge them with {@code redirectErrorStream}), and keep the bytes as they are.</li>
 *   <li><b>Close stdin once the input is written.</b> Many programs read their input to its end before they
 *       answer; the end comes only when you close the stream, even when the input is empty. A program may also
 *       exit without reading all its input: writing to it then fails with an {@link IOException} ("Broken
 *       pipe"), which is not an error of {@code run}: ignore it.</li>
 *   <li><b>Wait with a time limit, and clean up after it.</b> Wait at most {@code timeout}
 *       ({@link Process#waitFor(long, java.util.concurrent.TimeUnit)}). If the program still runs then, kill it
 *       and every process it started, each process's children before the process itself
 *       ({@link ProcessHandle#destroyForcibly()}): walk down from the program with
 *       {@link ProcessHandle#children()}, or take {@link Process#descendants()} before killing anything and kill
 *       the deepest first. (Kill a parent first and its children are adopted by another process: they are no
 *       longer its descendants, and you could not find them any more.) Then wait for the program to exit
 *       ({@link Process#waitFor()}), and return what the readers had read, with {@code timedOut} set. If this
 *       thread is interrupted while it waits, kill them all the same before the {@link InterruptedException}
 *       leaves.</li>
 *   <li><b>Say which program could not start.</b> If {@code start()} fails, throw an {@link IOException} whose
 *       message holds the program's name, {@code command.get(0)}.</li>
 * </ol>
 *
 * <p>The result's output is complete only once the reading threads have reached the end of their streams: after
 * the program has exited, wait for them too ({@link Thread#join()}), within what is left of the timeout.
 */
public final class Subprocess {

    /**
     * What a run gave: the program's exit code, everything it wrote to stdout and to stderr (separately, byte for
     * byte), and whether it was killed for running past its timeout (then {@code stdout} and {@code stderr} hold
     * what had been read until it was killed, and {@code exitCode} is whatever the killed program's is).
     */
    public record Result(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut) {
    }

    private Subprocess() {
    }

    /**
     * Runs {@code command}, writes {@code input} to its stdin and then closes stdin, collects its stdout and
     * stderr completely and separately, and waits for it to exit. If it still runs after {@code timeout}, kills
     * it and every process it started, and returns with {@code timedOut} set. Returns only once the program (and,
     * after a timeout, the processes it started) have exited or been killed.
     *
     * @param command the program and its arguments, no shell: {@code List.of("sort", "-r")}
     * @param input the bytes to write to the program's stdin (may be empty); a program that exits without
     *        reading all of them is not an error
     * @throws IOException if the program cannot be started; the message names {@code command.get(0)}
     * @throws InterruptedException if this thread is interrupted while it waits (the program is killed first)
     */
    public static Result run(List<String> command, byte[] input, Duration timeout)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO start the program; write stdin, read stdout, read stderr"
                + " on three threads; wait at most timeout");
    }
}
