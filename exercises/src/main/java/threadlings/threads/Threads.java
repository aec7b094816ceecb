package threadlings.threads;

import java.util.List;

/**
 * Start a thread, give it a name, and wait for it to finish. Your task: make the three methods below work.
 *
 * <h2>Threads</h2>
 *
 * <p>A process runs at least one thread: the <em>main thread</em>, which the JVM starts to run your program's
 * {@code main} method, and which is called {@code "main"}. Any thread can start more threads. A thread is an
 * object of class {@link Thread} holding a body (a {@link Runnable}) and a name; nothing runs until you call
 * {@code start()} on it, and from then on its body runs on its own, at the same time as the thread that started
 * it, in an order that neither of them chooses. Calling {@code body.run()} yourself runs the body on the
 * <em>calling</em> thread: that is not a new thread.
 *
 * <p>Inside the body, {@code Thread.currentThread()} is the thread running it; its {@code getName()} is that
 * thread's name. A name is only a label for people reading logs and stack traces, but it must be right from the
 * first line the thread runs: give it to the constructor, {@code new Thread(body, name)} (or call
 * {@code setName} before {@code start()}). A thread renamed after {@code start()} may already have read its old
 * name, such as {@code "Thread-3"}.
 *
 * <p>{@code thread.join()} waits until {@code thread} has finished. Whatever the thread wrote before it finished
 * is then visible to the thread that joined it; without the join, the caller may see only part of it, or none.
 *
 * <h2>The methods</h2>
 *
 * <ul>
 *   <li>{@link #startNamed(String, Runnable)}: creates a thread named {@code name} that runs {@code body},
 *       starts it, and returns it, without waiting for it. The body must see its thread already named
 *       {@code name} from its very first line.</li>
 *   <li>{@link #loop(String, int)}: the lesson's loop. Runs {@code n} steps on a new thread named {@code name}
 *       and waits for that thread to finish before returning. Step {@code i}, counted from 1, adds the record
 *       {@code "thread " + threadName + " >>> " + i} to a list, where {@code threadName} is read inside the thread
 *       from {@code Thread.currentThread()} (not copied from the parameter). Returns the records in step order:
 *       {@code loop("LoopThread", 2)} returns {@code ["thread LoopThread >>> 1", "thread LoopThread >>> 2"]}.
 *       {@code n == 0} runs the thread with no step and returns an empty list; {@code n < 0}: throw
 *       {@link IllegalArgumentException}.</li>
 *   <li>{@link #currentName()}: the name of the thread that calls it; {@code "main"} when the main thread of a
 *       program calls it.</li>
 * </ul>
 *
 * <p>The graders run your code under a debugger too: it reads each thread's name at the very moment
 * {@code start()} is called, and it can hold a new thread before its first line to see whether {@code loop}
 * waits for it. So a mistake here shows every time, not only when the scheduler happens to expose it.
 */
public final class Threads {

    private Threads() {
    }

    /** Creates a thread named {@code name} that runs {@code body}, starts it, and returns it (without waiting). */
    public static Thread startNamed(String name, Runnable body) {
        throw new UnsupportedOperationException("TODO: create a Thread named name running body, start it, return it");
    }

    /**
     * Runs {@code n} steps on a new thread named {@code name} and waits for it; step {@code i} (from 1) records
     * {@code "thread " + the thread's own name + " >>> " + i}, the name read inside the thread from
     * {@code Thread.currentThread()}. Returns the records in order. {@code n < 0}: {@link IllegalArgumentException}.
     */
    public static List<String> loop(String name, int n) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: check n, start a thread named name that records its steps, join it, return the records");
    }

    /** The name of the thread that calls it. */
    public static String currentName() {
        throw new UnsupportedOperationException("TODO: return the calling thread's name");
    }
}
