package threadlings.ipc;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A writer JVM for the graders, like the lesson's: {@code QueueWriter <mode> ...} sends
 * {@link Messages#forMode(String)} through a {@link MessageChannel} on its {@code System.out}, then exits without
 * closing anything (its end of the pipe closes when the process ends). In mode "lesson" it pauses 0.1 s before each
 * message, as the lesson's writer sleeps; in mode "charset" it first sends the name of its default charset. What
 * it says about its work goes to stderr. It ends by itself within {@link QueueReader#LIFETIME_MILLIS} whatever
 * happens.
 */
public final class QueueWriter {

    private QueueWriter() {
    }

    public static void main(String[] args) throws Exception {
        QueueReader.watchdog();
        String mode = args[0];
        MessageChannel channel = new MessageChannel(null, System.out);
        if (mode.equals("charset")) {
            channel.send("default charset " + Charset.defaultCharset().name());
        }
        List<String> messages = Messages.forMode(mode);
        for (String m : messages) {
            if (mode.equals("lesson")) {
                Thread.sleep(100);
            }
            System.err.println("Put " + (m.length() > 20 ? m.length() + " chars" : m) + " to the pipe...");
            channel.send(m);
        }
    }
}
