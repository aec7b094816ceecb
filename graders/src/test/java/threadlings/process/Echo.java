package threadlings.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child for the graders: writes the bytes of the file {@code args[0]} to its stdout, then the bytes of the file
 * {@code args[1]} to its stderr, then exits 0.
 *
 * <p>The bytes go straight to the file descriptors, not through {@code System.out}, so no charset or line
 * separator of this machine changes them; each part is flushed before the next, so a parent that merges the two
 * streams reads them in this order.
 */
public final class Echo {

    private Echo() {
    }

    public static void main(String[] args) throws IOException {
        write(FileDescriptor.out, Files.readAllBytes(Path.of(args[0])));
        write(FileDescriptor.err, Files.readAllBytes(Path.of(args[1])));
    }

    static void write(FileDescriptor fd, byte[] bytes) throws IOException {
        // Not closed: closing would close the descriptor itself, which the JVM still uses.
        OutputStream out = new FileOutputStream(fd);
        out.write(bytes);
        out.flush();
    }
}
