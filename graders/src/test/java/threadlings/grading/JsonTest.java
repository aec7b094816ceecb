package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Label;

class JsonTest {

    @Property(tries = 200)
    @Label("any string survives a round trip")
    void strings(@ForAll String s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", s);
        m.put("list", Arrays.asList(1L, "x", null, true, 2.5));
        assertEquals(m, Json.parse(Json.write(m)));
        assertEquals(m, Json.parse(Json.pretty(m)));
    }
}
