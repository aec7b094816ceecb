package threadlings.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}, in the shape the contract fixes: total points and max, then every topic of the manifest
 * (none is ever missing) with its status, points and tests.
 */
public final class Report {

    private Report() {
    }

    /** The report as a JSON value. */
    public static Map<String, Object> toJson(List<TopicResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("points", results.stream().mapToInt(TopicResult::points).sum());
        root.put("max", results.stream().mapToInt(r -> r.topic().points()).sum());
        // The language of the messages and of report.html; titles and hints here stay in English, for tools.
        root.put("lang", Lang.current().code());
        List<Object> topics = new ArrayList<>();
        for (TopicResult r : results) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", r.topic().id());
            t.put("title", r.topic().title());
            t.put("points", r.points());
            t.put("max", r.topic().points());
            t.put("status", r.status());
            if (r.problem() != null) {
                t.put("problem", r.problem());
            }
            t.put("hint", r.topic().hint());
            if (r.topic().learned() != null) {
                t.put("learned", r.topic().learned());
            }
            t.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            List<Object> tests = new ArrayList<>();
            for (TestResult test : r.tests()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", test.name());
                e.put("group", test.group());
                e.put("status", test.status());
                e.put("message", test.message() == null ? "" : test.message());
                e.put("graded", test.graded());
                if (test.failed() && test.stack() != null) {
                    e.put("stack", test.stack());
                }
                if (test.lesson() != null) {
                    e.put("lesson", test.lesson());
                }
                if (!test.measured().isEmpty()) {
                    e.put("measured", new LinkedHashMap<String, Object>(test.measured()));
                }
                tests.add(e);
            }
            t.put("tests", tests);
            topics.add(t);
        }
        root.put("topics", topics);
        return root;
    }

    /** Writes the report to {@code file} whole, or not at all (a reader never sees half a report). */
    public static void write(List<TopicResult> results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.pretty(toJson(results)), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
