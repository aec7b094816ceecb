package threadlings.grading;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test's name as the student reads it. Names are compile-time constants ({@code @DisplayName}, jqwik's
 * {@code @Label}), so they are written in English; each topic's {@code threadlings/<topic>/test-names.zh.tsv}
 * (a line per test: the English name, a tab, the Chinese name) gives them in Chinese. Reports keep the English
 * name, which tools and mutants rely on; only what is shown is translated.
 */
public final class TestNames {

    private static final Map<String, Map<String, String>> ZH = new ConcurrentHashMap<>();

    private TestNames() {
    }

    /** The name to show for a test of {@code topic} in this run's language (the English name when none is known). */
    public static String shown(String topic, String name) {
        if (name == null || Lang.current() != Lang.ZH) {
            return name;
        }
        return ZH.computeIfAbsent(topic, TestNames::load).getOrDefault(name, name);
    }

    /** The Chinese names of a topic's tests, by English name (empty when the topic has no such file). */
    public static Map<String, String> load(String topic) {
        Map<String, String> names = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TestNames.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream("threadlings/" + topic + "/test-names.zh.tsv")) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (tab > 0 && tab < line.length() - 1) {
                    names.put(line.substring(0, tab), line.substring(tab + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
