package threadlings.subprocess;

import static org.junit.jupiter.api.Assertions.fail;

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
                    fail("run threw " + e + " for a program that does not exist, but its message does not name"
                            + " the program \"" + program + "\": say which program could not be started");
                }
                return;
            } catch (RuntimeException e) {
                throw new AssertionError("run must throw an IOException naming the program when it cannot be"
                        + " started, but it threw " + e, e);
            }
            fail("there is no program \"" + program + "\", so run must throw an IOException that names it, but it"
                    + " returned " + (result == null ? "null" : "a Result with exitCode " + result.exitCode())
                    + ": let the IOException from ProcessBuilder.start() out (or wrap it in one that names"
                    + " command.get(0))");
        }
    }
}
