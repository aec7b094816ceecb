package threadlings.process;

/** A child for the graders whose main throws: the JVM prints the stack trace to stderr and exits with 1. */
public final class Thrower {

    static final String MESSAGE = "thrown on purpose by the child";

    private Thrower() {
    }

    public static void main(String[] args) {
        throw new IllegalStateException(MESSAGE);
    }
}
