package threadlings.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kit's topics in path order, read from {@code topics.json}: the one list that the scoreboard, the report, the
 * self-check and the student copy all follow.
 */
public final class Manifest {

    /**
     * One topic of the path. {@code title}, {@code hint} and {@code learned} are the English texts (the ones tools
     * and {@code report.json} use); {@code zh} holds the Simplified Chinese ones, any of which may be missing.
     * {@link #text()} gives the texts a student reads, in the run's language.
     *
     * @param learned what a student who earned every point has just learned; may be null
     * @param zh      the Chinese title, hint and learned text; null, or any field null, where not translated
     */
    public record Topic(String id, int number, String title, int points, int timeoutSeconds, List<String> files,
                        String hint, String learned, Text zh) {

        /** A topic with English texts only and nothing on what it teaches (tests and fixtures). */
        public Topic(String id, int number, String title, int points, int timeoutSeconds, List<String> files,
                     String hint) {
            this(id, number, title, points, timeoutSeconds, files, hint, null, null);
        }

        /** "07 lock", as the scoreboard names it. */
        public String label() {
            return String.format("%02d %s", number, id);
        }

        /** The texts in the run's language ({@link Lang#current()}). */
        public Text text() {
            return text(Lang.current());
        }

        /** The texts in {@code lang}, each in English where it has no translation. */
        public Text text(Lang lang) {
            Text en = new Text(title, hint, learned);
            if (lang != Lang.ZH || zh == null) {
                return en;
            }
            return new Text(zh.title() != null ? zh.title() : title, zh.hint() != null ? zh.hint() : hint,
                    zh.learned() != null ? zh.learned() : learned);
        }
    }

    /**
     * A topic's texts in one language.
     *
     * @param title   what the topic is about, in a line
     * @param hint    the hint shown while it is not done
     * @param learned what it taught, shown once it is done; may be null
     */
    public record Text(String title, String hint, String learned) {
    }

    private final List<Topic> topics;

    private Manifest(List<Topic> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The manifest shipped with the graders. */
    public static Manifest load() {
        try (InputStream in = Manifest.class.getResourceAsStream("/topics.json")) {
            if (in == null) {
                throw new IllegalStateException("topics.json is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a manifest's JSON text. */
    @SuppressWarnings("unchecked")
    public static Manifest parse(String json) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        List<Topic> topics = new ArrayList<>();
        for (Object o : (List<Object>) root.get("topics")) {
            Map<String, Object> t = (Map<String, Object>) o;
            List<String> files = new ArrayList<>();
            for (Object f : (List<Object>) t.get("files")) {
                files.add((String) f);
            }
            topics.add(new Topic((String) t.get("id"), ((Number) t.get("number")).intValue(), (String) t.get("title"),
                    ((Number) t.get("points")).intValue(), ((Number) t.get("timeoutSeconds")).intValue(), files,
                    (String) t.get("hint"), text(t.get("learned")), translation(t.get("zh"))));
        }
        return new Manifest(topics);
    }

    /** A translation's texts; null when there is none (the field is optional: English stands in). */
    @SuppressWarnings("unchecked")
    private static Text translation(Object zh) {
        if (!(zh instanceof Map)) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) zh;
        return new Text(text(m.get("title")), text(m.get("hint")), text(m.get("learned")));
    }

    /** A text field: null when missing, blank or not a string. */
    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    public List<Topic> topics() {
        return topics;
    }

    /** The topic named {@code id}. */
    public Topic topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic named '" + id + "'; the topics are: "
                        + ids()));
    }

    /**
     * The topics a {@code -Dtopic=} value selects, in path order: all of them for an empty value, otherwise the
     * comma-separated ids. An unknown id is an error that lists the known ones.
     */
    public List<Topic> select(String spec) {
        if (spec == null || spec.isBlank()) {
            return topics;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : spec.split(",")) {
            if (!id.isBlank()) {
                wanted.add(topic(id.trim()).id());
            }
        }
        return topics.stream().filter(t -> wanted.contains(t.id())).toList();
    }

    private String ids() {
        return String.join(", ", topics.stream().map(Topic::id).toList());
    }
}
