package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A program that cannot be started. */
class StartTest {

    @Test
    @DisplayName("a program that cannot be started gives an IOException that names it")
    void missingProgram() throws Exception {
        String program = "threadlings-no-such-program-" + UUID.randomUUID().toString().substring(0, 8);
        try (Runs runs = new Runs()) {
            Subprocess.Result result;
            try {
                result = Runs.call(Runs.RUN_LIMIT, "run(" + program + ")", List.of(program, "--help"), new byte[0],
                        Duration.ofSeconds(10));
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains(program)) {
                    fail(say("run threw " + e + " for a program that does not exist, but its message does not name"
                            + " the program \"" + program + "\": say which program could not be started",
                            "对一个不存在的程序，run 抛出了 " + e + "，但它的消息里没有写出程序名 \"" + program
                            + "\"：请说明是哪个程序无法启动"));
                }
                return;
            } catch (RuntimeException e) {
                throw new AssertionError(say("run must throw an IOException naming the program when it cannot be"
                        + " started, but it threw " + e,
                        "程序无法启动时，run 应当抛出一个写明程序名的 IOException，但它抛出了 " + e), e);
            }
            fail(say("there is no program \"" + program + "\", so run must throw an IOException that names it, but"
                    + " it returned " + (result == null ? "null" : "a Result with exitCode " + result.exitCode())
                    + ": let the IOException from ProcessBuilder.start() out (or wrap it in one that names"
                    + " command.get(0))",
                    "程序 \"" + program + "\" 并不存在，所以 run 应当抛出一个写明它的 IOException，但它返回了 "
                    + (result == null ? "null" : "一个 exitCode 为 " + result.exitCode() + " 的 Result")
                    + "：请让 ProcessBuilder.start() 抛出的 IOException 传出去（或者把它包进一个写明 command.get(0)"
                    + " 的 IOException）"));
        }
    }
}
