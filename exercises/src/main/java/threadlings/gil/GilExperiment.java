package threadlings.gil;

import java.io.IOException;
import java.time.Duration;

/**
 * The lesson's experiment: the same CPU-bound interpreter, run by several threads under one GIL, and by several
 * processes with a GIL each. Your task: write {@link #threads(int, Duration)} and
 * {@link #processes(int, Duration)} (after {@link Gil}).
 *
 * <h2>The lesson</h2>
 *
 * <p>Run N threads that compute without pause on a machine with N cores, and watch {@code top}: Java threads reach
 * N × 100 % (the {@code cores} topic), CPython threads stay near 100 %, one core, because they take turns holding
 * the GIL. The way out in Python is processes: each one is a whole interpreter with its own GIL, so N processes
 * reach N × 100 %. Here {@link Interpreter#run} plays the CPython interpreter, and your {@link Gil} its lock.
 *
 * <h2>The task</h2>
 *
 * <ul>
 *   <li>{@code threads(threads, duration)}: create <em>one</em> {@code new Gil(100)}, start {@code threads}
 *       threads that each call {@code Interpreter.run(thatGil, duration)} (start them all before waiting for any),
 *       wait for all of them, and return what each call returned: element {@code i} for thread {@code i}.</li>
 *   <li>{@code processes(processes, duration)}: start {@code processes} child JVMs, all running at the same time;
 *       each runs one interpreter, {@code Interpreter.run(new Gil(100), duration)}, and reports how many bytecodes
 *       it executed. Wait for every child to exit and return their counts, element {@code i} for child
 *       {@code i}. If a child fails (a non-zero exit code, a report that is not a number), throw an exception
 *       ({@link IllegalStateException} or {@link IOException}) that says which child and why.</li>
 * </ul>
 *
 * <p>A child JVM needs a class with a {@code main} method to run, and none is given: write one yourself, either a
 * {@code public static void main(String[] args)} in this class or a small class of its own in this package.
 * {@link threadlings.support.Jvm#command(Class, String...)} builds the command that starts it; pass it the duration
 * as an argument (in milliseconds, say). The simplest report is the count printed on the child's standard output,
 * which the parent reads from {@link Process#getInputStream()} once the child has exited (one short line always
 * fits in the pipe). Let the child's standard error go to yours ({@code ProcessBuilder.Redirect.INHERIT}), so that
 * its errors show. Bound your waits ({@link Process#waitFor(long, java.util.concurrent.TimeUnit)}) and kill any
 * child still running when you give up: no child may outlive the call.
 *
 * <h2>How it is graded</h2>
 *
 * <p>For {@code threads}, the graders check that all the threads run {@code Interpreter.run} at the same time and
 * that no two of them ever execute a bytecode at the same moment (the given interpreter counts such moments), which
 * holds only if they share one Gil. For {@code processes}, they check that the children are child JVMs running at
 * the same time, one count each. And they measure the CPU both use, against what this machine gives spinning
 * threads in the same run: threads under one GIL about one core at most, processes every core. Those two
 * measurements are published with the results; on a single core, or a machine too busy to tell one core from
 * several, they are skipped and say why.
 */
public final class GilExperiment {

    private GilExperiment() {
    }

    /**
     * Runs {@code threads} interpreter threads at the same time, all under one shared {@code Gil(100)}, for about
     * {@code duration}, and returns once all have finished.
     *
     * @param threads  how many interpreter threads; at least 1
     * @param duration how long each one runs
     * @return element {@code i}: how many bytecodes thread {@code i} executed
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static long[] threads(int threads, Duration duration) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: one Gil(100), threads threads each running "
                + "Interpreter.run under it, all started before any is joined; return their counts");
    }

    /**
     * Runs {@code processes} child JVMs at the same time, each running one interpreter thread under a
     * {@code Gil(100)} of its own for about {@code duration}, and returns once all have exited.
     *
     * @param processes how many child JVMs; at least 1
     * @param duration  how long each one runs its interpreter
     * @return element {@code i}: how many bytecodes child {@code i} executed
     * @throws IOException          if a child cannot be started, or its report cannot be read
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static long[] processes(int processes, Duration duration) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO: start every child JVM (a main class of your own running "
                + "Interpreter.run under its own Gil(100)), then wait for each and read its count");
    }
}
