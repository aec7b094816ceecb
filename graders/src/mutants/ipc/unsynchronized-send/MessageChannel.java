package threadlings.ipc;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Whole messages over a byte stream: Java's counterpart of the {@code Queue} and {@code Pipe} that Python's
 * {@code multiprocessing} gives two processes to talk through.
 *
 * <p>Reference solution. A stream of bytes has no idea where one message ends and the next begins, so each
 * message travels as a frame: its length in UTF-8 bytes (4 bytes, big-endian), then those bytes. Then any string
 * survives (newlines, NUL, any Unicode), and the reader always knows whether the stream ended between two messages
 * (nothing of a frame read yet) or inside one (a frame cut short). A frame is written with one {@code write} and
 * flushed while holding a lock, so frames from different threads never interleave; reads hold a lock of their own.
 */
public final class MessageChannel implements Closeable {

    private static final int HEADER = 4;

    private final InputStream in;
    private final OutputStream out;
    private final Object sending = new Object();
    private final Object receiving = new Object();

    /**
     * A channel that receives from {@code in} and sends to {@code out}; either may be null for a channel that
     * only sends or only receives.
     */
    public MessageChannel(InputStream in, OutputStream out) {
        // Buffered, so that reading a header costs no system call per byte; this channel owns the stream now.
        this.in = in == null ? null : new BufferedInputStream(in);
        this.out = out;
    }

    /**
     * Sends {@code message} as one frame, and flushes it. Safe to call from several threads at once: frames never
     * interleave.
     *
     * @throws IllegalStateException if this channel has no output stream
     */
    public void send(String message) throws IOException {
        Objects.requireNonNull(message, "message");
        if (out == null) {
            throw new IllegalStateException("this channel has no output stream: it can only receive");
        }
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        // MUTANT: the length, then the bytes, in two writes, with no lock around them.
        out.write(ByteBuffer.allocate(HEADER).putInt(body.length).array());
        out.write(body);
        out.flush();
    }

    /**
     * The next message; empty if the stream ended cleanly, between two messages.
     *
     * @throws EOFException if the stream ended inside a message
     * @throws IllegalStateException if this channel has no input stream
     */
    public Optional<String> receive() throws IOException {
        if (in == null) {
            throw new IllegalStateException("this channel has no input stream: it can only send");
        }
        synchronized (receiving) {
            byte[] header = in.readNBytes(HEADER);
            if (header.length == 0) {
                return Optional.empty(); // the end, exactly where a message would have begun
            }
            if (header.length < HEADER) {
                throw new EOFException("the stream ended inside a message's length (" + header.length + " of "
                        + HEADER + " bytes)");
            }
            int length = ByteBuffer.wrap(header).getInt();
            if (length < 0) {
                throw new IOException("not a message: its length would be " + length);
            }
            // readNBytes grows its buffer as bytes arrive, so a corrupt length cannot allocate gigabytes at once.
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new EOFException("the stream ended " + body.length + " bytes into a message of " + length
                        + " bytes");
            }
            return Optional.of(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Closes both streams (those that were given). */
    @Override
    public void close() throws IOException {
        try {
            if (out != null) {
                out.close();
            }
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }
}
