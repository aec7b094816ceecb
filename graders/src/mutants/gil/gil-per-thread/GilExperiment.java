package threadlings.gil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import threadlings.support.Jvm;

/**
 * Mutant: threads() gives every interpreter thread a Gil of its own: nothing keeps the threads
 * apart, and they run in parallel, as processes would.
 */
public final class GilExperiment {

    /** The interval CPython 2 used: a hand-over every 100 bytecodes. */
    static final int INTERVAL = 100;
    /** How long a child may take beyond {@code duration} (starting a JVM, a busy machine) before it is killed. */
    private static final Duration CHILD_GRACE = Duration.ofSeconds(30);

    private GilExperiment() {
    }

    /**
     * Runs {@code threads} interpreter threads at the same time, all under one shared {@code Gil(100)}, for about
     * {@code duration}, and returns once all have finished.
     *
     * @param threads  how many interpreter threads
     * @param duration how long each one runs
     * @return element {@code i}: how many bytecodes thread {@code i} executed
     * @throws IllegalStateException if an interpreter thread fails
     * @throws InterruptedException  if the calling thread is interrupted while it waits
     */
    public static long[] threads(int threads, Duration duration) throws InterruptedException {
        long[] counts = new long[threads];
        Throwable[] failures = new Throwable[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            workers[i] = new Thread(() -> {
                try {
                    counts[slot] = Interpreter.run(new Gil(INTERVAL), duration); // the mistake: a Gil each
                } catch (InterruptedException | RuntimeException e) {
                    failures[slot] = e;
                }
            }, "interpreter-" + i);
        }
        // Start them all first, then wait: start-join-start-join would run them one after another.
        for (Thread worker : workers) {
            worker.start();
        }
        for (int i = 0; i < threads; i++) {
            workers[i].join(); // also makes the thread's count (or failure) visible here
            if (failures[i] != null) {
                throw new IllegalStateException("interpreter thread " + i + " failed: " + failures[i], failures[i]);
            }
        }
        return counts;
    }

    /**
     * Runs {@code processes} child JVMs at the same time, each running one interpreter thread under a
     * {@code Gil(100)} of its own for about {@code duration}, and returns once all have exited.
     *
     * @param processes how many child JVMs
     * @param duration  how long each one runs its interpreter
     * @return element {@code i}: how many bytecodes child {@code i} executed
     * @throws IOException           if a child cannot be started, or its report cannot be read
     * @throws IllegalStateException if a child fails, or does not finish in time (it is then killed)
     * @throws InterruptedException  if the calling thread is interrupted while it waits (the children are then
     *                               killed)
     */
    public static long[] processes(int processes, Duration duration) throws IOException, InterruptedException {
        List<Process> children = new ArrayList<>();
        try {
            // Start every child first, then wait: they must all run at the same time.
            for (int i = 0; i < processes; i++) {
                children.add(new ProcessBuilder(Jvm.command(GilExperiment.class, Long.toString(duration.toMillis())))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start());
            }
            long[] counts = new long[processes];
            long deadline = System.nanoTime() + duration.plus(CHILD_GRACE).toNanos();
            for (int i = 0; i < processes; i++) {
                Process child = children.get(i);
                boolean exited = child.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                String report = exited ? readAll(child.getInputStream()).strip() : "";
                if (!exited || child.exitValue() != 0 || !report.matches("[0-9]+")) {
                    throw new IllegalStateException("child " + i + " (pid " + child.pid() + ") " + (exited
                            ? "exited with code " + child.exitValue() + ", reporting '" + report + "'"
                            : "did not finish within " + duration.plus(CHILD_GRACE).toSeconds() + " s"));
                }
                counts[i] = Long.parseLong(report);
            }
            return counts;
        } finally {
            // Normally every child has exited by now, and this does nothing; after a failure it kills the rest,
            // and waits, so that no child outlives the call.
            for (Process child : children) {
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * What each child JVM runs: one interpreter thread under a GIL of its own, for the milliseconds given as the
     * only argument; then it prints how many bytecodes it executed.
     *
     * @param args the duration in milliseconds
     * @throws InterruptedException never in practice: nothing interrupts the child's only thread
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(Interpreter.run(new Gil(INTERVAL), Duration.ofMillis(Long.parseLong(args[0]))));
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
