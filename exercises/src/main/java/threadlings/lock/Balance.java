package threadlings.lock;

/**
 * A balance that any number of threads can change at once without losing an update. Your task: make every
 * method below work, with a lock.
 *
 * <h2>Why a lock</h2>
 *
 * <p>Threads share memory: every thread that holds this object reads and writes the same {@code balance}. One line
 * such as {@code balance = balance + n} is not one step for the CPU but two:
 * <pre>
 *   long x = balance + n;   // 1. read the balance, compute the sum into a temporary
 *   balance = x;            // 2. write the temporary back
 * </pre>
 * A thread can be paused between step 1 and step 2 while another thread runs both steps; when the first thread
 * resumes it writes back a sum computed from the old balance, and the other thread's update is lost. Read
 * {@link UnsafeBalance} (given, no lock): it loses updates exactly this way, and the graders show you the
 * interleaving that does it.
 *
 * <p>A lock lets only one thread at a time run the code between {@code lock()} and {@code unlock()}; every other
 * thread that calls {@code lock()} waits until the holder unlocks. Use one
 * {@link java.util.concurrent.locks.ReentrantLock} for the whole balance, created once and kept in a field (a new
 * lock per call, or a lock per method, keeps no other thread out), and hold it for the <em>whole</em> of each
 * operation, {@code get()} included: reading the balance, checking it, and writing it back.
 *
 * <h2>Why try/finally</h2>
 *
 * <p>A thread that takes the lock must release it whatever happens, or every other thread waits for it forever.
 * {@code withdraw} throws when the money is not there, and an exception skips every line after it, including an
 * {@code unlock()} written at the end. So always write:
 * <pre>
 *   lock.lock();
 *   try {
 *       // the work, which may throw
 *   } finally {
 *       lock.unlock();   // runs however the block above ends
 *   }
 * </pre>
 *
 * <h2>The operations</h2>
 *
 * <ul>
 *   <li>{@link #Balance()}: the balance starts at 0.</li>
 *   <li>{@link #changeIt(long)}: adds {@code n}, then subtracts {@code n} (the lesson's example), as one
 *       indivisible step: no other thread may ever see the balance in the middle, with {@code n} added.</li>
 *   <li>{@link #deposit(long)}: adds {@code amount}. {@code amount <= 0}: throw {@link IllegalArgumentException}.</li>
 *   <li>{@link #withdraw(long)}: subtracts {@code amount}. {@code amount <= 0}: throw
 *       {@link IllegalArgumentException}. {@code amount} more than the balance: throw
 *       {@link IllegalStateException}, leave the balance unchanged, and leave the lock released. Withdrawing
 *       exactly the balance is allowed and leaves 0. Check the funds and subtract while holding the lock the
 *       whole time: checked before taking the lock, the money can be gone by the time you subtract.</li>
 *   <li>{@link #get()}: the balance.</li>
 * </ul>
 *
 * <p>The graders check every interleaving of a few operations on two threads (with the model checker Lincheck),
 * so a race shows up every time, not by luck.
 */
public final class Balance {

    /** A balance that starts at 0. */
    public Balance() {
        throw new UnsupportedOperationException("TODO: create the lock and start the balance at 0");
    }

    /** Adds {@code n}, then subtracts {@code n}, as one indivisible step: no thread sees the middle. */
    public void changeIt(long n) {
        throw new UnsupportedOperationException("TODO: add n, then subtract n, holding the lock the whole time");
    }

    /** Adds {@code amount}. {@code amount <= 0}: {@link IllegalArgumentException}. */
    public void deposit(long amount) {
        throw new UnsupportedOperationException("TODO: check amount > 0, then add it under the lock");
    }

    /**
     * Subtracts {@code amount}. {@code amount <= 0}: {@link IllegalArgumentException}; more than the balance:
     * {@link IllegalStateException}, with the balance unchanged and the lock released.
     */
    public void withdraw(long amount) {
        throw new UnsupportedOperationException(
                "TODO: check amount > 0; under the lock, refuse more than the balance or subtract; unlock in finally");
    }

    /** The balance. */
    public long get() {
        throw new UnsupportedOperationException("TODO: read the balance under the lock");
    }
}
