package threadlings.ipc;

import java.io.IOException;
import java.util.List;
import threadlings.support.Jvm;

/**
 * Two child JVMs joined by an OS pipe, as a shell joins {@code writer | reader}: whatever the writer writes to its
 * stdout, the reader reads from its stdin.
 *
 * <h2>Your task</h2>
 * Fill in {@link #start}. Build one {@link ProcessBuilder} per JVM ({@code new ProcessBuilder(Jvm.command(writer,
 * args))}; {@link Jvm} is given), and start them together with {@link ProcessBuilder#startPipeline(List)}: it
 * connects each process's stdout to the next one's stdin by an OS pipe that only the two of them hold. Starting the
 * two separately does not connect them: each would get pipes to this JVM instead, and the reader would wait for
 * ever for input nobody sends. Change none of the other streams: each JVM's stderr, the writer's stdin and the
 * reader's stdout stay pipes to this JVM, as {@code ProcessBuilder} makes them by default.
 *
 * <p>When the writer exits, the last holder of the pipe's writing end is gone, and the reader's next read sees the
 * end of its input: {@link MessageChannel#receive()} returns empty, and the reader knows it is done.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /**
     * Starts {@code writer} and {@code reader} as child JVMs, both running with {@code args}, the writer's stdout
     * joined to the reader's stdin by an OS pipe; returns {@code [writer, reader]}.
     *
     * @throws IOException if a JVM cannot be started
     */
    public static List<Process> start(Class<?> writer, Class<?> reader, String... args) throws IOException {
        throw new UnsupportedOperationException("TODO ProcessBuilder.startPipeline(List.of(writer's, reader's))");
    }
}
