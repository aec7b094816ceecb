package threadlings.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import threadlings.grading.Grading;
import threadlings.grading.Manifest;
import threadlings.grading.Report;
import threadlings.grading.Scoreboard;
import threadlings.grading.TestResult;
import threadlings.grading.TopicResult;

/**
 * The kit proves its graders in both directions: the references earn every point, the stubs earn none (every
 * test fails on them: a test a stub passes checks nothing), every mutant is rejected by the test it names with a
 * message that names its mistake, and the graders run at least 90 % of the references' lines.
 *
 * <p>{@code mvn verify -Pselfcheck}, optionally {@code -Dtopic=lock,cores}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
class SelfCheckTest {

    private static final double MIN_LINE_COVERAGE = 0.90;
    private static final int MUTANT_JOBS = Integer.getInteger("threadlings.mutantJobs", 2);

    private static Manifest manifest;
    private static List<Manifest.Topic> topics;
    private static Path root;
    private static Path exercises;
    private static Path solutions;
    private static Path out;
    private static Path coverageData;

    @BeforeAll
    static void setUp() throws IOException {
        manifest = Manifest.load();
        topics = manifest.select(System.getProperty("threadlings.topics", ""));
        root = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();
        exercises = Path.of(System.getProperty("threadlings.exercises")).toAbsolutePath().normalize();
        solutions = Path.of(System.getProperty("threadlings.solutions")).toAbsolutePath().normalize();
        out = root.resolve("graders/target/selfcheck");
        coverageData = out.resolve("jacoco.exec");
        Files.createDirectories(out);
        Files.deleteIfExists(coverageData);
    }

    private static Grading.Options options(List<Path> code, List<Manifest.Topic> which, String run,
                                           List<String> jvmArgs) {
        return new Grading.Options(code, Set.of(exercises, solutions), which, out.resolve(run), jvmArgs,
                root.resolve("graders"), System.out);
    }

    private static List<String> packages() {
        return topics.stream().map(t -> "threadlings." + t.id()).collect(Collectors.toList());
    }

    @Test
    @Order(1)
    @DisplayName("the references earn every point")
    void referencesEarnEveryPoint() throws Exception {
        String agent = Coverage.agentOption(coverageData, solutions, packages());
        List<TopicResult> results = Grading.run(manifest, options(List.of(solutions), topics, "solutions",
                List.of(agent)));
        Report.write(results, out.resolve("solutions/report.json"));
        System.out.print(Scoreboard.render(results));
        List<String> short_ = new ArrayList<>();
        for (TopicResult r : results) {
            if (topics.contains(r.topic()) && !r.fullMarks()) {
                short_.add(r.topic().id() + ": " + r.status() + " " + r.points() + "/" + r.topic().points()
                        + (r.problem() == null ? "" : " (" + r.problem() + ")")
                        + r.firstFailure().map(f -> "\n  " + f.name() + ": " + f.message()).orElse(""));
            }
        }
        assertTrue(short_.isEmpty(), "references that lost points:\n" + String.join("\n", short_));
    }

    @Test
    @Order(2)
    @DisplayName("the graders run at least 90 % of the references' lines")
    void gradersCoverTheReferences() throws Exception {
        assertTrue(Files.exists(coverageData), "no coverage data: the reference run did not happen");
        IBundleCoverage bundle = Coverage.analyse(coverageData, solutions, root.resolve("solutions/src/main/java"),
                packages(), out.resolve("coverage"));
        ICounter lines = bundle.getLineCounter();
        String table = Coverage.perClass(bundle);
        System.out.printf("%nline coverage of the references: %d/%d = %.1f %%%n%s%n(report: %s)%n",
                lines.getCoveredCount(), lines.getTotalCount(), 100 * lines.getCoveredRatio(), table,
                out.resolve("coverage/index.html"));
        assertTrue(lines.getCoveredRatio() >= MIN_LINE_COVERAGE, String.format(
                "the graders run %.1f %% of the references' lines, under %.0f %%:%n%s",
                100 * lines.getCoveredRatio(), 100 * MIN_LINE_COVERAGE, table));
    }

    @Test
    @Order(3)
    @DisplayName("every test fails on the stubs")
    void stubsEarnNothing() throws Exception {
        List<TopicResult> results = Grading.run(manifest, options(List.of(exercises), topics, "stubs", List.of()));
        List<String> problems = new ArrayList<>();
        for (TopicResult r : results) {
            if (!topics.contains(r.topic())) {
                continue;
            }
            if (r.points() != 0 || !r.status().equals("failed")) {
                problems.add(r.topic().id() + ": " + r.status() + " with " + r.points() + " points"
                        + (r.problem() == null ? "" : " (" + r.problem() + ")"));
            }
            for (TestResult t : r.tests()) {
                if (t.graded() && !t.failed()) {
                    problems.add(r.topic().id() + ": \"" + t.name() + "\" " + t.status()
                            + " on the stub, so it checks nothing the stub lacks");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @TestFactory
    @Order(4)
    @DisplayName("every mutant is rejected by the test it names")
    Stream<DynamicTest> mutantsAreRejected() throws IOException {
        List<String> ids = topics.stream().map(Manifest.Topic::id).collect(Collectors.toList());
        List<Mutant> mutants = Mutant.all(root.resolve("graders/src/mutants"), ids);
        for (Manifest.Topic topic : topics) {
            long count = mutants.stream().filter(m -> m.topic().equals(topic.id())).count();
            assertTrue(count >= 4, "topic " + topic.id() + " has " + count + " mutants; every topic needs 4 or more");
        }
        // Mutants are graded MUTANT_JOBS at a time (each in JVMs of its own): the graders must reject them on a
        // busy machine anyway, and the self-check takes half the time.
        ExecutorService pool = Executors.newFixedThreadPool(MUTANT_JOBS);
        Map<Mutant, Future<TopicResult>> graded = new LinkedHashMap<>();
        for (Mutant m : mutants) {
            graded.put(m, pool.submit(() -> grade(m)));
        }
        pool.shutdown();
        return mutants.stream().map(m -> DynamicTest.dynamicTest(m + ": " + m.mistake(),
                () -> reject(m, graded.get(m).get())));
    }

    private static TopicResult grade(Mutant m) throws Exception {
        Path classes = m.compile(solutions, out.resolve("mutants/" + m.topic() + "/" + m.id() + "/classes"));
        Manifest.Topic topic = manifest.topic(m.topic());
        // Only the test the mutant names: it must fail, and every failing test costs its topic points.
        return Grading.grade(topic, options(List.of(classes, solutions), List.of(topic),
                "mutants/" + m.topic() + "/" + m.id(), List.of()).only(m.fails()));
    }

    private static void reject(Mutant m, TopicResult r) {
        Manifest.Topic topic = r.topic();
        TestResult named = r.tests().stream().filter(t -> t.name().equals(m.fails())).findFirst().orElse(null);
        if (named == null) {
            fail("mutant " + m + " names the test \"" + m.fails() + "\", which did not run (" + r.status()
                    + (r.problem() == null ? "" : ": " + r.problem()) + "). Tests that ran: "
                    + r.tests().stream().map(TestResult::name).collect(Collectors.joining(" | ")));
        }
        assertEquals("failed", named.status(), "mutant " + m + ": \"" + m.fails() + "\" should fail on it, but "
                + named.status() + ": no grader notices that " + m.mistake());
        assertTrue(r.points() < topic.points(), "mutant " + m + " kept every point");
        assertTrue(m.messageMatches(named.message()), "mutant " + m + ": the failure of \"" + m.fails()
                + "\" should mention \"" + m.message() + "\" (the real mistake), but says:\n" + named.message());
        System.out.printf("rejected %s by \"%s\" (%s, %d/%d points, %.1f s)%n", m, m.fails(), r.status(),
                r.points(), topic.points(), r.seconds());
    }
}
