package threadlings.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A child for the graders that writes a lot: {@code Blabber out|err <bytes> ascii|multibyte} writes
 * {@link #text(int, boolean)} to stdout or stderr, in large writes, then exits 0.
 */
public final class Blabber {

    /** 1 + 3 + 4 + 2 + 2 + 3 = 15 bytes, so reads of almost any size cut some character in two. */
    static final String MULTIBYTE = "a\u20ac\ud83d\ude00\u00e9\u00df\u4e2d";
    static final String ASCII = "the child is talking, and talking, and talking\n";

    private Blabber() {
    }

    /** About {@code bytes} bytes of text: the pattern repeated, never more than {@code bytes}. */
    static String text(int bytes, boolean multibyte) {
        String pattern = multibyte ? MULTIBYTE : ASCII;
        return pattern.repeat(bytes / pattern.getBytes(StandardCharsets.UTF_8).length);
    }

    public static void main(String[] args) throws IOException {
        FileDescriptor fd = args[0].equals("err") ? FileDescriptor.err : FileDescriptor.out;
        byte[] bytes = text(Integer.parseInt(args[1]), args[2].equals("multibyte")).getBytes(StandardCharsets.UTF_8);
        OutputStream out = new FileOutputStream(fd);
        for (int from = 0; from < bytes.length; from += 100_000) {
            out.write(bytes, from, Math.min(100_000, bytes.length - from));
        }
        out.flush();
    }
}
