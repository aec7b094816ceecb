package threadlings.pool;

/** A task for the graders that returns the pid of the process it runs in. */
public class WorkerPid implements PoolTask {

    @Override
    public String apply(String input) {
        return Long.toString(ProcessHandle.current().pid());
    }
}
