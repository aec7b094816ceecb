package threadlings.ipc;

import java.io.IOException;
import java.util.List;
import threadlings.support.Jvm;

/**
 * Two child JVMs joined by an OS pipe, as a shell joins {@code writer | reader}.
 *
 * <p>Reference solution. {@link ProcessBuilder#startPipeline} starts the processes and connects each one's
 * stdout to the next one's stdin with a pipe that only they hold: this JVM keeps neither end, so when the writer
 * exits, the pipe's last writer is gone and the reader's next read sees the end of the stream.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /**
     * Starts {@code writer} and {@code reader} as child JVMs, each with {@code args}, the writer's stdout joined to
     * the reader's stdin by an OS pipe. Returns {@code [writer, reader]}.
     */
    public static List<Process> start(Class<?> writer, Class<?> reader, String... args) throws IOException {
        return ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(Jvm.command(writer, args)),
                new ProcessBuilder(Jvm.command(reader, args))));
    }
}
