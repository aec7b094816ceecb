package threadlings.ipc;

import java.io.IOException;
import java.util.List;
import threadlings.support.Jvm;

/** MUTANT: the two JVMs are started one by one, each with its own pipes to this JVM: nothing joins them. */
public final class Pipeline {

    private Pipeline() {
    }

    public static List<Process> start(Class<?> writer, Class<?> reader, String... args) throws IOException {
        Process w = new ProcessBuilder(Jvm.command(writer, args)).start();
        Process r = new ProcessBuilder(Jvm.command(reader, args)).start();
        return List.of(w, r);
    }
}
