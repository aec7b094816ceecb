package threadlings.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import threadlings.grading.Json;

/**
 * The student copy an instructor gives a class ({@code scripts/export-template.sh}) holds no solutions, mutants or
 * self-check, and in it {@code mvn test} runs, grades every topic to zero and prints the scoreboard.
 *
 * <p>With {@code -Dtopic=...}, only those topics are graded in the copy. Not on Windows, where the export script
 * needs a bash the self-check cannot count on.
 */
class ExportTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    @DisplayName("the student copy has no solutions, and its mvn test grades every topic to zero")
    void studentCopy() throws Exception {
        assumeFalse(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"),
                "the export script needs bash");
        Path root = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();
        Path copy = tmp.resolve("class-template");
        run(root, 300, "bash", "scripts/export-template.sh", copy.toString());

        for (String absent : List.of("solutions", "graders/src/mutants", "graders/src/hostile",
                "graders/src/test/java/threadlings/selfcheck",
                "graders/src/test/java/threadlings/grading", "graders/src/test/java/threadlings/fixtures", ".ci",
                ".github/workflows/ci.yml", "CONTRIBUTING.md", "scripts/reliability.sh", "scripts/export-template.sh")) {
            assertFalse(Files.exists(copy.resolve(absent)), absent + " is in the student copy");
        }
        for (String present : List.of("mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties",
                "graders/src/main/resources/topics.json", ".github/workflows/grade.yml",
                ".github/workflows/grade-class.yml", "scripts/grade-pr.sh", "scripts/gradebook.sh",
                "exercises/src/main/java/threadlings/support/Jvm.java", "LICENSE")) {
            assertTrue(Files.exists(copy.resolve(present)), present + " is missing from the student copy");
        }
        assertEquals(Files.readString(root.resolve("scripts/template/README.md")), Files.readString(copy.resolve(
                "README.md")), "the student copy's README is the student one");
        assertFalse(Files.readString(copy.resolve("pom.xml")).contains("<module>solutions</module>"));
        try (Stream<Path> files = Files.walk(copy)) {
            assertTrue(files.noneMatch(p -> p.toString().contains("solutions")), "a path names the solutions");
        }

        String topic = System.getProperty("threadlings.topics", "");
        List<String> command = new ArrayList<>(List.of("sh", "mvnw", "-o", "-B", "test"));
        if (!topic.isBlank()) {
            command.add("-Dtopic=" + topic);
        }
        Result r = run(copy, 1800, command.toArray(String[]::new));
        assertNotEquals(0, r.exit, "mvn test passed on the stubs:\n" + r.tail());
        assertTrue(r.out.contains(" threadlings scoreboard"), "no scoreboard:\n" + r.tail());
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) Json.parse(Files.readString(
                copy.resolve("graders/target/grading/report.json")));
        assertEquals(0L, report.get("points"), r.tail());
        int graded = 0;
        for (Object o : (List<?>) report.get("topics")) {
            Map<?, ?> t = (Map<?, ?>) o;
            assertEquals(0L, t.get("points"), t.get("id") + " earned points on its stub");
            if (t.get("status").equals("failed")) {
                graded++;
            } else {
                assertEquals("not-run", t.get("status"), t.get("id") + ": " + t.get("problem"));
            }
        }
        assertTrue(graded > 0, "no topic was graded:\n" + r.tail());
        System.out.println("student copy: mvn test graded " + graded + " topic(s) to zero");
    }

    private record Result(int exit, String out) {
        String tail() {
            return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
        }
    }

    private static Result run(Path dir, long seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("threadlings-export", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took more than " + seconds + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            if (command[0].equals("bash")) {
                assertEquals(0, r.exit, r.out);
            }
            return r;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
