package threadlings.subprocess;

import java.io.FileDescriptor;
import java.io.IOException;

/**
 * A program for the graders: writes {@link #OUT}[0] to stdout, {@link #ERR} to stderr, {@link #OUT}[1] to stdout,
 * each flushed in turn, then exits with the exit code given as its only argument.
 */
public final class Speaker {

    static final String[] OUT = {"first, to stdout\n", "third, to stdout\r\n"};
    static final String ERR = "second, to stderr\n";

    private Speaker() {
    }

    public static void main(String[] args) throws IOException {
        Programs.write(FileDescriptor.out, OUT[0]);
        Programs.write(FileDescriptor.err, ERR);
        Programs.write(FileDescriptor.out, OUT[1]);
        System.exit(Integer.parseInt(args[0]));
    }
}
