package threadlings.subprocess;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A program for the graders: copies its stdin to its stdout, byte for byte, as it reads it, until the end of its
 * input; then exits 0. With {@code err <n>}, first writes {@code n} bytes to stderr (more than a pipe holds) before
 * it reads anything.
 */
public final class Cat {

    private Cat() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("err")) {
            Programs.write(FileDescriptor.err, Programs.filler(Integer.parseInt(args[1])));
        }
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
        out.flush();
    }
}
