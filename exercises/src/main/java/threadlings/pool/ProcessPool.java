package threadlings.pool;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import threadlings.support.Jvm;

/**
 * A pool of reusable worker processes: Java's counterpart of Python's {@code multiprocessing.Pool}.
 *
 * <p>The lesson's example, in Java: a pool of 4 workers and 5 tasks that each sleep a while. The first four
 * start at once; the fifth waits until one of them has finished, then runs in the worker that became free.
 *
 * <pre>{@code
 * try (ProcessPool pool = new ProcessPool(4)) {
 *     List<CompletableFuture<String>> results = new ArrayList<>();
 *     for (int i = 0; i < 5; i++) {
 *         results.add(pool.submit(LongTimeTask.class, String.valueOf(i)));
 *     }
 *     for (CompletableFuture<String> r : results) {
 *         System.out.println(r.get());
 *     }
 * } // close(): waits for the tasks, then stops the workers
 * }</pre>
 *
 * <p>Starting a JVM costs a lot of time (tens of milliseconds or more); a pool pays it once, in the constructor,
 * and then hands every task to one of the same few processes. A task is a {@link PoolTask} class (its name
 * travels, not the object): the worker loads the class, creates an instance with its public no-argument
 * constructor and calls {@code apply(input)}.
 *
 * <h2>Your task</h2>
 * Fill in every method below. You need one more class: <b>the worker's main class</b>, the program every worker
 * JVM runs. Write it yourself, for example as a nested {@code public static final class Worker} with a
 * {@code public static void main(String[] args)} in this file, and start each worker with
 * {@code new ProcessBuilder(Jvm.command(Worker.class)).start()} ({@link Jvm} is given). Then:
 *
 * <ol>
 *   <li><b>Talk over the worker's stdin and stdout.</b> The pool writes a request (the task class's name and the
 *       input) to the worker's stdin ({@link Process#getOutputStream()}); the worker runs it and writes a reply
 *       (the result, or what the task threw) to its stdout ({@link Process#getInputStream()}).</li>
 *   <li><b>Frame every text so any string survives.</b> Inputs and results can be anything: empty, many lines,
 *       any Unicode, a mebibyte long. Newlines cannot mark the end of a text that may hold newlines. Send each
 *       text as its length in bytes (4 bytes, {@code DataOutputStream.writeInt}) and then its UTF-8 bytes; read
 *       it back with {@code readInt} and exactly that many bytes. Flush after each request and each reply.</li>
 *   <li><b>Keep the worker's stdout for the protocol.</b> Tasks print (the lesson's tasks say "Run task 3...").
 *       If their prints reach the worker's stdout, they land in the middle of your replies. In the worker's
 *       {@code main}, before running any task, keep a stream on the real stdout for your replies
 *       ({@code new FileOutputStream(FileDescriptor.out)}) and point {@code System.out} elsewhere
 *       ({@code System.setOut(System.err)}). Let the worker's stderr go somewhere nobody has to read:
 *       {@code redirectError(ProcessBuilder.Redirect.INHERIT)} sends it where this JVM's own output goes.</li>
 *   <li><b>One task at a time per worker; waiting tasks in order.</b> Put submitted tasks in one shared queue
 *       (a {@code LinkedBlockingQueue}), and give each worker a thread of its own that takes the next task,
 *       sends it, waits for the reply, completes the task's future, and only then takes another. Then at most
 *       {@code workers} tasks run at once, a waiting task starts as soon as any worker is free, and tasks start in
 *       the order they were submitted. (Handing tasks to workers in turn, round robin, makes a task wait for
 *       one particular busy worker while another sits idle.)</li>
 *   <li><b>A dead worker fails its task, and is replaced.</b> A task may end its whole worker
 *       ({@code System.exit}, {@code Runtime.halt}, a crash). The worker's stdout then ends before the reply:
 *       fail that task's future with a {@link PoolTaskException}, start a new worker in its place, and go on
 *       with the next task. A worker may also die while it waits for work: notice that too (check now and then
 *       that {@link Process#isAlive()}), so that within 5 seconds {@link #workerPids()} again lists
 *       {@code workers} live processes.</li>
 *   <li><b>close() lets the work finish.</b> It refuses new tasks at once, waits until every task already
 *       submitted has finished, then stops each worker (close its stdin: the worker's read sees the end and it
 *       exits; kill it if it does not) and waits until they have exited.</li>
 * </ol>
 *
 * <p>The worker runs the task like this: {@code Class.forName(name)}, {@code getDeclaredConstructor()
 * .newInstance()}, cast to {@link PoolTask}, {@code apply(input)}. If anything is thrown, reply with a failure
 * that names the exception's class and message ({@code e.toString()} does both), and the pool fails the future
 * with a {@link PoolTaskException} whose message holds that text. The worker lives on to run the next task.
 */
public final class ProcessPool implements AutoCloseable {

    /**
     * Starts {@code workers} worker JVMs, all at once (do not wait for one to be ready before starting the next),
     * and whatever threads feed them.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IOException if a worker JVM cannot be started
     */
    public ProcessPool(int workers) throws IOException {
        throw new UnsupportedOperationException("TODO start the worker JVMs and a dispatcher thread for each");
    }

    /**
     * Queues {@code task.apply(input)} to run in a worker, and returns at once. The future completes with what
     * {@code apply} returned, exactly; or fails with a {@link PoolTaskException} if {@code apply} threw (the
     * message names the exception's class and holds its message) or if the worker died while running it.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public CompletableFuture<String> submit(Class<? extends PoolTask> task, String input) {
        throw new UnsupportedOperationException("TODO queue the task; a worker's thread will run it");
    }

    /**
     * The pids of the current worker processes: {@code workers} of them, the same ones for as long as they live;
     * a dead worker's pid is replaced by its successor's.
     */
    public List<Long> workerPids() {
        throw new UnsupportedOperationException("TODO the pid of each current worker process");
    }

    /**
     * Refuses new tasks, waits until every task submitted so far has finished, then stops every worker and
     * returns once they have exited. A second call does nothing. (No {@code throws InterruptedException}: if the
     * waiting thread is interrupted, keep waiting and set its interrupt flag again before returning.)
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO no new tasks; wait for the queued ones; stop the workers");
    }
}
