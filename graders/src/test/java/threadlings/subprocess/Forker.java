package threadlings.subprocess;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A program for the graders that outlives any sensible timeout and starts a process of its own:
 * {@code Forker <pid-file>} starts a grandchild ({@link Sleeper}, 30 s, its output discarded so that it holds none
 * of our pipes), writes {@link #OUT} to stdout and {@link #ERR} to stderr, then writes its own pid and the
 * grandchild's into {@code <pid-file>} (so once that file exists, both processes run and the output has been
 * written), and sleeps {@link #SLEEP_MILLIS}.
 */
public final class Forker {

    static final String OUT = "started, and now sleeping\n";
    static final String ERR = "a word on stderr too\n";
    static final long SLEEP_MILLIS = 30_000;

    private Forker() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path pidFile = Path.of(args[0]);
        Process grandchild = new ProcessBuilder(Programs.command(Sleeper.class, Long.toString(SLEEP_MILLIS)))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD)
                .start();
        Programs.write(FileDescriptor.out, OUT);
        Programs.write(FileDescriptor.err, ERR);
        // Written whole or not at all, so the grader never reads half of it.
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + " " + grandchild.pid(), StandardCharsets.UTF_8);
        Files.move(tmp, pidFile, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(SLEEP_MILLIS);
    }
}
