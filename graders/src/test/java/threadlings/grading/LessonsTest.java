package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The student's reading: a lesson in English and in Chinese next to every topic's stub, the two indexes at the
 * repository root that list the path in order, and the manifest texts a student reads once a topic is done. Each
 * test collects every problem it finds and reports them together.
 */
class LessonsTest {

    private static final Path ROOT = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();
    private static final String INDEX = "LESSONS.md";
    private static final String INDEX_ZH = "LESSONS.zh.md";
    private static final String LESSON = "README.md";
    private static final String LESSON_ZH = "README.zh.md";

    /** A Markdown link or image target: {@code [text](target)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A fenced code block, whose text is not Markdown. */
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    /** Any CJK unified ideograph: a Chinese text has some. */
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Test
    @DisplayName("every topic has a lesson in English and in Chinese, naming the command that grades it")
    void everyTopicHasBothLessons() {
        List<String> problems = new ArrayList<>();
        for (Manifest.Topic topic : Manifest.load().topics()) {
            Map<String, Object> zh = zh(topic.id());
            String zhTitle = zh == null ? null : text(zh.get("title"));
            checkLesson(topic, LESSON, LESSON_ZH, topic.title(), problems);
            checkLesson(topic, LESSON_ZH, LESSON, zhTitle, problems);
        }
        report(problems);
    }

    @Test
    @DisplayName("LESSONS.md and LESSONS.zh.md list every topic in path order, with its lesson and its command")
    void indexesListThePathInOrder() {
        List<String> problems = new ArrayList<>();
        checkIndex(INDEX, INDEX_ZH, LESSON, problems);
        checkIndex(INDEX_ZH, INDEX, LESSON_ZH, problems);
        report(problems);
    }

    @Test
    @DisplayName("every relative link in the lessons and the indexes leads to a file of the kit")
    void linksResolve() {
        List<String> problems = new ArrayList<>();
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve(INDEX), ROOT.resolve(INDEX_ZH)));
        for (Manifest.Topic topic : Manifest.load().topics()) {
            documents.add(lessonFolder(topic.id()).resolve(LESSON));
            documents.add(lessonFolder(topic.id()).resolve(LESSON_ZH));
        }
        for (Path document : documents) {
            String text = read(document);
            if (text == null) {
                continue; // reported by the other tests
            }
            for (String target : links(text)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // a web address, or a place in the same page
                }
                String file = target.replaceFirst("#.*$", "");
                if (!Files.exists(document.getParent().resolve(file).normalize())) {
                    problems.add(ROOT.relativize(document) + " links to " + target + ", which does not exist");
                }
            }
        }
        report(problems);
    }

    @Test
    @DisplayName("every topic in the manifest says what was learned, and has its title, hint and that in Chinese")
    void manifestHasLearnedAndChinese() {
        List<String> problems = new ArrayList<>();
        for (Manifest.Topic topic : Manifest.load().topics()) {
            String id = topic.id();
            Object learned = rawTopic(id).get("learned");
            if (text(learned) == null) {
                problems.add("topics.json: topic " + id + " has no \"learned\" text (what a student with full marks"
                        + " reads)");
            }
            Map<String, Object> zh = zh(id);
            if (zh == null) {
                problems.add("topics.json: topic " + id + " has no \"zh\" object with its Chinese title, hint and"
                        + " learned text");
                continue;
            }
            for (String field : List.of("title", "hint", "learned")) {
                String value = text(zh.get(field));
                if (value == null) {
                    problems.add("topics.json: topic " + id + " has no \"zh\"." + field);
                } else if (!HAN.matcher(value).find()) {
                    problems.add("topics.json: topic " + id + "'s \"zh\"." + field + " is not Chinese: " + value);
                }
            }
        }
        report(problems);
    }

    @Test
    @DisplayName("the kit's README and the student copy's README point to both indexes")
    void readmesPointToTheLessons() {
        List<String> problems = new ArrayList<>();
        for (String readme : List.of("README.md", "scripts/template/README.md")) {
            String text = read(ROOT.resolve(readme));
            if (text == null) {
                problems.add(readme + " is missing");
                continue;
            }
            for (String index : List.of(INDEX, INDEX_ZH)) {
                if (!links(text).contains(index)) {
                    problems.add(readme + " has no link to " + index);
                }
            }
        }
        report(problems);
    }

    /** One lesson file: there, its first line links to the other language, it has its title and its command. */
    private static void checkLesson(Manifest.Topic topic, String name, String other, String title,
                                    List<String> problems) {
        Path file = lessonFolder(topic.id()).resolve(name);
        String where = ROOT.relativize(file).toString();
        String text = read(file);
        if (text == null || text.isBlank()) {
            problems.add(where + " is missing: topic " + topic.id() + " needs a lesson in it");
            return;
        }
        String firstLine = text.lines().findFirst().orElse("");
        if (!links(firstLine).contains(other)) {
            problems.add(where + ": its first line must link to the lesson in the other language, " + other
                    + "; it is \"" + firstLine + "\"");
        }
        if (title != null && !text.contains(title)) {
            problems.add(where + " does not carry the topic's title \"" + title + "\"");
        }
        if (!names(text, topic.id())) {
            problems.add(where + " never names the command that grades just this topic, -Dtopic=" + topic.id());
        }
    }

    /** One index: it links to the other, and lists each topic's lesson and command in manifest order. */
    private static void checkIndex(String name, String other, String lesson, List<String> problems) {
        String text = read(ROOT.resolve(name));
        if (text == null || text.isBlank()) {
            problems.add(name + " is missing at the repository root");
            return;
        }
        List<String> targets = links(text);
        if (!links(text.lines().findFirst().orElse("")).contains(other)) {
            problems.add(name + ": its first line must link to " + other);
        }
        int previous = -1;
        String previousId = null;
        for (Manifest.Topic topic : Manifest.load().topics()) {
            String target = "exercises/src/main/java/threadlings/" + topic.id() + "/" + lesson;
            int at = targets.indexOf(target);
            if (at < 0) {
                problems.add(name + " does not link to topic " + topic.id() + "'s lesson, " + target);
                continue;
            }
            if (!names(text, topic.id())) {
                problems.add(name + " does not name the command for topic " + topic.id() + ", -Dtopic="
                        + topic.id());
            }
            if (at < previous) {
                problems.add(name + " lists topic " + topic.id() + " before " + previousId + ", against the order"
                        + " of the path (topics.json)");
            }
            previous = at;
            previousId = topic.id();
        }
        for (String target : targets) {
            Matcher m = Pattern.compile("^exercises/src/main/java/threadlings/([^/]+)/").matcher(target);
            if (m.find() && Manifest.load().topics().stream().noneMatch(t -> t.id().equals(m.group(1)))) {
                problems.add(name + " links to " + target + ", a lesson of no topic in topics.json");
            }
        }
    }

    /** Whether {@code text} has {@code -Dtopic=<id>} with nothing more of an id after it. */
    private static boolean names(String text, String id) {
        return Pattern.compile("-Dtopic=" + Pattern.quote(id) + "(?![A-Za-z0-9_-])").matcher(text).find();
    }

    /** The link targets of a Markdown text, in order, code blocks left out. */
    private static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        Matcher m = LINK.matcher(FENCE.matcher(markdown).replaceAll(""));
        while (m.find()) {
            targets.add(m.group(1));
        }
        return targets;
    }

    private static Path lessonFolder(String id) {
        return ROOT.resolve("exercises/src/main/java/threadlings").resolve(id);
    }

    /** The file's text, or null if there is none. */
    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A non-blank string, or null. */
    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** The topic's "zh" object, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> zh(String id) {
        Object zh = rawTopic(id).get("zh");
        return zh instanceof Map<?, ?> ? (Map<String, Object>) zh : null;
    }

    /** The topic's object in the manifest the harness reads, with the fields the harness does not know. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> rawTopic(String id) {
        try (InputStream in = Manifest.class.getResourceAsStream("/topics.json")) {
            assertTrue(in != null, "topics.json is not on the classpath");
            Map<String, Object> root = (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            for (Object topic : (List<Object>) root.get("topics")) {
                Map<String, Object> t = (Map<String, Object>) topic;
                if (id.equals(t.get("id"))) {
                    return t;
                }
            }
            throw new AssertionError("topics.json has no topic " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }
}
