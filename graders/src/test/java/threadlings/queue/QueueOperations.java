package threadlings.queue;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The student's {@link BoundedQueue} of capacity 2 as Lincheck sees it, with the three calls that never wait:
 * Lincheck may run any of them on any thread, in random scenarios. Small elements (1 to 9). Lincheck creates a
 * fresh instance, so a fresh queue, for every interleaving it explores.
 */
@Param(name = "element", gen = IntGen.class, conf = "1:9")
public class QueueOperations {

    private final BoundedQueue<Integer> queue = new BoundedQueue<>(2);

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
