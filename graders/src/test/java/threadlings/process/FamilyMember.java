package threadlings.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import threadlings.support.Jvm;

/**
 * A child for the graders that starts a child of its own: {@code FamilyMember <generation> <generations> <dir>}
 * writes its pid to {@code <dir>/generation-<generation>}, starts the next generation unless it is the last, then
 * sleeps {@link #SLEEP_MILLIS} and exits. So {@code FamilyMember 1 3 dir} makes a child, a grandchild and a
 * great-grandchild, and every one of them ends by itself.
 */
public final class FamilyMember {

    static final long SLEEP_MILLIS = 40_000;

    private FamilyMember() {
    }

    static Path pidFile(Path dir, int generation) {
        return dir.resolve("generation-" + generation);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int generation = Integer.parseInt(args[0]);
        int generations = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        if (generation < generations) {
            // Its output goes nowhere: the grandchild must not hold the pipe the grader's ChildProcess reads.
            new ProcessBuilder(Jvm.command(FamilyMember.class,
                    String.valueOf(generation + 1), String.valueOf(generations), dir.toString()))
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
        }
        // Written whole or not at all, so the grader never reads half a pid.
        Path tmp = dir.resolve("tmp-" + generation);
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        Files.move(tmp, pidFile(dir, generation), StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(SLEEP_MILLIS);
    }
}
