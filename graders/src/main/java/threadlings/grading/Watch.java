package threadlings.grading;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Watch mode: started once ({@code ./mvnw test -Pwatch}), it grades the topic whose file the student just saved
 * and prints that topic's scoreboard, then waits for the next save, until stopped.
 *
 * <p>It polls the student files (the manifest's {@code files}) every {@value #POLL_MILLIS} ms: modification time,
 * size and content, which works the same on every OS and file system (file-change events do not). A change is
 * graded once the files have been quiet for one poll, so an editor that writes a file in two steps, or a student
 * who saves twice, causes one grading; a save during a grading is seen when it ends and graded then. Each grading
 * compiles the topic with javac in this JVM ({@link WatchCompiler}) and grades it exactly as {@code mvn test}
 * does ({@link Grade#options}, {@link Grading#run}), in a JVM of its own.
 *
 * <p>At start it grades the topics in path order until it meets one that is not done, and stops there: a topic is
 * done when watch mode saw it earn every point and its files have not changed since (remembered in the output
 * folder). Enter grades the last topic again; {@code q} and Enter, or Ctrl+C, stop it, and every process a grading
 * started is killed on the way out.
 *
 * <p>System properties: {@code threadlings.topics} (the topics to watch; empty for all), {@code threadlings.root}
 * (the kit's folder), {@code threadlings.out} (where verdicts go; default {@code graders/target/watch}),
 * {@code threadlings.watch.classes} (where the topic is compiled; default
 * {@code exercises/target/watch-classes}), and those {@link Grade#options} reads.
 */
public final class Watch {

    /** How often the files are looked at. */
    static final long POLL_MILLIS = 250;

    private static final String STATE_FILE = "watch-done.properties";

    private final Manifest manifest;
    private final List<Manifest.Topic> topics;
    private final Path root;
    private final Path classes;
    private final Path out;
    private final long pollMillis;
    private final WatchCompiler compiler;
    /** Each watched file as it was when its topic was last graded (or when watching began). */
    private final Map<Path, Stamp> seen = new HashMap<>();
    private final Properties done = new Properties();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean again;
    private Manifest.Topic current;

    Watch(Manifest manifest, List<Manifest.Topic> topics, Path root, Path classes, Path out, long pollMillis) {
        this.manifest = manifest;
        this.topics = List.copyOf(topics);
        this.root = root.toAbsolutePath().normalize();
        this.classes = classes.toAbsolutePath().normalize();
        this.out = out.toAbsolutePath().normalize();
        this.pollMillis = pollMillis;
        List<Path> all = new ArrayList<>();
        for (Manifest.Topic t : manifest.topics()) {
            all.addAll(files(t));
        }
        this.compiler = new WatchCompiler(this.root, this.root.resolve("exercises/src/main/java"), all);
    }

    public static void main(String[] args) throws Exception {
        Manifest manifest = Manifest.load();
        List<Manifest.Topic> topics = Grade.selected(manifest);
        Path root = Path.of(System.getProperty("threadlings.root", ".."));
        Path classes = Path.of(System.getProperty("threadlings.watch.classes",
                root.resolve("exercises/target/watch-classes").toString()));
        Path out = Path.of(System.getProperty("threadlings.out", root.resolve("graders/target/watch").toString()));
        new Watch(manifest, topics, root, classes, out, POLL_MILLIS).run(System.in);
    }

    /** Watches until stopped; {@code keys} is where Enter and {@code q} come from. */
    void run(InputStream keys) throws IOException, InterruptedException {
        try {
            if (!compiler.available()) {
                System.out.println(Lang.say(
                        "threadlings watch needs a JDK (it compiles your code with javac), and this Java has no "
                                + "compiler: run it with a JDK 17 or newer.",
                        "threadlings 监视模式需要 JDK（它用 javac 编译你的代码），而当前的 Java 没有编译器：请用 JDK 17 "
                                + "或更新的版本运行。"));
                return;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(Watch::killOurProcesses, "threadlings watch: stop"));
            listen(keys);
            load();
            System.out.println();
            System.out.println(Lang.say(
                    "threadlings watch: each time you save a topic's file, that topic is graded again.\n"
                            + "Enter grades the last topic again; q then Enter, or Ctrl+C, stops.",
                    "threadlings 监视模式：每次保存某个主题的文件，这个主题就会重新评分。\n"
                            + "按回车重新评上一个主题；输入 q 再按回车，或按 Ctrl+C，退出。"));
            seen.putAll(stamps());
            start();
            loop();
        } finally {
            finished.countDown();
        }
        System.out.println(Lang.say("threadlings watch stopped.", "threadlings 监视模式已退出。"));
    }

    /** Grades the topics in path order, done ones skipped, up to the first one that is not done. */
    private void start() throws IOException, InterruptedException {
        for (Manifest.Topic t : topics) {
            if (stopping || again || !changed().isEmpty()) {
                // The student is already at work on something: that comes first.
                return;
            }
            if (isDone(t)) {
                System.out.println(Lang.sayf(" %s: done (it earned every point, and its file has not changed since)",
                        " %s：已完成（它拿过满分，之后文件没有改动）", t.label()));
                continue;
            }
            TopicResult r = grade(t, true);
            if (r == null || !r.fullMarks()) {
                waiting();
                return;
            }
        }
        if (!stopping) {
            System.out.println();
            System.out.println(everyTopicDone());
            waiting();
        }
    }

    private void loop() throws IOException, InterruptedException {
        Map<Path, Stamp> previous = null;
        while (!stopping) {
            Map<Path, Stamp> now = stamps();
            List<Manifest.Topic> changed = changed(now);
            // Only once nothing changed since the last look: two saves close together are graded once.
            if ((!changed.isEmpty() || again) && now.equals(previous)) {
                if (changed.isEmpty()) {
                    changed = List.of(current != null ? current : topics.get(0));
                }
                again = false;
                for (Manifest.Topic t : changed) {
                    if (stopping) {
                        break;
                    }
                    List<String> saved = files(t).stream().filter(f -> !Objects.equals(now.get(f), seen.get(f)))
                            .map(compiler::name).collect(Collectors.toList());
                    System.out.println();
                    System.out.printf("[%s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
                            saved.isEmpty() ? Lang.sayf("grading %s again", "重新评分 %s", t.label())
                                    : Lang.say("saved: ", "已保存：") + String.join(", ", saved));
                    TopicResult r = grade(t, false);
                    if (r != null && r.fullMarks() && !stopping) {
                        System.out.println(next(t));
                    }
                }
                if (!stopping) {
                    waiting();
                }
                previous = null;
                continue;
            }
            previous = now;
            Thread.sleep(pollMillis);
        }
    }

    /**
     * Compiles and grades one topic and prints its verdict: the scoreboard, or javac's errors. Returns the result,
     * or null when the code did not compile or watching stopped. {@code brief}: a topic with every point gets one
     * line instead of the scoreboard (at start, on the way to the first topic not done).
     */
    private TopicResult grade(Manifest.Topic t, boolean brief) throws IOException, InterruptedException {
        current = t;
        List<Path> files = files(t);
        for (Path f : files) {
            seen.put(f, stamp(f));
        }
        String fingerprint = fingerprint(t);
        String errors = compiler.compile(files, classes);
        if (stopping) {
            return null;
        }
        if (errors != null) {
            forget(t);
            System.out.println();
            System.out.println(Lang.sayf(" %s: your code does not compile, so it was not graded. javac says:",
                    " %s：代码无法编译，所以没有评分。javac 的报错：", t.label()));
            System.out.print(errors);
            System.out.flush();
            return null;
        }
        List<TopicResult> results = Grading.run(manifest, Grade.options(classes, List.of(t), out));
        if (stopping) {
            return null;
        }
        TopicResult r = results.stream().filter(x -> x.topic().equals(t)).findFirst().orElseThrow();
        if (r.fullMarks()) {
            remember(t, fingerprint);
        } else {
            forget(t);
        }
        if (brief && r.fullMarks()) {
            System.out.println(Lang.sayf(" %s: %d/%d, done", " %s：%d/%d，已完成", t.label(), r.points(), t.points()));
        } else {
            // The scoreboard, report.json and report.html, as mvn test shows them (the other topics not run).
            Grade.publish(results, out);
        }
        System.out.flush();
        return r;
    }

    /** After a topic earned every point: the file to open next (the next watched topic not done), or that all are. */
    private String next(Manifest.Topic t) {
        int at = topics.indexOf(t);
        for (int i = 1; i < topics.size(); i++) {
            Manifest.Topic n = topics.get((at + i) % topics.size());
            if (!isDone(n)) {
                return Lang.sayf(" Watching: open %s (%s) next; each save grades it.",
                        " 监视中：接下来打开 %s（%s），每次保存都会评分。",
                        String.join(Lang.say(" and ", " 和 "), names(n)), n.label());
            }
        }
        return everyTopicDone();
    }

    private String everyTopicDone() {
        return topics.size() == manifest.topics().size()
                ? Lang.say(" Every topic is done: you earned every point of the kit. Well done!",
                        " 所有主题都已完成，你拿到了全部分数。干得好！")
                : Lang.say(" Every topic you watch is done.", " 你监视的主题都已完成。");
    }

    private void waiting() {
        String file = current == null ? "" : String.join(", ", names(current));
        System.out.println();
        System.out.println(current == null
                ? Lang.say("Waiting for you to save a file... (Ctrl+C stops)", "等待你保存文件……（Ctrl+C 退出）")
                : Lang.sayf("Waiting for you to save a file (%s: %s)... Enter grades it again; Ctrl+C stops.",
                        "等待你保存文件（%s：%s）……按回车重新评分；Ctrl+C 退出。", current.label(), file));
        System.out.flush();
    }

    /** Reads Enter (grade again) and {@code q} (stop) from the keyboard; nothing happens if there is none. */
    private void listen(InputStream keys) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(keys, Charset.defaultCharset()))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String key = line.strip().toLowerCase(Locale.ROOT);
                    if (key.equals("q") || key.equals("quit") || key.equals("exit")) {
                        stop();
                        return;
                    }
                    if (key.isEmpty() || key.equals("r")) {
                        again = true;
                    }
                }
            } catch (IOException e) {
                // No keyboard (stdin closed): saves and Ctrl+C still work.
            }
        }, "threadlings watch: keys");
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops watching: ends a grading under way (its processes are killed) and lets the loop return. */
    private void stop() {
        stopping = true;
        try {
            // A grading may start its JVM just after a kill: keep killing until the loop has noticed.
            do {
                killOurProcesses();
            } while (!finished.await(200, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills every process this JVM started, each one's descendants first: the grader JVM of a grading under way and
     * whatever the code under test started. Also runs on Ctrl+C, as a shutdown hook.
     */
    static void killOurProcesses() {
        try {
            for (int round = 0; round < 20; round++) {
                List<ProcessHandle> children = ProcessHandle.current().children().collect(Collectors.toList());
                if (children.isEmpty()) {
                    return;
                }
                Processes.killAll(children, Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the files and what was seen of them ---

    private List<Path> files(Manifest.Topic t) {
        return t.files().stream().map(f -> root.resolve(f).normalize()).collect(Collectors.toList());
    }

    private List<String> names(Manifest.Topic t) {
        return files(t).stream().map(compiler::name).collect(Collectors.toList());
    }

    private Map<Path, Stamp> stamps() throws IOException {
        Map<Path, Stamp> now = new LinkedHashMap<>();
        for (Manifest.Topic t : topics) {
            for (Path f : files(t)) {
                now.put(f, stamp(f));
            }
        }
        return now;
    }

    private List<Manifest.Topic> changed() throws IOException {
        return changed(stamps());
    }

    /** The watched topics with a file that differs from what was seen of it, in path order. */
    private List<Manifest.Topic> changed(Map<Path, Stamp> now) {
        return topics.stream().filter(t -> files(t).stream().anyMatch(f -> !Objects.equals(now.get(f), seen.get(f))))
                .collect(Collectors.toList());
    }

    /**
     * What a poll sees of a file: its modification time and size (a save that changes nothing still counts as a
     * save) and a digest of its content (a file system that keeps times to the second or two still shows every
     * change).
     */
    record Stamp(long modified, long size, String digest) {
        static final Stamp MISSING = new Stamp(-1, -1, "");
    }

    static Stamp stamp(Path file) throws IOException {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            byte[] content = Files.readAllBytes(file);
            return new Stamp(modified, content.length, HexFormat.of().formatHex(sha256().digest(content)));
        } catch (NoSuchFileException e) {
            // Between an editor's delete and rename, or removed: a change like any other.
            return Stamp.MISSING;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // --- the topics watch mode saw earn every point ---

    /** The content of a topic's files when last graded, in one string. */
    private String fingerprint(Manifest.Topic t) {
        return files(t).stream().map(f -> seen.get(f).digest()).collect(Collectors.joining(","));
    }

    private boolean isDone(Manifest.Topic t) {
        try {
            List<String> now = new ArrayList<>();
            for (Path f : files(t)) {
                now.add(stamp(f).digest());
            }
            return String.join(",", now).equals(done.getProperty(t.id()));
        } catch (IOException e) {
            return false;
        }
    }

    private void remember(Manifest.Topic t, String fingerprint) throws IOException {
        done.setProperty(t.id(), fingerprint);
        save();
    }

    private void forget(Manifest.Topic t) throws IOException {
        if (done.remove(t.id()) != null) {
            save();
        }
    }

    private void load() throws IOException {
        Path file = out.resolve(STATE_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                done.load(in);
            } catch (IllegalArgumentException e) {
                // A damaged file: every topic is graded again, nothing worse.
                done.clear();
            }
        }
    }

    private void save() throws IOException {
        Files.createDirectories(out);
        try (OutputStream o = Files.newOutputStream(out.resolve(STATE_FILE))) {
            done.store(o, "Topics watch mode saw earn every point: the SHA-256 of their files then");
        }
    }
}
