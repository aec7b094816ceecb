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
    @DisplayName("the shipped manifest lists its topics in path order")
    void shipped() {
        List<Manifest.Topic> topics = Manifest.load().topics();
        for (int i = 1; i < topics.size(); i++) {
            assertEquals(true, topics.get(i - 1).number() < topics.get(i).number(), topics.get(i).id());
        }
    }
}
