package threadlings.grading;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades topics: each topic's graders run in a JVM of their own ({@link TopicRunner}) with a time budget, so that
 * code that hangs, exits or floods its output costs its own topic and nothing else. After each topic every
 * process it started is killed, wherever it was adopted.
 */
public final class Grading {

    /** Output kept per topic; the rest is read and dropped, so a flood never blocks the grader JVM. */
    static final long OUTPUT_CAP = 1 << 20;

    /**
     * What to grade and where to write.
     *
     * @param code     classes folders that take the student module's place, first one wins (a mutant, then the
     *                 reference it changes)
     * @param replaced classpath entries that must not be seen (the exercises and solutions folders)
     * @param topics   the topics to run, in path order
     * @param out      the folder for per-topic logs and XML
     * @param jvmArgs  extra options for each grader JVM (the self-check's coverage agent)
     * @param workdir  the grader JVMs' working folder (the graders module)
     * @param progress where to say "grading lock ..." as each topic runs; null for silence
     * @param onlyTest the display name of the one test to run in each topic; null for all of them
     */
    public record Options(List<Path> code, Set<Path> replaced, List<Manifest.Topic> topics, Path out,
                          List<String> jvmArgs, Path workdir, PrintStream progress, String onlyTest) {

        /** Options that run every test. */
        public Options(List<Path> code, Set<Path> replaced, List<Manifest.Topic> topics, Path out,
                       List<String> jvmArgs, Path workdir, PrintStream progress) {
            this(code, replaced, topics, out, jvmArgs, workdir, progress, null);
        }

        /** The same options, running only the test named {@code name}. */
        public Options only(String name) {
            return new Options(code, replaced, topics, out, jvmArgs, workdir, progress, name);
        }
    }

    private Grading() {
    }

    /**
     * Grades every topic of {@code options}; topics of the manifest not among them are listed as not run.
     *
     * <p>With the system property {@code threadlings.guard=true} (set where a grade must hold against the code
     * it grades, as when an instructor grades a pull request), the code under test must also leave alone the
     * files the graders are loaded from: the harness loads its own classes before any topic runs, fingerprints
     * every classpath entry of the grader JVMs, and checks them again after each topic. A topic during which they
     * changed scores nothing, and no topic after it is graded, since its graders could no longer be trusted.
     */
    public static List<TopicResult> run(Manifest manifest, Options options) throws IOException, InterruptedException {
        boolean guard = Boolean.getBoolean(GUARD);
        Map<String, String> before = null;
        if (guard) {
            preloadHarness();
            before = fingerprint(classpath(options));
        }
        List<TopicResult> results = new ArrayList<>();
        String stopped = null;
        for (Manifest.Topic topic : manifest.topics()) {
            if (!options.topics().contains(topic)) {
                results.add(TopicResult.notRun(topic, "not selected for this run"));
            } else if (stopped != null) {
                results.add(TopicResult.notRun(topic, stopped));
            } else {
                TopicResult result = grade(topic, options);
                if (guard) {
                    List<String> changed = changes(before, fingerprint(classpath(options)));
                    if (!changed.isEmpty()) {
                        result = stopped(topic, "crashed", List.of(), "while these graders ran, the code under test "
                                + "changed files the graders are loaded from (" + String.join(", ", changed)
                                + "), so their verdict cannot be trusted.", result.seconds());
                        stopped = "not graded: while " + topic.id() + " was graded, the code under test changed "
                                + "files the graders are loaded from";
                    }
                }
                results.add(result);
            }
        }
        return results;
    }

    /** The system property that turns on the checks of {@link #run} against code that attacks its graders. */
    public static final String GUARD = "threadlings.guard";

    /**
     * Loads every class of the harness's package now, from files no code under test has touched yet: the JVM
     * loads a class when first used, and some are first used only after the topics have run.
     */
    static void preloadHarness() throws IOException {
        ClassLoader loader = Grading.class.getClassLoader();
        Path folder;
        try {
            folder = Path.of(Grading.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(Grading.class.getPackageName().replace('.', '/'));
        } catch (URISyntaxException | RuntimeException e) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (file.endsWith(".class")) {
                    try {
                        Class.forName(Grading.class.getPackageName() + "."
                                + file.substring(0, file.length() - ".class".length()), false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // A class that cannot load now cannot be used later either.
                    }
                }
            }
        }
    }

    /** Each file of a classpath (every file inside its folders, each jar) with a digest of its bytes. */
    static Map<String, String> fingerprint(String classpath) throws IOException {
        Map<String, String> prints = new java.util.TreeMap<>();
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path root = Path.of(entry);
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        if (!Files.isDirectory(p)) {
                            prints.put(p.toString(), digest(sha, p));
                        }
                    }
                }
            } else {
                prints.put(root.toString(), Files.exists(root) ? digest(sha, root) : "missing");
            }
        }
        return prints;
    }

    private static String digest(java.security.MessageDigest sha, Path file) throws IOException {
        sha.reset();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** The files added, removed or changed from one fingerprint to the next; at most a few, then a count. */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (String file : before.keySet()) {
            if (!after.containsKey(file)) {
                changed.add(file);
            }
        }
        if (changed.size() > 5) {
            int more = changed.size() - 4;
            changed = new ArrayList<>(changed.subList(0, 4));
            changed.add("and " + more + " more");
        }
        return changed;
    }

    /** Grades one topic in a fresh JVM. */
    public static TopicResult grade(Manifest.Topic topic, Options options) throws IOException, InterruptedException {
        Path dir = options.out().resolve(topic.id());
        deleteTree(dir);
        Files.createDirectories(dir);
        Path events = dir.resolve("events.jsonl");
        String token = UUID.randomUUID().toString();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(options.jvmArgs());
        command.add("-cp");
        command.add(classpath(options));
        command.add(TopicRunner.class.getName());
        command.add(topic.id());
        command.add(events.toString());
        command.add(dir.resolve("xml").toString());
        if (options.onlyTest() != null) {
            command.add(options.onlyTest());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(options.workdir().toFile());
        builder.environment().put(Processes.MARK, token);
        if (options.progress() != null) {
            options.progress().printf("grading %s ...%n", topic.label());
            options.progress().flush();
        }
        long start = System.nanoTime();
        byte[] key = EventLog.newKey();
        Process process = builder.start();
        Thread drain = drain(process.getInputStream(), dir.resolve("output.log"));
        // The event log's key goes through the runner's stdin: not on its command line or in its environment,
        // where the code under test could read it. The runner reads it before it loads any of that code.
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(EventLog.keyLine(key).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The JVM is already gone: its verdict says so.
        }
        boolean finished = process.waitFor(topic.timeoutSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            Processes.killTree(process.toHandle(), Duration.ofSeconds(5));
        }
        // Orphans too: a process whose parent died is no longer a descendant, but still carries the mark.
        Processes.killAll(Processes.marked(token), Duration.ofSeconds(5));
        drain.join(5_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        EventLog.Read log = EventLog.read(events, key);
        if (log.problem() != null) {
            return stopped(topic, "crashed", List.of(), "the graders' event log was tampered with while the code ran ("
                    + log.problem() + "), so no verdict of this run can be trusted.", seconds);
        }
        return verdict(topic, log.events(), finished ? process.exitValue() : null, seconds,
                dir.resolve("output.log"));
    }

    /** Turns a topic JVM's event log and exit into the topic's result. */
    static TopicResult verdict(Manifest.Topic topic, List<Map<String, Object>> events, Integer exitCode,
                               double seconds, Path output) throws IOException {
        List<TestResult> tests = new ArrayList<>();
        String running = null;
        boolean done = false;
        String runnerError = null;
        for (Map<String, Object> e : events) {
            switch (String.valueOf(e.get("event"))) {
                case "start":
                    running = (String) e.get("name");
                    break;
                case "end":
                    running = null;
                    tests.add(new TestResult((String) e.get("name"), (String) e.get("group"),
                            (String) e.get("status"), (String) e.get("message"), (String) e.get("stack"),
                            (String) e.get("lesson"), !Boolean.TRUE.equals(e.get("lesson-only")),
                            Boolean.TRUE.equals(e.get("timedOut")), strings(e.get("measured"))));
                    break;
                case "done":
                    done = true;
                    break;
                case "error":
                    runnerError = (String) e.get("message");
                    break;
                default:
            }
        }
        if (exitCode == null) {
            return stopped(topic, "timed-out", tests, "its graders were still running after "
                    + topic.timeoutSeconds() + " s" + (running == null ? "" : ", in \"" + running + "\"")
                    + ": the code is blocked or loops forever, so the run was stopped.", seconds);
        }
        if (exitCode == TopicRunner.EXIT_TIMED_OUT) {
            TestResult late = tests.stream().filter(TestResult::timedOut).reduce((a, b) -> b).orElse(null);
            return stopped(topic, "timed-out", tests, (late == null ? "a test" : "\"" + late.name() + "\"")
                    + " did not finish within its time limit: the code is blocked (a deadlock? a wait nobody "
                    + "ends?) or loops forever, so the topic was stopped there.", seconds);
        }
        if (!done || exitCode != 0) {
            String why = outOfMemory(output) ? "it ran out of memory (the grader JVM's heap is bounded)"
                    : "the code called System.exit or Runtime.halt, or the JVM crashed";
            return stopped(topic, "crashed", tests, "the grader JVM ended with exit code " + exitCode
                    + (running == null ? "" : " during \"" + running + "\"") + ": " + why + "."
                    + (runnerError == null ? "" : " (" + runnerError + ")"), seconds);
        }
        return TopicResult.scored(topic, tests, seconds);
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (map instanceof Map) {
            ((Map<?, ?>) map).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static TopicResult stopped(Manifest.Topic topic, String status, List<TestResult> tests, String problem,
                                       double seconds) {
        return new TopicResult(topic, status, 0, tests, problem, seconds);
    }

    private static boolean outOfMemory(Path output) throws IOException {
        if (!Files.exists(output)) {
            return false;
        }
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        return text.contains("java.lang.OutOfMemoryError");
    }

    /**
     * Options for every grader JVM: a bounded heap (so runaway allocation ends in a verdict, not a swapping
     * machine), and on newer JDKs the switches that keep Lincheck's agent from printing warnings.
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
                // Lincheck appends its agent to the boot classpath, which makes class sharing print a warning.
                "-Xshare:off",
                // Every grader JVM speaks the language this run chose, whatever its own locale.
                "-D" + Lang.PROPERTY + "=" + Lang.current().code()));
        int feature = Runtime.version().feature();
        if (feature >= 21) {
            options.add("-XX:+EnableDynamicAgentLoading");
        }
        if (feature >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    /** This JVM's classpath with the student module replaced by the code to grade. */
    static String classpath(Options options) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Path p : options.code()) {
            entries.add(p.toAbsolutePath().normalize().toString());
        }
        Set<Path> replaced = new java.util.HashSet<>();
        for (Path p : options.replaced()) {
            replaced.add(p.toAbsolutePath().normalize());
        }
        for (String entry : currentClasspath()) {
            if (!entry.isEmpty() && !replaced.contains(Path.of(entry).toAbsolutePath().normalize())) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The classpath the graders were loaded from: under Maven's exec:java that is the plugin's class loader, not
     * {@code java.class.path} (which is Maven's own).
     */
    static List<String> currentClasspath() {
        ClassLoader loader = Grading.class.getClassLoader();
        if (loader instanceof URLClassLoader && loader != ClassLoader.getSystemClassLoader()) {
            List<String> entries = new ArrayList<>();
            for (URL url : ((URLClassLoader) loader).getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // Not a file: nothing a JVM's -cp could name.
                }
            }
            return entries;
        }
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static Thread drain(InputStream in, Path file) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long kept = 0;
            long dropped = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    int keep = (int) Math.max(0, Math.min(n, OUTPUT_CAP - kept));
                    out.write(buffer, 0, keep);
                    kept += keep;
                    dropped += n - keep;
                }
                if (dropped > 0) {
                    out.write(("\n[threadlings: " + dropped + " more bytes of output were dropped]\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The JVM was killed while we read: what we have is all there is.
            }
        }, "drain " + file.getParent().getFileName());
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
