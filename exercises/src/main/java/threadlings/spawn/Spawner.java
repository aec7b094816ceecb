package threadlings.spawn;

import java.io.IOException;
import java.util.List;
import threadlings.support.Jvm;

/**
 * Every process has an id, and every process but the first was started by a parent: Java's counterpart of
 * Python's {@code os.getpid()}, {@code os.getppid()} and a parent that starts several children.
 *
 * <p>On Unix a process makes a child with {@code fork()}: the OS copies the running process, and the call returns
 * twice, in the parent with the child's id, in the child with 0. The child finds its parent with
 * {@code getppid()}. Java cannot copy a running JVM, so here a child is a <em>new</em> JVM that runs some class's
 * {@code main}: {@link Jvm#command(Class, String...)} (given) builds the command line that starts one with this
 * JVM's {@code java} and classpath, and {@link ProcessBuilder} starts it. Every process, a child JVM included,
 * learns its own id and its parent's through {@link ProcessHandle#current()}.
 *
 * <h2>Your task</h2>
 * Fill in the three methods. For {@link #spawnAll}, two things matter, and the graders check both:
 *
 * <ol>
 *   <li><b>The children run at the same time.</b> Start every child first, keeping each {@link Process} in a
 *       list, and only then wait for them ({@link Process#waitFor()}). If you wait for each child right after
 *       starting it, the next one starts only when the previous one has finished: the children run one after
 *       another, and starting processes gains nothing. (The graders' children record when they ran, and check
 *       that all of them were running at one moment.)</li>
 *   <li><b>A failing child does not stop the waiting.</b> A child "fails" when it exits with a non-zero exit
 *       code ({@code waitFor()} returns it; a JVM whose {@code main} threw exits with 1). Then
 *       {@code spawnAll} throws an {@link IllegalStateException} whose message holds that child's pid and its
 *       exit code, but only <em>after</em> every child has exited: remember the failure, wait for the rest,
 *       then throw. Thrown earlier, it would leave the other children running with nobody waiting for them.</li>
 * </ol>
 *
 * <p>The children's output does not matter here (the graders' children report through files): let them share
 * this JVM's console with {@link ProcessBuilder#inheritIO()}, or discard it. Do not leave their stdout in a pipe
 * that nobody reads, though: a child that prints more than a pipe holds would block for ever.
 */
public final class Spawner {

    private Spawner() {
    }

    /** The id of the process running this code (Python: {@code os.getpid()}). */
    public static long currentPid() {
        throw new UnsupportedOperationException("TODO the pid of ProcessHandle.current()");
    }

    /**
     * The id of the parent of the process running this code (Python: {@code os.getppid()}), or {@code -1} when
     * the OS shows none. In a child started by {@link #spawnAll}, that is the pid of the JVM that called it.
     */
    public static long parentPid() {
        throw new UnsupportedOperationException("TODO ProcessHandle.current().parent(): its pid, or -1 if empty");
    }

    /**
     * Starts {@code count} child JVMs, each running {@code mainClass.main(args)} (every child gets the same
     * {@code args}), so that all of them run at the same time; waits until every one has exited; and returns
     * their pids in the order they were started.
     *
     * @throws IllegalArgumentException if {@code count < 1}; then no process is started
     * @throws IllegalStateException if a child exited with a non-zero code: thrown once every child has exited,
     *         with a message that holds that child's pid and its exit code
     * @throws IOException if a child JVM cannot be started
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static List<Long> spawnAll(int count, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO start every child (Jvm.command), then wait for each one");
    }
}
