package threadlings.process;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import threadlings.support.Jvm;

/**
 * A child process that you start, wait for and stop: Java's counterpart of Python's
 * {@code multiprocessing.Process}.
 *
 * <p>In Python you write {@code p = Process(target=work, args=('x',)); p.start(); p.join()}. Java cannot copy
 * the running program with {@code fork()}, so here the child is a new JVM running another class's {@code main}:
 * {@code new ChildProcess(Work.class, "x")} runs {@code Work.main(new String[] {"x"})} in a process of its own.
 *
 * <h2>Your task</h2>
 * Fill in every method below. Build the child with
 * {@code new ProcessBuilder(Jvm.command(mainClass, args))} ({@link Jvm} is given: it starts the same
 * {@code java} with the same classpath as the JVM you are in) and keep the {@link Process} it returns. Beyond
 * that, three things matter, and the graders check each of them:
 *
 * <ol>
 *   <li><b>Read the child's output while it runs.</b> A started child's stdout and stderr are OS pipes into
 *       this JVM, and a pipe holds only a little data (about 64 KiB on Linux, less elsewhere). When it is full,
 *       the child's next {@code write} blocks until somebody reads. If you read the output only after the child
 *       has exited, a child that writes more than a pipe holds never exits: it waits for you to read, while you
 *       wait for it to exit. So in {@link #start()}, merge stderr into stdout
 *       ({@link ProcessBuilder#redirectErrorStream(boolean) redirectErrorStream(true)}: one pipe, in the order the
 *       child wrote) and start a thread that copies {@link Process#getInputStream()} into a buffer until the
 *       end of the stream. Make it a daemon thread, so that a child that never ends does not keep this JVM
 *       alive.</li>
 *   <li><b>A join finishes only when the output is complete.</b> The child exiting and your thread reading its
 *       last bytes are two different moments. {@link #join()} must wait for both, so that {@link #output()}
 *       called right after it holds everything the child wrote.</li>
 *   <li><b>Stop the whole family.</b> A child can start processes of its own. {@link #terminate()} kills them
 *       too, and kills them <em>first</em> ({@link Process#descendants()}, the deepest ones before their
 *       parents): when a process dies, its children are adopted by another process, stop being its descendants,
 *       and you could no longer find them. Then kill the child itself and wait until it has exited.</li>
 * </ol>
 *
 * <p>Keep the collected output as bytes and decode them all at once, as UTF-8: a character's bytes may arrive
 * split between two reads, and decoding each read on its own would break it in two.
 *
 * <p>The methods may be called from different threads (one thread joins while another terminates, for
 * example), so make the fields that {@link #start()} sets visible to them.
 */
public final class ChildProcess {

    /**
     * A child that will run {@code mainClass.main(args)} in a new JVM once {@link #start()} is called. Starts
     * nothing yet.
     */
    public ChildProcess(Class<?> mainClass, String... args) {
        throw new UnsupportedOperationException("TODO remember the command: Jvm.command(mainClass, args)");
    }

    /**
     * Starts the child JVM, with its stderr merged into its stdout, and a daemon thread that collects that output
     * while the child runs.
     *
     * @throws IllegalStateException if this child was already started (a process is started once, as in Python)
     * @throws IOException if the JVM cannot be started
     */
    public void start() throws IOException {
        throw new UnsupportedOperationException("TODO start the process and a thread that drains its output");
    }

    /**
     * The child's process id, as the OS knows it.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public long pid() {
        throw new UnsupportedOperationException("TODO the started process's pid");
    }

    /** True while the child runs; {@code false} before {@link #start()} and once it has exited. */
    public boolean isAlive() {
        throw new UnsupportedOperationException("TODO false before start, else whether the process is alive");
    }

    /**
     * Waits until the child has exited <em>and</em> its output has been read to the end, then returns its exit
     * code (what it passed to {@code System.exit}, 0 if it just returned from {@code main}).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public int join() throws InterruptedException {
        throw new UnsupportedOperationException("TODO wait for the process, then for the output thread");
    }

    /**
     * Like {@link #join()}, but waits at most {@code timeout} in all: returns the exit code if the child has
     * exited (and its output has been read) within it, or an empty {@code OptionalInt} once {@code timeout} has
     * passed with the child still running. Never returns empty before the time is up, and never waits much
     * longer.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public OptionalInt join(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("TODO wait at most timeout (Process.waitFor(long, TimeUnit))");
    }

    /**
     * Kills the child and every process it started, descendants first (deepest first), so that none escapes by
     * being adopted; then waits until the child itself has exited before returning. Descendants may take a
     * moment longer to vanish. Does nothing if the child was never started or is no longer alive.
     *
     * <p>There is no {@code throws InterruptedException} here: if the waiting thread is interrupted, keep waiting
     * and set its interrupt flag again before returning.
     */
    public void terminate() {
        throw new UnsupportedOperationException("TODO kill the descendants, then the child, then wait for it");
    }

    /**
     * Everything the child has written to stdout and stderr so far, decoded as UTF-8; once {@link #join()} has
     * returned, all of it. Empty before {@link #start()}.
     */
    public String output() {
        throw new UnsupportedOperationException("TODO decode the collected bytes as UTF-8");
    }
}
