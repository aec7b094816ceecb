package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness grades code that exits, spins, hangs and leaks processes, in bounded time, and each of those costs
 * its own topic only. Fixtures are in {@code threadlings.fixtures.*}.
 */
class GradingTest {

    @TempDir
    Path out;

    private TopicResult grade(String fixture, int timeoutSeconds) throws Exception {
        Manifest.Topic topic = new Manifest.Topic("fixtures." + fixture, 99, fixture, 10, timeoutSeconds, List.of(),
                "a hint");
        Path solutions = Path.of(System.getProperty("threadlings.solutions"));
        Grading.Options options = new Grading.Options(List.of(solutions), Set.of(solutions), List.of(topic), out,
                List.of(), Path.of("."), null);
        return Grading.grade(topic, options);
    }

    @Test
    @DisplayName("points are the passed share of graded tests, rounded down; lessons never count")
    void partialPoints() throws Exception {
        TopicResult r = grade("mixed", 60);
        assertEquals("failed", r.status());
        assertEquals(7, r.points());
        assertEquals(5, r.tests().size());
        TestResult failure = r.firstFailure().orElseThrow();
        assertEquals("four fails", failure.name());
        assertTrue(failure.message().contains("two and one make four"), failure.message());
        assertTrue(failure.stack().contains("MixedTest.java"), failure.stack());
        TestResult lesson = r.tests().stream().filter(t -> !t.graded()).findFirst().orElseThrow();
        assertEquals("look at this", lesson.lesson());
    }

    @Test
    @DisplayName("a test that calls System.exit crashes its topic, and the tests before it are still reported")
    void exitIsACrash() throws Exception {
        TopicResult r = grade("exits", 60);
        assertEquals("crashed", r.status());
        assertEquals(0, r.points());
        assertTrue(r.problem().contains("\"exits()\""), r.problem());
        assertTrue(r.tests().get(0).passed());
    }

    @Test
    @DisplayName("a busy loop past its test's limit ends the topic at once as timed-out")
    void busyLoopTimesOut() throws Exception {
        long start = System.nanoTime();
        TopicResult r = grade("spins", 60);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("timed-out", r.status());
        assertEquals(0, r.points());
        assertTrue(r.problem().contains("spins()"), r.problem());
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    @DisplayName("a hang no test limit covers is stopped by the topic's time budget")
    void hangHitsTheBudget() throws Exception {
        long start = System.nanoTime();
        TopicResult r = grade("hangs", 5);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("timed-out", r.status());
        assertTrue(r.problem().contains("after 5 s"), r.problem());
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    @Test
    @DisplayName("a test that leaves processes running fails, and they and their children are killed")
    void leakedProcessesFailTheTest() throws Exception {
        Path pidFile = Path.of(System.getProperty("java.io.tmpdir"), "threadlings-leak-fixture.pid");
        TopicResult r = grade("leaks", 60);
        assertEquals("failed", r.status());
        TestResult t = r.tests().get(0);
        assertTrue(t.message().contains("left 2 process(es) running"), t.message());
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(Processes.awaitGone(grandchild, java.time.Duration.ofSeconds(5)), "grandchild still runs");
    }

    @Test
    @DisplayName("the report lists every topic, with the contract's fields")
    void reportShape() throws Exception {
        TopicResult mixed = grade("mixed", 60);
        Manifest.Topic other = new Manifest.Topic("other", 100, "other", 5, 10, List.of(), "h");
        Path file = out.resolve("report.json");
        Report.write(List.of(mixed, TopicResult.notRun(other, "not selected for this run")), file);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> json = (java.util.Map<String, Object>) Json.parse(Files.readString(file));
        assertEquals(7L, json.get("points"));
        assertEquals(15L, json.get("max"));
        List<?> topics = (List<?>) json.get("topics");
        assertEquals(2, topics.size());
        String text = Files.readString(file);
        for (String field : List.of("\"id\"", "\"title\"", "\"status\"", "\"tests\"", "\"name\"", "\"message\"",
                "\"not-run\"")) {
            assertTrue(text.contains(field), field);
        }
        String board = Scoreboard.render(List.of(mixed));
        assertTrue(board.contains("7/10"), board);
        assertTrue(board.contains("four fails"), board);
        assertTrue(board.contains("hint: a hint"), board);
        assertFalse(board.contains("Every point earned"), board);
    }
}
