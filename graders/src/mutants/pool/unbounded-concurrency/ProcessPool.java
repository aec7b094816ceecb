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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import threadlings.support.Jvm;

/**
 * MUTANT: every task is sent to a worker at once (in turn), and the worker runs each request on a thread of its
 * own: nothing ever waits, so all submitted tasks run at the same time. Replies carry the task's number.
 */
public final class ProcessPool implements AutoCloseable {

    static final int RESULT = 0;
    static final int FAILURE = 1;

    private final List<Process> workers = new ArrayList<>();
    private final List<DataOutputStream> requests = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private long nextId;
    private int next;
    private boolean closed;

    public ProcessPool(int workers) throws IOException {
        if (workers < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker, not " + workers);
        }
        for (int i = 0; i < workers; i++) {
            Process p = new ProcessBuilder(Jvm.command(Worker.class))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            this.workers.add(p);
            requests.add(new DataOutputStream(new BufferedOutputStream(p.getOutputStream())));
            DataInputStream replies = new DataInputStream(new BufferedInputStream(p.getInputStream()));
            Thread t = new Thread(() -> readReplies(replies), "replies of worker " + p.pid());
            t.setDaemon(true);
            readers.add(t);
            t.start();
        }
    }

    private void readReplies(DataInputStream replies) {
        try {
            while (true) {
                long id = replies.readLong();
                int tag = replies.read();
                String text = readText(replies);
                CompletableFuture<String> f = pending.remove(id);
                if (f != null) {
                    if (tag == RESULT) {
                        f.complete(text);
                    } else {
                        f.completeExceptionally(new PoolTaskException("the task threw " + text));
                    }
                }
            }
        } catch (IOException e) {
            // The worker is gone.
        }
    }

    public CompletableFuture<String> submit(Class<? extends PoolTask> task, String input) {
        CompletableFuture<String> result = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the pool is closed");
            }
            long id = nextId++;
            pending.put(id, result);
            DataOutputStream out = requests.get(next++ % requests.size());
            try {
                out.writeLong(id);
                writeText(out, task.getName());
                writeText(out, input);
                out.flush();
            } catch (IOException e) {
                pending.remove(id);
                result.completeExceptionally(new PoolTaskException("the worker is gone", e));
            }
        }
        return result;
    }

    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (Process p : workers) {
            pids.add(p.pid());
        }
        return pids;
    }

    @Override
    public void close() {
        List<CompletableFuture<String>> waiting;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = new ArrayList<>(pending.values());
        }
        for (CompletableFuture<String> f : waiting) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Failed or late: stop anyway.
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            try {
                requests.get(i).close();
                workers.get(i).waitFor(5, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // Killed below.
            }
            workers.get(i).destroyForcibly();
        }
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static final class Worker {

        private Worker() {
        }

        public static void main(String[] args) throws IOException {
            DataInputStream requests = new DataInputStream(new BufferedInputStream(new FileInputStream(
                    FileDescriptor.in)));
            DataOutputStream replies = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(
                    FileDescriptor.out)));
            System.setOut(System.err);
            System.setIn(InputStream.nullInputStream());
            while (true) {
                long id;
                String task;
                String input;
                try {
                    id = requests.readLong();
                    task = readText(requests);
                    input = readText(requests);
                } catch (EOFException e) {
                    System.exit(0);
                    return;
                }
                // MUTANT: every request runs at once, on a thread of its own.
                new Thread(() -> {
                    int tag = RESULT;
                    String text;
                    try {
                        Object instance = Class.forName(task).getDeclaredConstructor().newInstance();
                        text = ((PoolTask) instance).apply(input);
                    } catch (Throwable e) {
                        tag = FAILURE;
                        text = e.toString();
                    }
                    synchronized (replies) {
                        try {
                            replies.writeLong(id);
                            replies.write(tag);
                            writeText(replies, String.valueOf(text));
                            replies.flush();
                        } catch (IOException e) {
                            System.exit(1);
                        }
                    }
                }).start();
            }
        }
    }
}
