package threadlings.grading.pr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two scripts the workflows run, run as the workflows run them: each compiles its command from the kit's
 * sources with javac alone, so a harness class the command comes to need, and the script does not compile, breaks
 * every class's grading while every in-process test stays green. Not on Windows, where the scripts need a bash.
 */
class ScriptsTest {

    static final Path ROOT = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeEach
    void notOnWindows() {
        assumeFalse(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"),
                "the scripts need bash");
    }

    record Run(int exit, String output) {
    }

    /** Runs {@code command} in {@code in}, with this JVM's JDK first on the PATH. */
    static Run run(Path in, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().merge("PATH", bin.toString(), (old, jdk) -> jdk + File.pathSeparator + old);
        // Surefire hands its fork the test classpath in CLASSPATH, where javac would find every harness class the
        // script forgot to compile; a workflow's runner has no such variable.
        builder.environment().remove("CLASSPATH");
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=kit", "-c", "user.email=kit@example.org"));
        command.addAll(List.of(args));
        Run r = run(repo, command.toArray(new String[0]));
        assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.output());
    }

    @Test
    @DisplayName("grade-pr.sh compiles and runs: it names the paths a pull request changes outside the student files")
    void gradePr() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path manifest = repo.resolve("graders/src/main/resources/topics.json");
        Files.createDirectories(manifest.getParent());
        Files.copy(ROOT.resolve("graders/src/main/resources/topics.json"), manifest);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "head");
        Path out = dir.resolve("out");
        Run r = run(ROOT, "bash", "scripts/grade-pr.sh", "--paths-only", repo.toString(), "HEAD~1", "HEAD",
                out.toString());
        assertEquals(1, r.exit(), r.output());
        assertEquals("pom.xml", Files.readString(out.resolve("protected.txt")).strip(), r.output());
    }

    @Test
    @DisplayName("gradebook.sh compiles and runs: it turns a list of repositories into the grading matrix")
    void gradebook() throws Exception {
        Run r = run(ROOT, "bash", "scripts/gradebook.sh", "matrix", "a/one, b/two");
        assertEquals(0, r.exit(), r.output());
        assertEquals("[\"a/one\",\"b/two\"]", r.output().strip());
    }
}
