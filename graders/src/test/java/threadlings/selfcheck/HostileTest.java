package threadlings.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import threadlings.grading.Grading;
import threadlings.grading.Json;
import threadlings.grading.Manifest;
import threadlings.grading.Processes;
import threadlings.grading.Report;
import threadlings.grading.TestResult;
import threadlings.grading.TopicResult;

/**
 * Hostile code costs only its topic. Each case of the catalogue ({@code graders/src/hostile/<case>/}: a student
 * class that misbehaves, and a {@code hostile.properties} that says how) is compiled over the references like a
 * mutant and graded with a companion topic or two, in one run; then the hostile topic must have reached its verdict
 * within its case's bound and the run within its topics' time budgets, the hostile topic must score nothing, with
 * the status and words its case expects, every companion must earn every
 * point, the report must list every topic, no process the run started may still be alive, and the graders' files
 * must be as they were.
 *
 * <p>{@code mvn verify -Pselfcheck -Dtest=HostileTest}; with {@code -Dtopic=…}, only the cases whose topic is
 * selected, each with the companions that are selected too; with {@code -Dhostile=…} (case folders,
 * comma-separated), only those cases.
 */
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
class HostileTest {

    private static Manifest manifest;
    private static List<Manifest.Topic> selected;
    private static boolean all;
    private static Path root;
    private static Path exercises;
    private static Path solutions;
    private static Path out;

    /** One case of the catalogue. */
    record Hostile(String id, Path folder, String does, String topic, List<String> companions, String status,
                   String message, int seconds) {

        static List<Hostile> all(Path catalogue) throws IOException {
            List<Hostile> cases = new ArrayList<>();
            try (Stream<Path> folders = Files.list(catalogue)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                    cases.add(read(folder));
                }
            }
            return cases;
        }

        private static Hostile read(Path folder) throws IOException {
            Properties p = new Properties();
            Path file = folder.resolve("hostile.properties");
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            for (String key : List.of("does", "topic", "companions", "status", "message", "seconds")) {
                if (p.getProperty(key, "").isBlank()) {
                    throw new IllegalStateException(file + " has no '" + key + "'");
                }
            }
            List<String> companions = Stream.of(p.getProperty("companions").split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            return new Hostile(folder.getFileName().toString(), folder, p.getProperty("does").strip(),
                    p.getProperty("topic").strip(), companions, p.getProperty("status").strip(),
                    p.getProperty("message").strip(), Integer.parseInt(p.getProperty("seconds").strip()));
        }

        @Override
        public String toString() {
            return id;
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        manifest = Manifest.load();
        String spec = System.getProperty("threadlings.topics", "");
        all = spec.isBlank();
        selected = manifest.select(spec);
        root = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();
        exercises = Path.of(System.getProperty("threadlings.exercises")).toAbsolutePath().normalize();
        solutions = Path.of(System.getProperty("threadlings.solutions")).toAbsolutePath().normalize();
        out = root.resolve("graders/target/selfcheck/hostile");
        Files.createDirectories(out);
    }

    @TestFactory
    @DisplayName("hostile code costs only its topic")
    Stream<DynamicTest> hostileCodeCostsOnlyItsTopic() throws IOException {
        List<String> ids = selected.stream().map(Manifest.Topic::id).toList();
        List<String> only = Stream.of(System.getProperty("hostile", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        List<Hostile> cases = Hostile.all(root.resolve("graders/src/hostile")).stream()
                .filter(c -> ids.contains(c.topic()) && (only.isEmpty() || only.contains(c.id()))).toList();
        // One at a time: each case is judged on how long its run takes, and one overwrites files every run reads.
        return cases.stream().map(c -> DynamicTest.dynamicTest(c + ": " + c.does(), () -> check(c)));
    }

    private static void check(Hostile c) throws Exception {
        deleteTree(out.resolve(c.id()));
        Path classes = new Mutant(c.topic(), c.id(), c.folder(), c.does(), "", "").compile(solutions,
                out.resolve(c.id() + "/classes"));
        Set<String> graded = new java.util.HashSet<>(c.companions());
        graded.removeIf(id -> !all && selected.stream().noneMatch(t -> t.id().equals(id)));
        graded.add(c.topic());
        List<Manifest.Topic> topics = manifest.topics().stream().filter(t -> graded.contains(t.id())).toList();
        Grading.Options options = new Grading.Options(List.of(classes, solutions), Set.of(exercises, solutions),
                topics, out.resolve(c.id() + "/grading"), List.of(), root.resolve("graders"), System.out);
        Map<String, String> gradersBefore = digests(gradersFolders());

        long start = System.nanoTime();
        List<TopicResult> results = Grading.run(manifest, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ProcessHandle> alive = Processes.startedBy(ProcessHandle.current().pid());
        alive.addAll(ProcessHandle.current().descendants().filter(p -> Processes.isRunning(p.pid())).toList());
        Processes.killAll(alive, Duration.ofSeconds(10));

        List<String> problems = new ArrayList<>();
        // The harness's promise: no topic runs past its budget, whatever its code does (plus a little for JVMs to
        // start and be stopped).
        int budget = topics.stream().mapToInt(t -> t.timeoutSeconds() + 15).sum();
        if (seconds > budget) {
            problems.add(String.format(Locale.ROOT, "the run took %.1f s, more than its topics' budgets (%d s)",
                    seconds, budget));
        }
        if (!alive.isEmpty()) {
            problems.add("processes started by the run were still alive after it: "
                    + alive.stream().map(Processes::describe).collect(Collectors.joining("; ")));
        }
        Path report = out.resolve(c.id() + "/grading/report.json");
        Report.write(results, report);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(
                Files.readString(report))).get("topics");
        List<String> listedIds = listed.stream().map(t -> (String) t.get("id")).toList();
        if (!listedIds.equals(manifest.topics().stream().map(Manifest.Topic::id).toList())) {
            problems.add("the report lists " + listedIds + ", not every topic of the manifest");
        }
        String verdict = "";
        for (TopicResult r : results) {
            if (r.topic().id().equals(c.topic())) {
                verdict = describe(r);
                String text = said(r);
                if (r.seconds() > c.seconds()) {
                    problems.add(String.format(Locale.ROOT, "%s (the hostile topic) took %.1f s to reach its verdict, "
                            + "more than the %d s allowed", c.topic(), r.seconds(), c.seconds()));
                }
                if (r.points() != 0) {
                    problems.add(c.topic() + " (the hostile topic) scored " + r.points() + " points, not 0");
                }
                if (!r.status().equals(c.status())) {
                    problems.add(c.topic() + " (the hostile topic) is " + r.status() + ", not " + c.status());
                }
                if (!text.toLowerCase(Locale.ROOT).contains(c.message().toLowerCase(Locale.ROOT))) {
                    problems.add(c.topic() + " (the hostile topic) should say \"" + c.message() + "\", but says: "
                            + text);
                }
            } else if (graded.contains(r.topic().id()) && !r.fullMarks()) {
                problems.add("companion " + describe(r) + ": the reference earns every point"
                        + r.firstFailure().map(f -> "; first failure \"" + f.name() + "\": " + f.message()).orElse(""));
            } else if (!graded.contains(r.topic().id()) && !r.status().equals("not-run")) {
                problems.add(r.topic().id() + " was not selected, but is " + r.status());
            }
        }
        Map<String, String> gradersAfter = digests(gradersFolders());
        if (!gradersAfter.equals(gradersBefore)) {
            problems.add("the graders' files differ after the run: " + differences(gradersBefore, gradersAfter));
        }
        assertTrue(problems.isEmpty(), c + ": " + String.join("\n", problems));
        System.out.printf(Locale.ROOT, "hostile %s: %s; %s; run %.1f s%n", c, verdict, results.stream()
                .filter(r -> c.companions().contains(r.topic().id()) && graded.contains(r.topic().id()))
                .map(HostileTest::describe).collect(Collectors.joining(", ")), seconds);
    }

    /** "threads crashed 0/10 (4.2 s)". */
    private static String describe(TopicResult r) {
        return String.format(Locale.ROOT, "%s %s %d/%d (%.1f s)", r.topic().id(), r.status(), r.points(),
                r.topic().points(), r.seconds());
    }

    /** What the topic tells the student about what went wrong: its problem, and its first failure. */
    private static String said(TopicResult r) {
        StringBuilder s = new StringBuilder();
        if (r.problem() != null) {
            s.append(r.problem());
        }
        r.firstFailure().map(TestResult::message).ifPresent(m -> s.append(s.length() > 0 ? "\n" : "").append(m));
        return s.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The folders the graders are loaded from. */
    private static List<Path> gradersFolders() {
        return List.of(root.resolve("graders/target/classes"), root.resolve("graders/target/test-classes"));
    }

    private static Map<String, String> digests(List<Path> folders) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Map<String, String> digests = new TreeMap<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.toList()) {
                    digests.put(p.toString(), Files.isRegularFile(p)
                            ? HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))) + " "
                            + Files.getLastModifiedTime(p) : Files.isDirectory(p) ? "folder" : "other");
                }
            }
        }
        return digests;
    }

    private static String differences(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (String p : before.keySet()) {
            if (!before.get(p).equals(after.get(p))) {
                changed.add(p);
            }
        }
        for (String p : after.keySet()) {
            if (!before.containsKey(p)) {
                changed.add(p + " (added)");
            }
        }
        return changed.size() <= 5 ? String.join(", ", changed)
                : String.join(", ", changed.subList(0, 5)) + " and " + (changed.size() - 5) + " more";
    }
}
