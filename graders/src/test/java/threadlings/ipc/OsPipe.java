package threadlings.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

/**
 * An OS pipe inside this JVM ({@link Pipe}: a real pipe on Linux and macOS, a local socket pair on Windows), with
 * a stream on each end. Like a pipe between processes it holds only a little data: a writer blocks until the
 * reader takes some.
 */
final class OsPipe implements AutoCloseable {

    private final Pipe pipe;
    final InputStream in;
    final OutputStream out;

    OsPipe() throws IOException {
        pipe = Pipe.open();
        in = Channels.newInputStream(pipe.source());
        out = Channels.newOutputStream(pipe.sink());
    }

    /** Closes both ends: a thread blocked writing to it or reading from it gets an IOException. */
    @Override
    public void close() {
        try {
            pipe.sink().close();
        } catch (IOException e) {
            // Closed already.
        }
        try {
            pipe.source().close();
        } catch (IOException e) {
            // Closed already.
        }
    }
}
