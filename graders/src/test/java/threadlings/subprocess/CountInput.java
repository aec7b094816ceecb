package threadlings.subprocess;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A program for the graders that reads all its input before it answers: reads stdin to its end, then writes how
 * many bytes it read ({@code "5\n"}) to stdout and exits 0. It never ends if its stdin is never closed.
 */
public final class CountInput {

    private CountInput() {
    }

    public static void main(String[] args) throws IOException {
        InputStream in = new FileInputStream(FileDescriptor.in);
        byte[] buffer = new byte[8192];
        long count = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            count += n;
        }
        Programs.write(FileDescriptor.out, count + "\n");
    }
}
