package threadlings.subprocess;

/** A program for the graders: sleeps the given milliseconds (at most 60 s, so it always ends), then exits 0. */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Math.min(Long.parseLong(args[0]), 60_000));
    }
}
