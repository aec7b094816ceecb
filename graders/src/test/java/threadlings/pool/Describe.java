package threadlings.pool;

/**
 * A task for the graders whose result depends on every char of its input: its length, then the input reversed
 * (surrogate pairs kept whole). The graders compare what a worker returns with this applied in their own JVM.
 */
public class Describe implements PoolTask {

    @Override
    public String apply(String input) {
        return input.length() + ":" + new StringBuilder(input).reverse();
    }
}
