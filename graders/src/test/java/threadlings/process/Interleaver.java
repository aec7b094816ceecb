package threadlings.process;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A child for the graders: writes {@link #PARTS} in turn to stdout, stderr and stdout again, then exits 0. */
public final class Interleaver {

    static final String[] PARTS = {"first, to stdout\n", "second, to stderr\n", "third, to stdout\n"};

    private Interleaver() {
    }

    public static void main(String[] args) throws IOException {
        Echo.write(FileDescriptor.out, PARTS[0].getBytes(StandardCharsets.UTF_8));
        Echo.write(FileDescriptor.err, PARTS[1].getBytes(StandardCharsets.UTF_8));
        Echo.write(FileDescriptor.out, PARTS[2].getBytes(StandardCharsets.UTF_8));
    }
}
