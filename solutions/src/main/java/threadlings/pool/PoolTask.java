package threadlings.pool;

/**
 * A piece of work that a {@link ProcessPool} runs in one of its worker processes: Java's counterpart of the
 * function you hand to Python's {@code Pool.apply_async(f, args)}.
 *
 * <p>Given: you use it, you do not change it. Python can send a function to another process by name; Java sends
 * the task's class: the pool passes the class's name to a worker JVM, which loads it, creates an instance with the
 * public no-argument constructor every implementation has, and calls {@link #apply} on it. So a task is a
 * top-level (or static nested) public class, never a lambda: a lambda has no name another JVM can load.
 *
 * <pre>{@code
 * public class Shout implements PoolTask {
 *     public String apply(String input) {
 *         return input.toUpperCase();
 *     }
 * }
 *
 * try (ProcessPool pool = new ProcessPool(4)) {
 *     String loud = pool.submit(Shout.class, "hello").get(); // "HELLO", computed in another process
 * }
 * }</pre>
 */
public interface PoolTask {

    /**
     * Does the work, inside a worker process, and returns its result. It may print to {@code System.out} and
     * {@code System.err}; whatever it throws fails the future that {@link ProcessPool#submit} returned.
     */
    String apply(String input) throws Exception;
}
