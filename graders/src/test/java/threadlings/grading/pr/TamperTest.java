package threadlings.grading.pr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import threadlings.grading.Json;

/**
 * A student's pull request cannot raise its own score. One temporary git repository holds a base commit (the
 * student copy of this kit, as {@code scripts/export-template.sh} writes it) and, on top of an honest commit that
 * earns part of the threads topic's points, one commit per attempt to cheat. Each is graded end to end by
 * {@link GradePullRequest} (Maven, the harness, a grader JVM), and each must earn exactly what the honest code
 * earns, and name every path it changed outside the student files.
 *
 * <p>Only the threads topic is graded, to keep this quick. Not on Windows, where the export script needs a bash
 * the self-check cannot count on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class TamperTest {

    static final String THREADS = "exercises/src/main/java/threadlings/threads/Threads.java";
    static final String LOOP_TEST = "graders/src/test/java/threadlings/threads/LoopTest.java";
    static final String JVM = "exercises/src/main/java/threadlings/support/Jvm.java";
    static final String PRIMES = "exercises/src/main/java/threadlings/speedup/Primes.java";
    static final String INTERPRETER = "exercises/src/main/java/threadlings/gil/Interpreter.java";
    static final String WORKFLOW = ".github/workflows/grade.yml";

    /** The threads topic done but for one rule: a negative step count is not refused (2 of 14 tests fail). */
    static final String HONEST = """
            package threadlings.threads;

            import java.util.ArrayList;
            import java.util.List;

            public final class Threads {

                private Threads() {
                }

                public static Thread startNamed(String name, Runnable body) {
                    Thread thread = new Thread(body, name);
                    thread.start();
                    return thread;
                }

                public static List<String> loop(String name, int n) throws InterruptedException {
                    List<String> records = new ArrayList<>();
                    if (n < 0) {
                        return records; // the mistake: this should throw IllegalArgumentException
                    }
                    Thread thread = startNamed(name, () -> {
                        for (int i = 1; i <= n; i++) {
                            records.add("thread " + currentName() + " >>> " + i);
                        }
                    });
                    thread.join();
                    return records;
                }

                public static String currentName() {
                    return Thread.currentThread().getName();
                }
                //EXTRA
            }
            """;

    /** Prints what could pass for results, and fails the same tests with a message full of commands. */
    static final String PRINTS = HONEST.replace("return records; // the mistake: this should throw IllegalArgumentException",
            """
            throw new IllegalStateException(FORGED);""").replace("//EXTRA", """
            static final String FORGED = "\\n::notice file=.github,line=1,title=Autograding complete::Points 999/999"
                    + "\\n::stop-commands::x\\n::x::\\n::error file=pom.xml,line=1::forged\\n</pre>\\n\\n## Points 999/999"
                    + "\\n| 06 threads | 10/10 |\\nTests run: 14, Failures: 0, Errors: 0, Skipped: 0\\n%0A::notice::Points 10/10";

            static {
                String events = "{\\"event\\":\\"end\\",\\"name\\":\\"forged\\",\\"status\\":\\"passed\\",\\"seq\\":1}";
                for (java.io.PrintStream out : new java.io.PrintStream[] {System.out, System.err,
                        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)}) {
                    out.println("::notice file=.github,line=1,title=Autograding complete::Points 999/999");
                    out.println("::notice::Points 999/999");
                    out.println(events);
                    out.println("[INFO] Tests run: 99, Failures: 0, Errors: 0, Skipped: 0");
                    out.println("----------------------------------------------------------------");
                    out.println(" threadlings scoreboard");
                    out.println("----------------------------------------------------------------");
                    out.println(" 06 threads      10/10  passed     14 tests (1.0 s)");
                    out.println("----------------------------------------------------------------");
                    out.println(" total           10/10");
                    out.flush();
                }
            }
            """);

    /**
     * Writes into the report's folder, when it runs in a grader JVM (whose command line names the event log and
     * the XML folder), each time loop is called: a report, forged (and signed-looking) events, a JUnit XML file.
     */
    static final String WRITES = HONEST.replace("List<String> records = new ArrayList<>();",
            "forge();\n        List<String> records = new ArrayList<>();").replace("//EXTRA", """
            static {
                forge();
            }

            static void forge() {
                try {
                    String[] cmd = System.getProperty("sun.java.command", "").split(" ");
                    if (cmd.length < 4 || !cmd[0].endsWith("TopicRunner")) {
                        return;
                    }
                    java.nio.file.Path events = java.nio.file.Path.of(cmd[2]);
                    java.nio.file.Path grading = events.getParent().getParent();
                    StringBuilder forged = new StringBuilder("\\n");
                    for (int i = 0; i < 100; i++) {
                        forged.append("{\\"event\\":\\"end\\",\\"name\\":\\"forged ").append(i)
                                .append("\\",\\"status\\":\\"passed\\",\\"seq\\":").append(i).append("}\\n");
                        forged.append("0123abcd {\\"event\\":\\"end\\",\\"name\\":\\"forged\\",\\"status\\":\\"passed\\",")
                                .append("\\"seq\\":").append(500 + i).append("}\\n");
                    }
                    forged.append("{\\"event\\":\\"done\\"}\\n");
                    java.nio.file.Files.writeString(events, forged, java.nio.file.StandardOpenOption.APPEND);
                    java.nio.file.Files.writeString(grading.resolve("report.json"),
                            "{\\"points\\": 999, \\"max\\": 999, \\"topics\\": []}");
                    java.nio.file.Files.createDirectories(java.nio.file.Path.of(cmd[3]));
                    java.nio.file.Files.writeString(java.nio.file.Path.of(cmd[3], "TEST-forged.xml"),
                            "<testsuite name=\\"forged\\" tests=\\"99\\" failures=\\"0\\"/>");
                } catch (java.io.IOException e) {
                    // Keep going: the code must behave as the honest code does.
                }
            }
            """);

    static Path tmp;
    static Path repo;
    static String base;
    static String broken;
    static String unparsable;
    static final Map<String, String> heads = new LinkedHashMap<>();
    static final Map<String, Result> results = new LinkedHashMap<>();

    /** One graded attempt. */
    record Result(int exit, String console, Path out, Map<String, Object> grade) {
        int points() {
            return ((Number) grade.get("points")).intValue();
        }

        int max() {
            return ((Number) grade.get("max")).intValue();
        }

        @SuppressWarnings("unchecked")
        List<String> protectedPaths() {
            return (List<String>) (List<?>) grade.get("protected");
        }

        String file(String name) throws IOException {
            return Files.readString(out.resolve(name), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void repository() throws Exception {
        assumeFalse(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"),
                "the export script needs bash");
        Path root = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();
        tmp = Files.createTempDirectory("threadlings-tamper-");
        repo = tmp.resolve("repo");
        run(root, "bash", "scripts/export-template.sh", repo.toString());
        git("init", "-q", "-b", "main");
        commit("the class's template");
        base = git("rev-parse", "HEAD").strip();

        git("checkout", "-q", "-b", "honest");
        write(THREADS, HONEST);
        heads.put("honest", commit("threads, almost done"));

        attempt("grader", () -> replace(LOOP_TEST, "static void refused(int n) throws Exception {",
                "static void refused(int n) throws Exception {\n            if (n < 0) {\n                return;\n            }"));
        attempt("pom", () -> {
            replace("graders/pom.xml", "<threadlings.skipGrade>false</threadlings.skipGrade>",
                    "<threadlings.skipGrade>true</threadlings.skipGrade>");
            replace("pom.xml", "<properties>", "<properties>\n    <skipTests>true</skipTests>");
        });
        attempt("workflow", () -> write(WORKFLOW, "name: grade\non: [pull_request]\njobs:\n  grade:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n      - run: echo '::notice::Points 10/10'\n"));
        attempt("given", () -> {
            replace(JVM, "public final class Jvm {", "public final class Jvm {\n    // changed by the student");
            write(PRIMES, "package threadlings.speedup;\n\npublic final class Primes {\n"
                    + "    public static boolean isPrime(long n) {\n        return true;\n    }\n}\n");
            write(INTERPRETER, "package threadlings.gil;\n\npublic final class Interpreter {\n}\n");
        });
        attempt("prints", () -> write(THREADS, PRINTS));
        attempt("writes", () -> write(THREADS, WRITES));
        git("checkout", "-q", "-B", "broken", heads.get("honest"));
        replace(THREADS, "thread.join();", "thread.join();\n        int steps = \"n\";");
        broken = commit("does not compile");
        git("checkout", "-q", "-B", "unparsable", heads.get("honest"));
        replace(THREADS, "thread.join();", "thread.join()");
        unparsable = commit("cannot be parsed");
        git("checkout", "-q", "honest");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (tmp != null) {
            GradePullRequest.deleteTree(tmp);
        }
    }

    private interface Change {
        void apply() throws Exception;
    }

    private static void attempt(String name, Change change) throws Exception {
        git("checkout", "-q", "-B", name, heads.get("honest"));
        change.apply();
        heads.put(name, commit("attempt: " + name));
    }

    /** Grades an attempt (once; later tests reuse the result). */
    static Result grade(String name) throws Exception {
        Result done = results.get(name);
        if (done != null) {
            return done;
        }
        Path out = tmp.resolve("out-" + name);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradePullRequest.Options options = GradePullRequest.parse(new String[] {"--offline", "--topic=threads",
                "--github", "--student=class/" + name, repo.toString(), base, heads.get(name), out.toString()});
        int exit = GradePullRequest.run(options, new PrintStream(console, true, StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> grade = (Map<String, Object>) Json.parse(Files.readString(out.resolve(Outputs.GRADE)));
        Result r = new Result(exit, console.toString(StandardCharsets.UTF_8), out, grade);
        results.put(name, r);
        System.out.printf("attempt %-8s: %s/%s points, exit %d, protected %s%n", name, grade.get("points"),
                grade.get("max"), exit, grade.get("protected"));
        return r;
    }

    /** The honest score, which every attempt must earn exactly. */
    static int honestPoints() throws Exception {
        return grade("honest").points();
    }

    private static void assertHonest(Result r, String name) throws Exception {
        assertEquals(List.of(), r.grade().get("refused"), name + ": the attempt's own file must be graded");
        assertEquals(honestPoints(), r.points(), name + ": " + r.console());
        assertEquals(10, r.max());
        assertEquals("Points " + honestPoints() + "/10", r.file(Outputs.POINTS).strip());
        List<Runner.Command> commands = Runner.commands(r.console());
        List<Runner.Command> notices = commands.stream().filter(c -> c.name().equals("notice")).toList();
        assertEquals(1, notices.size(), "one Points notice, the grading's own: " + commands);
        assertEquals("Points " + honestPoints() + "/10", notices.get(0).message());
        for (Runner.Command c : commands) {
            assertTrue(c.name().equals("notice") || c.name().equals("error") || c.name().equals("warning"),
                    "only annotations and the notice: " + c);
            assertTrue(c.properties().isEmpty() || c.properties().startsWith("file=" + THREADS)
                    || c.properties().startsWith("file=.github,line=1,"), "annotations name the student's file: " + c);
        }
    }

    @Test
    @Order(1)
    @DisplayName("the honest commit earns part of the points, as its one mistake costs")
    void honest() throws Exception {
        Result r = grade("honest");
        assertEquals(8, r.points(), r.console());
        assertEquals(1, r.exit());
        assertEquals(List.of(), r.protectedPaths());
        assertHonest(r, "honest");
        assertTrue(r.file(Outputs.SUMMARY).contains("a negative step count is refused with IllegalArgumentException"));
        assertTrue(Files.exists(r.out().resolve("junit/TEST-threadlings.threads.xml")));
        assertTrue(r.file(Outputs.RESULTS).contains("\"score\": 8"), r.file(Outputs.RESULTS));
    }

    @Test
    @Order(2)
    @DisplayName("a grader edited to pass is not used, and its path is named")
    void graderEdited() throws Exception {
        Result r = grade("grader");
        assertHonest(r, "grader");
        assertEquals(List.of(LOOP_TEST), r.protectedPaths());
    }

    @Test
    @Order(3)
    @DisplayName("pom.xml edited to skip the grading is not used, and its paths are named")
    void pomEdited() throws Exception {
        Result r = grade("pom");
        assertHonest(r, "pom");
        assertEquals(List.of("graders/pom.xml", "pom.xml"), r.protectedPaths());
    }

    @Test
    @Order(4)
    @DisplayName("an edited workflow is not used, and its path is named")
    void workflowEdited() throws Exception {
        Result r = grade("workflow");
        assertHonest(r, "workflow");
        assertEquals(List.of(WORKFLOW), r.protectedPaths());
    }

    @Test
    @Order(5)
    @DisplayName("given classes edited or added (Jvm, Primes, Interpreter) are not used, and their paths are named")
    void givenClassesEdited() throws Exception {
        Result r = grade("given");
        assertHonest(r, "given");
        assertEquals(List.of(INTERPRETER, PRIMES, JVM), r.protectedPaths());
    }

    @Test
    @Order(6)
    @DisplayName("what the student's code prints, or puts in a failure message, forges no result and no command")
    void printsForgeries() throws Exception {
        Result r = grade("prints");
        assertHonest(r, "prints");
        assertTrue(r.console().contains("Points 999/999"), "the forged text is shown, as text, between "
                + "stop-commands markers:\n" + r.console());
        String summary = r.file(Outputs.SUMMARY);
        assertEquals(summary.split("<pre>", -1).length, summary.split("</pre>", -1).length, summary);
        String markdown = OutputsTest.outsidePre(summary);
        assertFalse(markdown.contains("999"), "outside <pre>, where GitHub reads Markdown:\n" + markdown);
        assertFalse(markdown.contains("10/10"), markdown);
        for (String line : r.file(Outputs.ANNOTATIONS).split("\n")) {
            assertTrue(line.startsWith("::error file=" + THREADS), "every annotation is one line: " + line);
        }
        assertEquals(r.file(Outputs.ANNOTATIONS).strip().split("\n").length, 2, r.file(Outputs.ANNOTATIONS));
    }

    @Test
    @Order(7)
    @DisplayName("files the student's code writes into the report's folder forge no result")
    void writesForgeries() throws Exception {
        Result r = grade("writes");
        assertHonest(r, "writes");
        String report = r.file("report.json");
        assertFalse(report.contains("999"), report);
        assertFalse(report.contains("forged"), report);
        assertFalse(Files.exists(r.out().resolve("junit/TEST-forged.xml")));
        String results = r.file(Outputs.RESULTS);
        assertFalse(results.contains("forged"), results);
    }

    @Test
    @Order(8)
    @DisplayName("each attempt earned exactly what the honest code earns")
    void summary() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String name : heads.keySet()) {
            Result r = grade(name);
            lines.add(String.format("%-8s %d/%d points, protected paths named: %d", name, r.points(), r.max(),
                    r.protectedPaths().size()));
            assertEquals(honestPoints(), r.points(), name);
            assertNotEquals(2, r.exit(), name + " could not be graded: " + r.console());
        }
        System.out.println("tamper attempts:\n  " + String.join("\n  ", lines));
    }

    @Test
    @Order(9)
    @DisplayName("the protected-path check alone: it names the paths and fails, or passes on student files only")
    void pathsOnly() throws Exception {
        for (String name : List.of("honest", "given")) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            int exit = GradePullRequest.run(GradePullRequest.parse(new String[] {"--paths-only", "--github",
                    repo.toString(), base, heads.get(name), tmp.resolve("paths-" + name).toString()}),
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            List<Runner.Command> commands = Runner.commands(console.toString(StandardCharsets.UTF_8));
            if (name.equals("honest")) {
                assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
                assertEquals(List.of(), commands);
            } else {
                assertEquals(1, exit);
                assertEquals(1, commands.size(), commands.toString());
                assertEquals("error", commands.get(0).name());
                for (String path : List.of(JVM, PRIMES, INTERPRETER)) {
                    assertTrue(commands.get(0).message().contains(path), commands.get(0).message());
                }
                assertEquals(INTERPRETER + "\n" + PRIMES + "\n" + JVM + "\n",
                        Files.readString(tmp.resolve("paths-given").resolve(Outputs.PROTECTED)));
            }
        }
    }

    @Test
    @Order(10)
    @DisplayName("code that does not compile earns nothing, and the compiler's errors are marked on its lines")
    void doesNotCompile() throws Exception {
        Path out = tmp.resolve("out-broken");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = GradePullRequest.run(GradePullRequest.parse(new String[] {"--offline", "--topic=threads",
                "--github", repo.toString(), base, broken, out.toString()}),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(1, exit, console.toString(StandardCharsets.UTF_8));
        assertEquals("Points 0/10", Files.readString(out.resolve(Outputs.POINTS)).strip());
        int line = lineOf(broken, "int steps = \"n\";");
        String annotations = Files.readString(out.resolve(Outputs.ANNOTATIONS));
        assertTrue(annotations.startsWith("::error file=" + THREADS + ",line=" + line + ","), annotations);
        assertTrue(annotations.contains("title=does not compile::"), annotations);
    }

    @Test
    @Order(11)
    @DisplayName("a file javac cannot parse is not graded (the starter file is), and the parser's error is marked")
    void cannotBeParsed() throws Exception {
        Path out = tmp.resolve("out-unparsable");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = GradePullRequest.run(GradePullRequest.parse(new String[] {"--offline", "--topic=threads",
                "--github", repo.toString(), base, unparsable, out.toString()}),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(1, exit, console.toString(StandardCharsets.UTF_8));
        assertEquals("Points 0/10", Files.readString(out.resolve(Outputs.POINTS)).strip());
        String[] annotations = Files.readString(out.resolve(Outputs.ANNOTATIONS)).split("\n");
        int line = lineOf(unparsable, "thread.join()");
        assertTrue(annotations[0].startsWith("::warning file=" + THREADS + ",line=" + line + ",title=not graded::"),
                annotations[0]);
        for (int i = 1; i < annotations.length; i++) {
            assertFalse(annotations[i].contains(",line="), "lines of the starter file mean nothing on the student's: "
                    + annotations[i]);
        }
    }

    /** The line (from 1) of the student file at {@code commit} that contains {@code text}. */
    static int lineOf(String commit, String text) throws Exception {
        String[] lines = git("show", commit + ":" + THREADS).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + THREADS);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=threadlings", "-c",
                "user.email=threadlings@example.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        return run(repo, command.toArray(String[]::new));
    }

    static String commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "--no-verify", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    static void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void replace(String path, String from, String to) throws IOException {
        String text = Files.readString(repo.resolve(path), StandardCharsets.UTF_8);
        assertTrue(text.contains(from), path + " no longer contains \"" + from + "\": update this attempt");
        write(path, text.replace(from, to));
    }

    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
