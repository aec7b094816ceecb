package threadlings.subprocess;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import threadlings.support.Jvm;

/**
 * The programs the graders run through the student's {@code run}: small Java mains in this package, started as
 * JVMs of their own ({@link #command}), so they behave the same on every OS. None needs a shell, and each one ends
 * by itself.
 */
final class Programs {

    private Programs() {
    }

    /** The command that runs {@code main.main(args)} in a new JVM. */
    static List<String> command(Class<?> main, String... args) {
        return Jvm.command(main, args);
    }

    /** Writes {@code bytes} to stdout or stderr as they are: no charset, no line separator of this machine. */
    static void write(FileDescriptor fd, byte[] bytes) throws IOException {
        // Not closed: that would close the descriptor, which the JVM still uses.
        OutputStream out = new FileOutputStream(fd);
        out.write(bytes);
        out.flush();
    }

    static void write(FileDescriptor fd, String text) throws IOException {
        write(fd, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code n} bytes of readable text, to fill a pipe with. */
    static byte[] filler(int n) {
        byte[] line = "the program writes to stderr before it reads anything\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = line[i % line.length];
        }
        return bytes;
    }
}
