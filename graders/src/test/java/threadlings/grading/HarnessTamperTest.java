package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness holds against code that attacks it from inside a grader JVM: forged or replayed lines in the event
 * log change no verdict, a log with authentic events removed is not scored, and (under
 * {@code threadlings.guard}) a file planted where graders are loaded from voids its topic and stops the run.
 * Fixtures are in {@code threadlings.fixtures.*}.
 */
class HarnessTamperTest {

    @TempDir
    Path out;

    private static Manifest.Topic topic(String fixture, int number) {
        return new Manifest.Topic("fixtures." + fixture, number, fixture, 10, 60, List.of(), "a hint");
    }

    private Grading.Options options(List<Manifest.Topic> topics, Path... code) {
        Path solutions = Path.of(System.getProperty("threadlings.solutions"));
        List<Path> entries = new java.util.ArrayList<>(List.of(code));
        entries.add(solutions);
        return new Grading.Options(entries, Set.of(solutions), topics, out, List.of(), Path.of("."), null);
    }

    @Test
    @DisplayName("forged, replayed and half-written lines in the event log change no verdict")
    void forgedEvents() throws Exception {
        Manifest.Topic topic = topic("forges", 98);
        TopicResult r = Grading.grade(topic, options(List.of(topic)));
        assertEquals("failed", r.status(), r.problem());
        assertEquals(2, r.tests().size(), r.tests().toString());
        assertEquals(5, r.points());
        assertEquals("fails, after forging", r.firstFailure().orElseThrow().name());
    }

    @Test
    @DisplayName("a log with authentic events removed is not scored")
    void cutEvents() throws Exception {
        Manifest.Topic topic = topic("cuts", 97);
        TopicResult r = Grading.grade(topic, options(List.of(topic)));
        assertEquals("crashed", r.status());
        assertEquals(0, r.points());
        assertTrue(r.problem().contains("tampered with"), r.problem());
    }

    @Test
    @DisplayName("with the guard on, a file planted where graders load from voids the topic and stops the run")
    void plantedClass() throws Exception {
        Manifest.Topic plants = topic("plants", 96);
        Manifest.Topic mixed = topic("mixed", 99);
        Manifest manifest = Manifest.parse("{\"topics\": [" + json(plants) + "," + json(mixed) + "]}");
        Path code = Files.createDirectories(out.resolve("code"));
        String before = System.getProperty(Grading.GUARD);
        System.setProperty(Grading.GUARD, "true");
        List<TopicResult> results;
        try {
            results = Grading.run(manifest, options(manifest.topics(), code));
        } finally {
            if (before == null) {
                System.clearProperty(Grading.GUARD);
            } else {
                System.setProperty(Grading.GUARD, before);
            }
        }
        assertTrue(Files.exists(code.resolve("Planted.class")), "the fixture did not plant its file");
        assertEquals("crashed", results.get(0).status());
        assertEquals(0, results.get(0).points());
        assertTrue(results.get(0).problem().contains("Planted.class"), results.get(0).problem());
        assertEquals("not-run", results.get(1).status());
        assertTrue(results.get(1).problem().contains("fixtures.plants"), results.get(1).problem());

        // Without the guard (a student's own run), the same code is graded as usual.
        Files.delete(code.resolve("Planted.class"));
        List<TopicResult> unguarded = Grading.run(manifest, options(manifest.topics(), code));
        assertEquals("passed", unguarded.get(0).status());
        assertEquals("failed", unguarded.get(1).status());
    }

    private static String json(Manifest.Topic t) {
        return "{\"id\":\"" + t.id() + "\",\"number\":" + t.number() + ",\"title\":\"" + t.title()
                + "\",\"points\":10,\"timeoutSeconds\":60,\"files\":[],\"hint\":\"h\"}";
    }
}
