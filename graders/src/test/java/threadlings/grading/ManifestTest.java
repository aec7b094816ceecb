package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestTest {

    @Test
    @DisplayName("a manifest reads and selects topics in path order")
    void manifest() {
        Manifest m = Manifest.parse("{\"topics\":[{\"id\":\"a\",\"number\":1,\"title\":\"A\",\"points\":5,"
                + "\"timeoutSeconds\":9,\"files\":[\"x\"],\"hint\":\"h\"},{\"id\":\"b\",\"number\":2,\"title\":\"B\","
                + "\"points\":5,\"timeoutSeconds\":9,\"files\":[],\"hint\":\"h\"}]}");
        assertEquals(List.of("a", "b"), m.select("b, a").stream().map(Manifest.Topic::id).toList());
        assertEquals(2, m.select("").size());
        assertEquals("01 a", m.topic("a").label());
    }

    @Test
    @DisplayName("a topic's title, hint and learned text come in the run's language, in English where untranslated")
    void localized() {
        Manifest m = Manifest.parse("{\"topics\":[{\"id\":\"a\",\"number\":1,\"title\":\"A\",\"points\":5,"
                + "\"timeoutSeconds\":9,\"files\":[],\"hint\":\"h\",\"learned\":\"l\",\"zh\":{\"title\":\"甲\","
                + "\"hint\":\" \"}},{\"id\":\"b\",\"number\":2,\"title\":\"B\",\"points\":5,\"timeoutSeconds\":9,"
                + "\"files\":[],\"hint\":\"h\"}]}");
        assertEquals(new Manifest.Text("甲", "h", "l"), m.topic("a").text(Lang.ZH));
        assertEquals(new Manifest.Text("A", "h", "l"), m.topic("a").text(Lang.EN));
        assertEquals(new Manifest.Text("B", "h", null), m.topic("b").text(Lang.ZH));
        assertEquals("A", m.topic("a").title(), "the record's title stays English, for report.json and tools");
    }

    @Test
    @DisplayName("the shipped manifest lists its topics in path order")
    void shipped() {
        List<Manifest.Topic> topics = Manifest.load().topics();
        for (int i = 1; i < topics.size(); i++) {
            assertEquals(true, topics.get(i - 1).number() < topics.get(i).number(), topics.get(i).id());
        }
    }
}
