package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The program's exit code, whatever it is, and its output with it. */
class ExitCodeTest {

    @Test
    @DisplayName("the exit code passes through")
    void exitCode() throws Exception {
        check(3);
    }

    @Property(tries = 4, shrinking = ShrinkingMode.OFF)
    @Label("any exit code from 0 to 255 passes through, with the output")
    void anyExitCode(@ForAll @IntRange(min = 0, max = 255) int code) throws Exception {
        check(code);
    }

    private static void check(int code) throws Exception {
        try (Runs runs = new Runs()) {
            Subprocess.Result result = Runs.finish("run(a program that exits with " + code + ")",
                    Programs.command(Speaker.class, Integer.toString(code)), new byte[0], "");
            if (result.exitCode() != code) {
                fail("the program exited with " + code + ", but the result's exitCode is " + result.exitCode()
                        + ": return what Process.waitFor() returns, or exitValue() once it has exited (waitFor with"
                        + " a timeout returns whether it exited, not its exit code)");
            }
            byte[] out = (Speaker.OUT[0] + Speaker.OUT[1]).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(out, result.stdout())) {
                fail("the program wrote " + Runs.show(out, 80) + " to stdout and exited with " + code
                        + ", but the result's stdout is " + Runs.show(result.stdout(), 80)
                        + ": a program's output counts whatever its exit code");
            }
        }
    }
}
