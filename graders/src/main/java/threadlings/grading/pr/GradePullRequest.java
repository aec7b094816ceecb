package threadlings.grading.pr;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import threadlings.grading.Json;
import threadlings.grading.Manifest;

/**
 * Grades a student's pull request the way an instructor can trust: with the graders, build files, given classes
 * and workflows of the base commit, and from the head commit only the student files that the base's manifest
 * lists. Everything a grading workflow does beyond checking out code is this command.
 *
 * <pre>
 * GradePullRequest [options] REPO BASE HEAD OUTDIR
 *   REPO              a local git repository holding both commits
 *   BASE, HEAD        the trusted commit (the branch the pull request goes into) and the student's commit
 *   OUTDIR            where the results go (created; files of earlier runs are replaced)
 *   --topic=IDS       grade only these topics (comma-separated ids of the base's manifest); default all
 *   --offline         run Maven offline (-o): the dependencies must already be in the local repository
 *   --maven=COMMAND   the Maven command (default: the base's wrapper, sh mvnw or mvnw.cmd)
 *   --timeout=SECONDS a limit for the whole Maven run (default: 300 plus the graded topics' own limits)
 *   --student=NAME    a name for the results (class-wide grading)
 *   --github          also print GitHub workflow commands (annotations, the Points notice) and append the
 *                     summary to $GITHUB_STEP_SUMMARY
 *   --paths-only      only check which paths outside the student files the pull request changes
 *   --keep            keep the work tree (its path is printed)
 * </pre>
 *
 * <p>Writes into OUTDIR: {@code summary.md}, {@code annotations.txt} (workflow commands), {@code points.txt}
 * ({@code Points X/Y}), {@code results.json} (Gradescope), {@code grade.json} (for the gradebook),
 * {@code report.json} (the harness's report), {@code junit/} (JUnit XML), {@code protected.txt} and
 * {@code maven.log}. Exit status: 0 when every point was earned (with {@code --paths-only}: no path outside the
 * student files changed), 1 when not, 2 when the grading itself could not run.
 *
 * <p>How a student's code is kept from raising its own score: it is compiled only from the student files, which
 * are checked not to declare types that would take a grader's place ({@link StudentFiles}); the harness runs it
 * in grader JVMs of its own, whose output goes to a log file that nothing parses; the harness's event logs are
 * signed with a key the code never sees, and with {@code -Dthreadlings.guard=true} the harness checks that the
 * files it loads graders from did not change while a topic ran. This command reads the harness's report after
 * Maven has ended and every process the run started has been killed, and checks it against the scoreboard the
 * harness printed. Text that came from the code is escaped wherever it is shown, and printed to the workflow's
 * log only between stop-commands markers.
 */
public final class GradePullRequest {

    /** Environment variable that marks every process a grading run starts, so that leftovers can be found. */
    static final String MARK = "THREADLINGS_GRADE";

    /** The parsed command line. */
    record Options(Path repo, String base, String head, Path out, List<String> topics, boolean offline,
                   List<String> maven, long timeoutSeconds, String student, boolean github, boolean pathsOnly,
                   boolean keep) {
    }

    private GradePullRequest() {
    }

    public static void main(String[] args) {
        int status;
        try {
            Options options = parse(args);
            status = run(options, System.out);
        } catch (UsageException e) {
            System.err.println("GradePullRequest: " + e.getMessage());
            System.err.println("usage: GradePullRequest [--topic=IDS] [--offline] [--maven=COMMAND] [--timeout=SECONDS]"
                    + " [--student=NAME] [--github] [--paths-only] [--keep] REPO BASE HEAD OUTDIR");
            status = 2;
        } catch (Exception e) {
            System.err.println("GradePullRequest: the grading could not run: " + e);
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }

    /** A command line that cannot be understood. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Options parse(String[] args) throws UsageException {
        List<String> positional = new ArrayList<>();
        List<String> topics = List.of();
        boolean offline = false;
        boolean github = false;
        boolean pathsOnly = false;
        boolean keep = false;
        List<String> maven = null;
        long timeout = -1;
        String student = null;
        for (String a : args) {
            if (a.startsWith("--topic=")) {
                topics = List.of(a.substring("--topic=".length()).split(",")).stream().map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toList());
            } else if (a.equals("--offline")) {
                offline = true;
            } else if (a.equals("--github")) {
                github = true;
            } else if (a.equals("--paths-only")) {
                pathsOnly = true;
            } else if (a.equals("--keep")) {
                keep = true;
            } else if (a.startsWith("--maven=")) {
                maven = List.of(a.substring("--maven=".length()).strip().split("\\s+"));
            } else if (a.startsWith("--timeout=")) {
                try {
                    timeout = Long.parseLong(a.substring("--timeout=".length()));
                } catch (NumberFormatException e) {
                    throw new UsageException("--timeout takes seconds: " + a);
                }
            } else if (a.startsWith("--student=")) {
                student = a.substring("--student=".length());
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                positional.add(a);
            }
        }
        if (positional.size() != 4) {
            throw new UsageException("expected REPO BASE HEAD OUTDIR, got " + positional.size() + " argument(s)");
        }
        return new Options(Path.of(positional.get(0)), positional.get(1), positional.get(2), Path.of(positional.get(3)),
                topics, offline, maven, timeout, student, github, pathsOnly, keep);
    }

    /** Grades, writes the outputs, prints what the log should show; returns the exit status. */
    public static int run(Options o, PrintStream console) throws IOException, InterruptedException {
        Git git = new Git(o.repo());
        Verdict v = new Verdict();
        v.student = o.student();
        v.base = git.commit(o.base());
        v.head = git.commit(o.head());
        Manifest manifest = StudentFiles.manifest(git, v.base);
        v.studentPaths = StudentFiles.paths(manifest);
        List<Manifest.Topic> selected;
        try {
            selected = manifest.select(String.join(",", o.topics()));
        } catch (IllegalArgumentException e) {
            console.println("GradePullRequest: " + e.getMessage());
            return 2;
        }
        v.protectedPaths = StudentFiles.protectedChanges(git, v.base, v.head, v.studentPaths.keySet());
        Files.createDirectories(o.out());
        if (o.pathsOnly()) {
            Outputs.atomic(o.out().resolve(Outputs.PROTECTED),
                    v.protectedPaths.isEmpty() ? "" : String.join("\n", v.protectedPaths) + "\n");
            printPaths(v, o, console);
            return v.protectedPaths.isEmpty() ? 0 : 1;
        }
        for (String stale : List.of(Outputs.SUMMARY, Outputs.ANNOTATIONS, Outputs.POINTS, Outputs.RESULTS,
                Outputs.GRADE, Outputs.PROTECTED, "report.json", "maven.log")) {
            Files.deleteIfExists(o.out().resolve(stale));
        }
        deleteTree(o.out().resolve(Outputs.JUNIT));

        Path work = Files.createTempDirectory("threadlings-grade-");
        try {
            long start = System.nanoTime();
            StudentFiles.extractBase(git, v.base, work);
            v.refusals = StudentFiles.applyHead(git, v.head, work, v.studentPaths);
            v.prepareSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            grade(o, v, work, manifest, selected);
            v.buildSeconds = (System.nanoTime() - start) / 1e9;
        } finally {
            if (o.keep()) {
                console.println("work tree kept at " + work);
            } else {
                deleteTree(work);
            }
        }
        Outputs.write(v, o.out());
        print(v, o, console);
        if (v.error != null && v.infrastructure) {
            return 2;
        }
        return v.error == null && v.points() == v.max() ? 0 : 1;
    }

    // ---------------------------------------------------------------------------------------------- the grading

    private static void grade(Options o, Verdict v, Path work, Manifest manifest, List<Manifest.Topic> selected)
            throws IOException, InterruptedException {
        for (Manifest.Topic t : selected) {
            v.topics.add(new Verdict.Topic(t.id(), t.number(), t.title(), t.hint(), 0, t.points(), "not-graded",
                    null, List.of(), 0));
        }
        List<String> command = new ArrayList<>(o.maven() != null ? o.maven() : wrapper(work));
        command.add("-B");
        command.add("-Dstyle.color=never");
        if (o.offline()) {
            command.add("-o");
        }
        command.add("test");
        command.add("-D" + "threadlings.guard=true");
        if (selected.size() < manifest.topics().size()) {
            command.add("-Dtopic=" + selected.stream().map(Manifest.Topic::id).collect(Collectors.joining(",")));
        }
        long timeout = o.timeoutSeconds() > 0 ? o.timeoutSeconds()
                : 300 + selected.stream().mapToLong(Manifest.Topic::timeoutSeconds).sum();
        Path log = o.out().resolve("maven.log");
        String token = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        scrub(builder.environment());
        builder.environment().put(MARK, token);
        Process maven;
        try {
            maven = builder.start();
        } catch (IOException e) {
            v.error = "Maven could not start (" + String.join(" ", command) + "): " + e.getMessage();
            v.infrastructure = true;
            return;
        }
        maven.getOutputStream().close();
        boolean finished = maven.waitFor(timeout, TimeUnit.SECONDS);
        if (!finished) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
            maven.waitFor(30, TimeUnit.SECONDS);
        }
        killMarked(token);
        if (!finished) {
            v.error = "the build did not finish within " + timeout + " s and was stopped";
            v.infrastructure = true;
            return;
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Path reportFile = work.resolve("graders/target/grading/report.json");
        if (!Files.exists(reportFile)) {
            v.compileErrors = compileErrors(output, work);
            if (!v.compileErrors.isEmpty() || output.contains("COMPILATION ERROR")) {
                v.error = "the code does not compile, so no topic could be graded"
                        + (v.compileErrors.stream().anyMatch(e -> e.path().startsWith(StudentFiles.GRADERS))
                        ? " (the graders do not compile against it: has a class, method or signature of the starter "
                        + "file changed?)" : "");
                attribute(v);
            } else {
                v.error = "the build failed before grading (exit " + maven.exitValue() + "); see maven.log";
                v.infrastructure = true;
            }
            return;
        }
        String reportText = Files.readString(reportFile, StandardCharsets.UTF_8);
        Map<String, Object> report;
        try {
            report = asMap(Json.parse(reportText));
        } catch (RuntimeException e) {
            v.error = "the harness's report cannot be read (" + e.getMessage() + ")";
            return;
        }
        Map<String, int[]> board = scoreboard(output);
        List<Verdict.Topic> topics = new ArrayList<>();
        for (Verdict.Topic placeholder : v.topics) {
            Map<String, Object> t = topicIn(report, placeholder.id());
            int[] printed = board.get(placeholder.id());
            if (t == null || printed == null || printed[0] != intOf(t.get("points")) || printed[1] != intOf(t.get("max"))
                    || printed[1] != placeholder.max()) {
                v.error = "the harness's report does not match the scoreboard it printed for " + placeholder.label()
                        + ": the report was changed after grading, so the run cannot be trusted";
                return;
            }
            topics.add(topic(t, placeholder));
        }
        v.topics = topics;
        Files.writeString(o.out().resolve("report.json"), reportText, StandardCharsets.UTF_8);
    }

    /** The base's Maven wrapper, as this OS runs it. */
    private static List<String> wrapper(Path work) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return List.of("cmd", "/c", work.resolve("mvnw.cmd").toString());
        }
        return List.of("sh", work.resolve("mvnw").toString());
    }

    /** Variables the build may see; the rest (a runner's tokens and files for step outputs) are dropped. */
    private static final Set<String> KEPT = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL",
            "LC_CTYPE", "TZ", "TMPDIR", "TEMP", "TMP", "JAVA_HOME", "MAVEN_OPTS", "MAVEN_USER_HOME", "M2_HOME",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "SYSTEMROOT", "WINDIR",
            "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "PROGRAMFILES",
            "HOMEDRIVE", "HOMEPATH", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS");

    static void scrub(Map<String, String> env) {
        env.keySet().removeIf(k -> !KEPT.contains(k.toUpperCase(Locale.ROOT)) && !KEPT.contains(k));
    }

    /** Kills every process still carrying this run's mark (where /proc shows environments). */
    private static void killMarked(String token) throws InterruptedException {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return;
        }
        byte[] needle = (MARK + "=" + token).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> marked = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    if (contains(Files.readAllBytes(entry.resolve("environ")), needle)) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(marked::add);
                    }
                } catch (IOException e) {
                    // Gone, or not ours to read.
                }
            }
        } catch (IOException e) {
            return;
        }
        marked.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : marked) {
            h.onExit();
        }
        Thread.sleep(marked.isEmpty() ? 0 : 200);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i + needle.length == hay.length || hay[i + needle.length] == 0) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern BOARD_LINE = Pattern.compile("^ (\\d{2}) (\\S+)\\s+(\\d+)/(\\d+)\\s+\\S+.*$");
    private static final String RULE = "-".repeat(64);

    /**
     * The points per topic on the scoreboard the harness printed (the table between its rules, where no text of
     * the code under test ever stands; the code's output never reaches Maven's output at all).
     */
    static Map<String, int[]> scoreboard(String output) {
        Map<String, int[]> board = new LinkedHashMap<>();
        String[] lines = output.split("\r?\n");
        int title = -1;
        // The first one: the harness prints it once, before anything loaded later in Maven's JVM could print more.
        for (int i = 1; i + 1 < lines.length && title < 0; i++) {
            if (lines[i].equals(" threadlings scoreboard") && lines[i - 1].equals(RULE) && lines[i + 1].equals(RULE)) {
                title = i;
            }
        }
        if (title < 0) {
            return board;
        }
        for (int i = title + 2; i < lines.length && !lines[i].equals(RULE); i++) {
            Matcher m = BOARD_LINE.matcher(lines[i]);
            if (m.matches()) {
                board.put(m.group(2), new int[] {Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))});
            }
        }
        return board;
    }

    private static final Pattern COMPILE_ERROR = Pattern.compile("^\\[ERROR\\] (.+\\.java):\\[(\\d+),(\\d+)\\] (.*)$");

    /** Compiler errors in Maven's output, located relative to the work tree. */
    static List<Verdict.CompileError> compileErrors(String output, Path work) {
        Set<Verdict.CompileError> errors = new LinkedHashSet<>();
        Path root = work.toAbsolutePath().normalize();
        String[] lines = output.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMPILE_ERROR.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String path;
            try {
                Path p = Path.of(m.group(1)).toAbsolutePath().normalize();
                path = p.startsWith(root) ? root.relativize(p).toString().replace(File.separatorChar, '/') : m.group(1);
            } catch (RuntimeException e) {
                path = m.group(1);
            }
            StringBuilder message = new StringBuilder(m.group(4));
            // javac's continuation lines ("  symbol: …", "  location: …") follow without the [ERROR] prefix.
            while (i + 1 < lines.length && lines[i + 1].startsWith("  ") && !lines[i + 1].startsWith("[")) {
                message.append('\n').append(lines[++i].strip());
            }
            errors.add(new Verdict.CompileError(path, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    message.toString()));
        }
        return new ArrayList<>(errors);
    }

    /** Errors in the graders' sources are shown on the student file of the graders' package. */
    private static void attribute(Verdict v) {
        List<Verdict.CompileError> located = new ArrayList<>();
        for (Verdict.CompileError e : v.compileErrors) {
            if (e.path().startsWith(StudentFiles.GRADERS)) {
                String pkg = e.path().substring(StudentFiles.GRADERS.length(), e.path().lastIndexOf('/'));
                String file = v.studentPaths.keySet().stream()
                        .filter(p -> p.startsWith(StudentFiles.SOURCES + pkg + "/")).findFirst().orElse(null);
                if (file != null) {
                    located.add(new Verdict.CompileError(file, -1, -1, "the graders do not compile against this file: "
                            + e.path().substring(e.path().lastIndexOf('/') + 1) + ":" + e.line() + ": " + e.message()));
                    continue;
                }
            }
            located.add(e);
        }
        v.compileErrors = located;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topicIn(Map<String, Object> report, String id) {
        Object topics = report.get("topics");
        if (!(topics instanceof List)) {
            return null;
        }
        for (Object t : (List<Object>) topics) {
            if (t instanceof Map && id.equals(((Map<String, Object>) t).get("id"))) {
                return (Map<String, Object>) t;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Verdict.Topic topic(Map<String, Object> t, Verdict.Topic placeholder) {
        List<Verdict.Test> tests = new ArrayList<>();
        if (t.get("tests") instanceof List) {
            for (Object o : (List<Object>) t.get("tests")) {
                Map<String, Object> e = asMap(o);
                tests.add(new Verdict.Test(str(e.get("name")), str(e.get("group")), str(e.get("status")),
                        str(e.get("message")), str(e.get("stack")), !Boolean.FALSE.equals(e.get("graded"))));
            }
        }
        double seconds = t.get("seconds") instanceof Number ? ((Number) t.get("seconds")).doubleValue() : 0;
        return new Verdict.Topic(placeholder.id(), placeholder.number(), placeholder.title(), placeholder.hint(),
                intOf(t.get("points")), placeholder.max(), str(t.get("status")), str(t.get("problem")), tests, seconds);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static int intOf(Object o) {
        return o instanceof Number ? ((Number) o).intValue() : -1;
    }

    // ------------------------------------------------------------------------------------------------- printing

    private static void print(Verdict v, Options o, PrintStream console) throws IOException {
        String token = Workflow.token();
        if (o.github()) {
            // The next lines hold text the student's code shaped: the runner must not read commands in them.
            console.println(Workflow.stopCommands(token));
        }
        console.println("threadlings: graded " + Outputs.shortId(v.head) + " with the graders of "
                + Outputs.shortId(v.base) + (v.student == null ? "" : " for " + v.student));
        if (v.error != null) {
            console.println("not graded: " + v.error);
            for (Verdict.CompileError e : v.compileErrors) {
                console.println("  " + e.path() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.message());
            }
        }
        for (Verdict.Topic t : v.topics) {
            console.printf(" %-14s %3d/%-3d %s%n", t.label(), v.error == null ? t.points() : 0, t.max(),
                    v.error == null ? t.status() : "not graded");
            if (v.error == null && t.points() < t.max()) {
                t.failures().stream().findFirst().ifPresent(f -> console.println("     first failure: " + f.name()
                        + "\n       " + Outputs.cut(String.valueOf(f.message()), Outputs.MAX_MESSAGE)
                        .replace("\n", "\n       ")));
                if (t.problem() != null) {
                    console.println("     " + t.problem());
                }
            }
        }
        for (StudentFiles.Refusal r : v.refusals) {
            console.println("not graded: " + r.path() + ": " + r.reason());
        }
        if (!v.protectedPaths.isEmpty()) {
            console.println("changed outside the student files (not used): " + String.join(", ", v.protectedPaths));
        }
        console.printf(Locale.ROOT, "(work tree prepared in %.1f s, built and graded in %.1f s)%n", v.prepareSeconds,
                v.buildSeconds);
        console.println(Outputs.pointsLine(v));
        if (o.github()) {
            console.println(Workflow.resumeCommands(token));
            for (String line : Outputs.annotations(v)) {
                console.println(line);
            }
            console.println(Outputs.pointsCommand(v));
            appendStepSummary(Outputs.summary(v));
        }
        console.flush();
    }

    private static void printPaths(Verdict v, Options o, PrintStream console) throws IOException {
        if (v.protectedPaths.isEmpty()) {
            console.println("threadlings: the pull request changes only student files");
            if (o.github()) {
                appendStepSummary("### Protected paths\n\nThe pull request changes only student files.\n");
            }
            return;
        }
        String token = Workflow.token();
        if (o.github()) {
            console.println(Workflow.stopCommands(token));
        }
        console.println("threadlings: the pull request changes " + v.protectedPaths.size()
                + " path(s) outside the student files:");
        for (String p : v.protectedPaths) {
            console.println("  " + Outputs.oneLine(p));
        }
        if (o.github()) {
            console.println(Workflow.resumeCommands(token));
            console.println(Workflow.command("error", Map.of("title", "changes outside the student files"),
                    "This pull request changes " + v.protectedPaths.size() + " path(s) that are not student files; "
                            + "they are never used for grading: " + String.join(", ", v.protectedPaths)));
            StringBuilder md = new StringBuilder("### Protected paths\n\nThis pull request changes paths outside "
                    + "the student files. They are not used for grading: every file but the student files comes from "
                    + "the base branch.\n\n");
            for (String p : v.protectedPaths) {
                md.append("- <code>").append(Outputs.html(Outputs.oneLine(p))).append("</code>\n");
            }
            appendStepSummary(md.toString());
        }
        console.flush();
    }

    private static void appendStepSummary(String markdown) throws IOException {
        String file = System.getenv("GITHUB_STEP_SUMMARY");
        if (file == null || file.isBlank()) {
            return;
        }
        Files.writeString(Path.of(file), markdown + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
