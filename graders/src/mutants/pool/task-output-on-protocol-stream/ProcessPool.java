package threadlings.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import threadlings.support.Jvm;

/**
 * A pool of reusable worker processes: Java's counterpart of Python's {@code multiprocessing.Pool}.
 *
 * <p>Reference solution. The pool starts its worker JVMs once, in the constructor, and talks to each one over the
 * worker's stdin (requests) and stdout (replies). The parts that matter:
 * <ul>
 *   <li><b>One shared queue, one dispatcher thread per worker.</b> Each dispatcher takes the next task from the
 *       queue, sends it to its own worker and waits for the reply before it takes another. So no worker ever runs
 *       two tasks at once, tasks wait in the order they were submitted, and a waiting task goes to whichever
 *       worker is free first.</li>
 *   <li><b>Framing.</b> Every text travels as its length (4 bytes) followed by its UTF-8 bytes, so any string
 *       survives, newlines and all; a reply starts with one tag byte that says result or failure.</li>
 *   <li><b>The protocol owns the worker's stdout.</b> The worker keeps the real stdout for replies and points
 *       {@code System.out} at stderr before it runs any task, so a task that prints cannot corrupt a reply. Its
 *       stderr is inherited: what tasks print shows up where this JVM's own output goes.</li>
 *   <li><b>Death is noticed and repaired.</b> A worker that dies mid-task leaves its stdout at end-of-file: the
 *       task's future fails and the dispatcher starts a new worker in its place. While idle, a dispatcher checks
 *       ten times a second that its worker still lives.</li>
 *   <li><b>close()</b> puts one stop marker per dispatcher at the end of the queue, so every task submitted before
 *       runs first; each dispatcher then closes its worker's stdin, which ends the worker, and close() waits for
 *       them all.</li>
 * </ul>
 */
public final class ProcessPool implements AutoCloseable {

    /** The first byte of a reply: what follows is the task's result. */
    static final int RESULT = 0;
    /** The first byte of a reply: what follows describes what the task threw. */
    static final int FAILURE = 1;

    /** How often an idle dispatcher checks that its worker still lives. */
    private static final long IDLE_CHECK_MILLIS = 100;
    /** How long a worker whose stdin was closed may take to exit before it is killed. */
    private static final long EXIT_GRACE_MILLIS = 3_000;

    /** A submitted task: the task class's name, its input, and the future its result goes to. */
    private record Job(String task, String input, CompletableFuture<String> result) {
    }

    /** Put at the end of the queue by close(), once for every dispatcher. */
    private static final Job STOP = new Job(null, null, null);

    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    /** Each dispatcher's current worker; an element is null only once its dispatcher has stopped. */
    private final AtomicReferenceArray<Connection> connections;
    private final List<Thread> dispatchers = new ArrayList<>();
    private final Object lock = new Object();
    private boolean closed; // guarded by lock

    /** A running worker process and the two streams to it. */
    private static final class Connection {
        final Process process;
        final DataOutputStream requests;
        final DataInputStream replies;

        Connection(Process process) {
            this.process = process;
            this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.replies = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        }
    }

    /**
     * Starts {@code workers} worker JVMs at once, and the threads that feed them.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IOException if a worker JVM cannot be started (those already started are stopped)
     */
    public ProcessPool(int workers) throws IOException {
        if (workers < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker, not " + workers);
        }
        connections = new AtomicReferenceArray<>(workers);
        // Start every JVM before waiting for any: they boot side by side.
        for (int i = 0; i < workers; i++) {
            try {
                connections.set(i, startWorker());
            } catch (IOException e) {
                for (int j = 0; j < i; j++) {
                    connections.get(j).process.destroyForcibly();
                }
                throw e;
            }
        }
        for (int i = 0; i < workers; i++) {
            int slot = i;
            Thread t = new Thread(() -> dispatch(slot), "process pool dispatcher " + i);
            t.setDaemon(true); // a pool nobody closed must not keep this JVM alive
            dispatchers.add(t);
            t.start();
        }
    }

    private static Connection startWorker() throws IOException {
        return new Connection(new ProcessBuilder(Jvm.command(Worker.class))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
    }

    /**
     * Runs {@code task.apply(input)} in a worker. The future completes with the result, or fails with a
     * {@link PoolTaskException} if the task threw or its worker died.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public CompletableFuture<String> submit(Class<? extends PoolTask> task, String input) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(input, "input");
        CompletableFuture<String> result = new CompletableFuture<>();
        synchronized (lock) { // so that no task can slip into the queue behind close()'s stop markers
            if (closed) {
                throw new IllegalStateException("the pool is closed: it takes no more tasks");
            }
            queue.add(new Job(task.getName(), input, result));
        }
        return result;
    }

    /** The pids of the current workers (none once the pool is closed). */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < connections.length(); i++) {
            Connection c = connections.get(i);
            if (c != null) {
                pids.add(c.process.pid());
            }
        }
        return pids;
    }

    /**
     * Takes no more tasks, waits until every task submitted so far has finished, then stops every worker and
     * returns once they have exited. Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                for (int i = 0; i < dispatchers.size(); i++) {
                    queue.add(STOP);
                }
            }
        }
        boolean interrupted = false;
        for (Thread t : dispatchers) {
            // A future's callback runs on the dispatcher that completed it, and may call close(): never wait for
            // oneself.
            while (t != Thread.currentThread() && t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // close() has no InterruptedException: keep waiting, keep the interrupt
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop of one dispatcher: next task, to my worker, wait for the reply; repair the worker when it dies. */
    private void dispatch(int slot) {
        Connection worker = connections.get(slot);
        try {
            for (Job job = next(); job != STOP; job = next()) {
                if (!worker.process.isAlive()) {
                    worker = replace(slot, worker); // it died while waiting for work
                }
                if (job != null) {
                    worker = run(slot, worker, job);
                }
            }
        } finally {
            stop(worker);
            connections.set(slot, null);
        }
    }

    /** The next job, or null if none came within {@link #IDLE_CHECK_MILLIS}; STOP if interrupted. */
    private Job next() {
        try {
            return queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return STOP; // nobody interrupts a dispatcher but the JVM going down
        }
    }

    /** Runs one job on {@code worker}; returns the worker to use next (a new one if this one died). */
    private Connection run(int slot, Connection worker, Job job) {
        try {
            writeText(worker.requests, job.task);
            writeText(worker.requests, job.input);
            worker.requests.flush();
            int tag = worker.replies.read();
            if (tag != RESULT && tag != FAILURE) {
                // -1: the worker's stdout ended, so the worker is dead. Anything else: something other than the
                // worker's reply code wrote to its stdout, and nothing it says can be trusted any more.
                throw new IOException(tag == -1 ? "its stdout ended" : "it sent a byte (" + tag + ") that starts no"
                        + " reply");
            }
            String text = readText(worker.replies);
            if (tag == RESULT) {
                job.result.complete(text);
            } else {
                job.result.completeExceptionally(new PoolTaskException(job.task + " failed in worker pid "
                        + worker.process.pid() + ": it threw " + text));
            }
            return worker;
        } catch (IOException e) {
            worker.process.destroyForcibly();
            awaitExit(worker.process, EXIT_GRACE_MILLIS);
            String exit = worker.process.isAlive() ? "" : ", exit code " + worker.process.exitValue();
            job.result.completeExceptionally(new PoolTaskException(job.task + " failed: its worker (pid "
                    + worker.process.pid() + exit + ") died or broke the protocol while running it ("
                    + e.getMessage() + "); a new worker takes its place", e));
            return replace(slot, worker);
        }
    }

    /**
     * Kills {@code old} (if it still runs) and starts a new worker in its slot. If no JVM can be started, the old
     * one stays in the slot, dead: the next task or idle check tries again, and a task meanwhile fails.
     */
    private Connection replace(int slot, Connection old) {
        old.process.destroyForcibly();
        try {
            Connection fresh = startWorker();
            connections.set(slot, fresh);
            return fresh;
        } catch (IOException e) {
            return old;
        }
    }

    /** Closes the worker's stdin, which ends its loop, and waits for it to exit; kills it if it does not. */
    private static void stop(Connection worker) {
        try {
            worker.requests.close();
        } catch (IOException e) {
            // It is already gone.
        }
        if (!awaitExit(worker.process, EXIT_GRACE_MILLIS)) {
            worker.process.destroyForcibly();
            awaitExit(worker.process, EXIT_GRACE_MILLIS);
        }
    }

    /** Waits up to {@code millis} for {@code p} to exit; true if it has. Called by dispatchers only. */
    private static boolean awaitExit(Process p, long millis) {
        try {
            return p.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts a dispatcher but the JVM going down
            return !p.isAlive();
        }
    }

    /** One text on the wire: its length in UTF-8 bytes (4 bytes, big-endian), then those bytes. */
    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeText} wrote. @throws EOFException if the stream ends before the text does */
    static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("a text cannot have a negative length (" + length + "): the stream is corrupt");
        }
        // readNBytes grows its buffer as bytes arrive: a corrupt length cannot make it allocate gigabytes.
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the stream ended " + bytes.length + " bytes into a text of " + length);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The main class of every worker JVM: reads requests (task class name, input) from stdin until it ends, runs
     * each, and writes each reply (tag, text) to stdout.
     */
    public static final class Worker {

        private Worker() {
        }

        public static void main(String[] args) throws IOException {
            // The real stdin and stdout belong to the protocol. Tasks get an empty stdin, and their System.out
            // goes to stderr, which the pool passes through to its own.
            DataInputStream requests = new DataInputStream(new BufferedInputStream(new FileInputStream(
                    FileDescriptor.in)));
            DataOutputStream replies = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(
                    FileDescriptor.out)));
            // MUTANT: System.out left as it is: what a task prints goes down the reply stream.
            System.setIn(InputStream.nullInputStream());
            while (true) {
                String task;
                String input;
                try {
                    task = readText(requests);
                    input = readText(requests);
                } catch (EOFException e) {
                    // The pool closed our stdin: no more tasks. (If a task left a thread running that keeps this
                    // JVM alive, the pool kills it after a grace period.)
                    return;
                }
                int tag = RESULT;
                String text;
                try {
                    Object instance = Class.forName(task).getDeclaredConstructor().newInstance();
                    text = ((PoolTask) instance).apply(input);
                } catch (Throwable e) {
                    tag = FAILURE;
                    // "java.lang.IllegalStateException: its message"; if the task's constructor threw, what it threw.
                    text = (e instanceof InvocationTargetException ? e.getCause() : e).toString();
                }
                replies.write(tag);
                writeText(replies, String.valueOf(text));
                replies.flush();
            }
        }
    }
}
