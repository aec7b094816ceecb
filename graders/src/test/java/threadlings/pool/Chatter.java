package threadlings.pool;

/**
 * A task for the graders that talks, as the lesson's tasks do: it prints lines to {@code System.out} and
 * {@code System.err} (and, when its input starts with {@code "loud"}, about 80 KiB to each, more than an OS pipe
 * holds), then returns what {@link Describe} returns.
 */
public class Chatter implements PoolTask {

    static final int LOUD_BYTES = 80 * 1024;

    @Override
    public String apply(String input) {
        long pid = ProcessHandle.current().pid();
        System.out.println("Run task " + input + " (" + pid + ")...");
        System.out.print("and some bytes that look like a reply: \u0000\u0000\u0000\u0005hello\u0001");
        System.out.flush();
        System.err.println("a warning on stderr from task " + input);
        if (input.startsWith("loud")) {
            String line = "the task is talking, and talking, and talking\n";
            String lot = line.repeat(LOUD_BYTES / line.length() + 1);
            System.out.print(lot);
            System.out.flush();
            System.err.print(lot);
            System.err.flush();
        }
        System.out.println("Task " + input + " done.");
        return new Describe().apply(input);
    }
}
