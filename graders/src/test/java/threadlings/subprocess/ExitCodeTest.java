package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

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
            Subprocess.Result result = Runs.finish(say("run(a program that exits with " + code + ")",
                    "run(以退出码 " + code + " 退出的程序)"),
                    Programs.command(Speaker.class, Integer.toString(code)), new byte[0], "");
            if (result.exitCode() != code) {
                fail(say("the program exited with " + code + ", but the result's exitCode is " + result.exitCode()
                        + ": return what Process.waitFor() returns, or exitValue() once it has exited (waitFor with"
                        + " a timeout returns whether it exited, not its exit code)",
                        "程序以退出码 " + code + " 退出，但结果的 exitCode 是 " + result.exitCode() + "：应返回"
                        + " Process.waitFor() 的返回值，或在程序退出后返回 exitValue()（带超时的 waitFor 返回的是程序"
                        + "是否已经退出，而不是它的退出码）"));
            }
            byte[] out = (Speaker.OUT[0] + Speaker.OUT[1]).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(out, result.stdout())) {
                fail(say("the program wrote " + Runs.show(out, 80) + " to stdout and exited with " + code
                        + ", but the result's stdout is " + Runs.show(result.stdout(), 80)
                        + ": a program's output counts whatever its exit code",
                        "程序向 stdout 写了 " + Runs.show(out, 80) + " 并以退出码 " + code + " 退出，但结果的 stdout 是 "
                        + Runs.show(result.stdout(), 80) + "：无论退出码是多少，程序的输出都要如实收集"));
            }
        }
    }
}
