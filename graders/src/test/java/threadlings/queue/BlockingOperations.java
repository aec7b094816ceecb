package threadlings.queue;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The student's {@link BoundedQueue} of capacity 1 as Lincheck sees it, waiting calls included. Used only in
 * hand-written scenarios in which every call can finish (as many elements taken as put): there, a thread still
 * waiting at the end is a lost wake-up, never a legitimate wait. (A random scenario could take from a queue
 * nobody ever fills, and wait forever rightly.)
 */
@Param(name = "element", gen = IntGen.class, conf = "1:9")
public class BlockingOperations {

    private final BoundedQueue<Integer> queue = new BoundedQueue<>(1);

    @Operation
    public void put(@Param(name = "element") int element) throws InterruptedException {
        queue.put(element);
    }

    @Operation
    public Integer take() throws InterruptedException {
        return queue.take();
    }

    @Operation
    public boolean offer(@Param(name = "element") int element) {
        return queue.offer(element);
    }

    @Operation
    public Integer poll() {
        return queue.poll();
    }

    @Operation
    public int size() {
        return queue.size();
    }
}
