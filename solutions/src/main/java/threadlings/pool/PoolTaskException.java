package threadlings.pool;

/**
 * Why a task submitted to a {@link ProcessPool} has no result: its {@link PoolTask#apply} threw (the message
 * names the exception's class and repeats its message), or the worker process running it died.
 *
 * <p>Given: you use it, you do not change it. The exception itself cannot travel: it was thrown in another JVM,
 * so the pool rebuilds the story as text.
 */
public final class PoolTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure told in {@code message}. */
    public PoolTaskException(String message) {
        super(message);
    }

    /** A failure told in {@code message}, caused by {@code cause} in this JVM (an I/O error, say). */
    public PoolTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
