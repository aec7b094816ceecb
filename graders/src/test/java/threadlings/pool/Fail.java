package threadlings.pool;

/** A task for the graders that throws {@code IllegalStateException} with its input as the message. */
public class Fail implements PoolTask {

    @Override
    public String apply(String input) {
        throw new IllegalStateException(input);
    }
}
