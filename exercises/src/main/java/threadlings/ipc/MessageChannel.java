package threadlings.ipc;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Whole messages over a byte stream: Java's counterpart of the {@code Queue} and {@code Pipe} that Python's
 * {@code multiprocessing} gives two processes to talk through.
 *
 * <p>The lesson's example, in Java: a writer process puts the messages "A", "B" and "C" into a queue, and a reader
 * process takes them out and prints them. Here the queue is an OS pipe between two JVMs (see {@link Pipeline}):
 * the writer wraps its {@code System.out} and the reader its {@code System.in}.
 *
 * <pre>{@code
 * // in the writer
 * MessageChannel channel = new MessageChannel(null, System.out);
 * for (String m : List.of("A", "B", "C")) {
 *     channel.send(m);
 * }
 *
 * // in the reader
 * MessageChannel channel = new MessageChannel(System.in, null);
 * for (Optional<String> m = channel.receive(); m.isPresent(); m = channel.receive()) {
 *     System.err.println("Get " + m.get() + " from the pipe.");
 * }
 * }</pre>
 *
 * <h2>Your task</h2>
 * Fill in every method below. A pipe, like any stream, carries bytes and knows nothing of messages: two messages
 * sent one after the other arrive as one run of bytes, and one message may arrive in several pieces. You decide
 * how the reader finds where each message ends: that is called <em>framing</em>. The graders check four things:
 *
 * <ol>
 *   <li><b>Any string survives.</b> Messages can be empty, hold newlines (so a newline cannot mark the end of one),
 *       hold any Unicode, and be a mebibyte long. Frame each message as its length in bytes (4 bytes, e.g.
 *       {@code DataOutputStream.writeInt}, or a {@code ByteBuffer}) followed by its bytes, and always encode and
 *       decode with {@code StandardCharsets.UTF_8}: the machine's default charset differs between machines (and
 *       between JVMs on one machine), so a message could leave as one text and arrive as another.</li>
 *   <li><b>send() delivers at once.</b> Flush after every message: a receiver waiting for a message that sits in
 *       the sender's buffer waits for ever.</li>
 *   <li><b>Messages never mix.</b> Several threads may call {@link #send} at the same moment. If one thread writes
 *       its length and then, in a second write, its bytes, another thread's write can land in between, and the
 *       reader takes one message's bytes for another's length. Write each frame (and flush it) while holding a
 *       lock, e.g. in a {@code synchronized} block; even one {@code write} call is not safe without it, because a
 *       stream may pass a large write on in pieces.</li>
 *   <li><b>The end of the stream is told apart.</b> When the writer is gone, its end of the pipe closes and reads
 *       return -1. If that happens before the first byte of a frame, the messages simply ended:
 *       {@link #receive} returns {@code Optional.empty()}. If it happens inside a frame, a message was cut short:
 *       throw {@link EOFException}. ({@code InputStream.readNBytes(n)} returns fewer than {@code n} bytes only at
 *       the end of the stream, which tells you both.)</li>
 * </ol>
 *
 * <p>Reading a length and then that many bytes: read exactly that many ({@code readNBytes} or
 * {@code DataInputStream.readFully}); a single {@code read} may return only part of a message.
 */
public final class MessageChannel implements Closeable {

    /**
     * A channel that receives from {@code in} and sends to {@code out}. Either may be null: a channel with no
     * {@code in} can only send, one with no {@code out} can only receive. Reads and writes nothing yet.
     */
    public MessageChannel(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("TODO keep the two streams (either may be null)");
    }

    /**
     * Sends {@code message} (any string) as one frame, and flushes it, so that the receiver can read it at once.
     * Safe to call from several threads at the same time: two messages never mix.
     *
     * @throws IllegalStateException if this channel has no output stream
     * @throws IOException if writing fails
     */
    public void send(String message) throws IOException {
        throw new UnsupportedOperationException("TODO write length and UTF-8 bytes as one frame, under a lock; flush");
    }

    /**
     * Waits for the next message and returns it; returns {@code Optional.empty()} if the stream ended cleanly,
     * between two messages (or before the first).
     *
     * @throws EOFException if the stream ended inside a message
     * @throws IllegalStateException if this channel has no input stream
     * @throws IOException if reading fails
     */
    public Optional<String> receive() throws IOException {
        throw new UnsupportedOperationException("TODO read a length, then exactly that many bytes");
    }

    /** Closes the streams this channel was given. */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("TODO close the streams that are not null");
    }
}
