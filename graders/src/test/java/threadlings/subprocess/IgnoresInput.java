package threadlings.subprocess;

import java.io.FileDescriptor;
import java.io.IOException;

/** A program for the graders that never reads its input: writes {@link #WORDS} to stdout and exits 0 at once. */
public final class IgnoresInput {

    static final String WORDS = "not reading any of that\n";

    private IgnoresInput() {
    }

    public static void main(String[] args) throws IOException {
        Programs.write(FileDescriptor.out, WORDS);
    }
}
