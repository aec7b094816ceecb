package threadlings.queue;

import static threadlings.grading.Lang.say;

import java.lang.management.LockInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import threadlings.grading.Deadline;

/**
 * The lock a waiting thread of the student's queue will need again to wake up: the monitor it waits on
 * ({@code wait()} on the queue itself, its class, or an object in one of its fields, static ones included), or the
 * {@link ReentrantLock} in one of its fields whose {@link Condition} it awaits. Found by asking the JVM what the thread waits on and looking for
 * that object in the queue's fields: no hook in the student's class.
 *
 * <p>Holding it from the test lets a grader run two calls with nothing in between, exactly as if one thread had
 * been quicker than another: every order this makes possible is one a real run can take.
 */
final class Guard {

    private final Object monitor;
    private final ReentrantLock lock;
    private final String description;

    private Guard(Object monitor, ReentrantLock lock, String description) {
        this.monitor = monitor;
        this.lock = lock;
        this.description = description;
    }

    /** The guard of what {@code waiter} (a thread waiting inside {@code queue}) waits on, if it can be found. */
    static Optional<Guard> of(BoundedQueue<?> queue, Actor waiter) throws IllegalAccessException {
        LockInfo on = waiter.waitingOn();
        if (on == null) {
            return Optional.empty();
        }
        List<Object> candidates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        candidates.add(queue);
        names.add(say("the queue itself (this)", "队列对象本身（this）"));
        List<ReentrantLock> locks = new ArrayList<>();
        List<String> lockNames = new ArrayList<>();
        candidates.add(queue.getClass());
        names.add(say("the class object (BoundedQueue.class)", "类对象（BoundedQueue.class）"));
        for (Field field : queue.getClass().getDeclaredFields()) {
            if (field.getType().isPrimitive()) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(Modifier.isStatic(field.getModifiers()) ? null : queue);
            if (value == null) {
                continue;
            }
            candidates.add(value);
            names.add(say("the object in field '" + field.getName() + "'", "字段 '" + field.getName() + "' 中的对象"));
            if (value instanceof ReentrantLock) {
                locks.add((ReentrantLock) value);
                lockNames.add(field.getName());
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            Object candidate = candidates.get(i);
            if (System.identityHashCode(candidate) != on.getIdentityHashCode()
                    || !candidate.getClass().getName().equals(on.getClassName())) {
                continue;
            }
            if (!(candidate instanceof Condition)) {
                return Optional.of(new Guard(candidate, null, say("the monitor of " + names.get(i),
                        names.get(i) + "的监视器锁")));
            }
            for (int j = 0; j < locks.size(); j++) {
                if (owns(locks.get(j), (Condition) candidate)) {
                    return Optional.of(new Guard(null, locks.get(j), say("the ReentrantLock in field '"
                            + lockNames.get(j) + "'", "字段 '" + lockNames.get(j) + "' 中的 ReentrantLock")));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean owns(ReentrantLock lock, Condition condition) {
        lock.lock();
        try {
            lock.hasWaiters(condition);
            return true;
        } catch (IllegalArgumentException notItsCondition) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** True if {@code other} (found for another waiting thread) is the same lock. */
    boolean sameAs(Guard other) {
        return other != null && monitor == other.monitor && lock == other.lock;
    }

    /** Runs {@code body} while holding this guard, on the calling thread. */
    void hold(Deadline.Run body) throws Exception {
        if (lock != null) {
            lock.lock();
            try {
                body.run();
            } finally {
                lock.unlock();
            }
        } else {
            synchronized (monitor) {
                body.run();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
