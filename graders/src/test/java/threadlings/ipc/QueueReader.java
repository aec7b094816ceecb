package threadlings.ipc;

import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A reader JVM for the graders, like the lesson's: receives messages through a {@link MessageChannel} on its
 * {@code System.in} until the end, and reports to stdout, one ASCII line each: {@code args <args joined by |>}
 * first, then {@link Messages#reportLine} for each message, then {@code end} when {@code receive()} returned empty,
 * {@code eof <message>} when it threw {@code EOFException}, or {@code error <exception>} for anything else. It ends
 * by itself within {@link #LIFETIME_MILLIS} whatever happens.
 */
public final class QueueReader {

    static final long LIFETIME_MILLIS = 30_000;

    private QueueReader() {
    }

    /** A daemon thread that ends this JVM after {@link #LIFETIME_MILLIS}, so no grader leaves it behind. */
    static void watchdog() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME_MILLIS);
            } catch (InterruptedException e) {
                // End now, then.
            }
            Runtime.getRuntime().halt(99);
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) throws IOException {
        watchdog();
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        say(out, "args " + String.join("|", args));
        MessageChannel channel = new MessageChannel(System.in, null);
        int index = 0;
        try {
            for (Optional<String> m = channel.receive(); m.isPresent(); m = channel.receive()) {
                System.err.println("Get " + (m.get().length() > 20 ? m.get().length() + " chars" : m.get())
                        + " from the pipe.");
                say(out, Messages.reportLine(index++, m.get()));
            }
            say(out, "end");
        } catch (EOFException e) {
            say(out, "eof " + e.getMessage());
        } catch (Exception e) {
            say(out, "error " + e);
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        // Only ASCII: no charset can change it on the way.
        StringBuilder ascii = new StringBuilder();
        line.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u{%X}", c)));
        out.write((ascii + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
