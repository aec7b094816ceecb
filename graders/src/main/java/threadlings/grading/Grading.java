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
     * <p>The code under test may write anywhere the harness can (file permissions protect nothing from a user who
     * is root, as on many CI runners). So before any topic runs, the harness loads its own classes and keeps a copy
     * of the files verdicts depend on ({@link GradersFiles}): every classpath entry of the grader JVMs but the code
     * under test (the graders' classes, the manifest, the libraries), and each topic's results once it is graded.
     * After each topic it compares: a topic during which they changed scores nothing, and they are put back as they
     * were, so every later topic is graded by the graders as they were.
     *
     * <p>With the system property {@code threadlings.guard=true} (set where a grade must hold against the code it
     * grades, as when an instructor grades a pull request), the code under test must also leave alone its own
     * classes folders, and a change to any file stops the run: the topic scores nothing and no topic after it is
     * graded.
     */
    public static List<TopicResult> run(Manifest manifest, Options options) throws IOException, InterruptedException {
        boolean guard = Boolean.getBoolean(GUARD);
        preloadHarness();
        Map<String, String> copies = privateCopies(options);
        List<Path> gradersEntries = new ArrayList<>();
        for (Path entry : gradersEntries(options)) {
            gradersEntries.add(Path.of(copies.getOrDefault(entry.toString(), entry.toString())));
        }
        GradersFiles graders = GradersFiles.of(gradersEntries);
        GradersFiles code = guard ? GradersFiles.of(codeEntries(options)) : null;
        List<TopicResult> results = new ArrayList<>();
        String stopped = null;
        for (Manifest.Topic topic : manifest.topics()) {
            if (!options.topics().contains(topic)) {
                // In English whatever the language: the scoreboard recognises topics left out by these words.
                results.add(TopicResult.notRun(topic, "not selected for this run"));
            } else if (stopped != null) {
                results.add(TopicResult.notRun(topic, stopped));
            } else {
                Watched watched = new Watched(graders, code, copies);
                TopicResult result;
                try {
                    result = grade(topic, options, watched);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // What the topic left behind could not be read (a folder it locked, say): it alone pays.
                    result = stopped(topic, "crashed", List.of(), Lang.say("the harness could not read what this "
                            + "topic's run left behind (" + e + "), so it has no verdict.", "评分程序无法读取这个主题运行后"
                            + "留下的内容（" + e + "），所以它没有结论。"), 0);
                }
                if (watched.stopRun != null) {
                    stopped = watched.stopRun;
                }
                results.add(result);
                watchResults(graders, options.out().resolve(topic.id()));
            }
        }
        return results;
    }

    /** Largest file of a topic's results that later topics are kept from changing: the harness's are far smaller. */
    static final long RESULT_FILE_LIMIT = 16L << 20;

    /**
     * Keeps later topics from changing what a graded topic left (its event log, output and JUnit XML, which tools
     * read after the run). Whatever else is in its folder was put there by the code under test, and goes, as do
     * files too large to be the harness's: holding them in memory could end the run. A folder that cannot be read
     * is left unwatched rather than ending the run: this topic's verdict is already taken.
     */
    static void watchResults(GradersFiles graders, Path dir) {
        try {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(dir)) {
                all = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList()); // files before folders
            }
            for (Path p : all) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                boolean ours = name.isEmpty() || name.equals("xml") || name.equals("events.jsonl")
                        || name.equals("output.log") || name.startsWith("xml/") && name.endsWith(".xml");
                if (Files.isSymbolicLink(p)) {
                    Files.deleteIfExists(p);
                } else if (!ours || Files.isRegularFile(p) && Files.size(p) > RESULT_FILE_LIMIT) {
                    deleteTree(p);
                }
            }
            graders.add(dir);
        } catch (IOException | RuntimeException e) {
            // Unwatched: the verdict stands, and the report is written from memory, not from these files.
        }
    }

    /** The system property that turns on the stricter checks of {@link #run} against code that attacks its graders. */
    public static final String GUARD = "threadlings.guard";

    /** How many processes a topic's code may have running at once, its grader JVM aside. */
    static final int PROCESS_CAP = 32;

    /** How much a topic may write to its standard output and error before it is stopped. */
    static final long OUTPUT_LIMIT = 64L << 20;

    /** The grader JVMs' heap, which bounds what runaway allocation can take. */
    static final int HEAP_MIB = 512;

    /** The files one topic's grading watches (see {@link #run}), and what it found. */
    private static final class Watched {
        final GradersFiles graders;
        final GradersFiles code;
        /** The graders' class folders, by path, and the run's own copies the grader JVMs load instead. */
        final Map<String, String> copies;
        /** Set when the run cannot go on: why the later topics are not graded. */
        String stopRun;

        Watched(GradersFiles graders, GradersFiles code, Map<String, String> copies) {
            this.graders = graders;
            this.code = code;
            this.copies = copies;
        }
    }

    /**
     * Copies the graders' class folders (the harness's and the topic graders' classes, the manifest) into the run's
     * own folder, for the grader JVMs to load. Anything else may write the originals while a run goes on, and
     * innocently: a second {@code mvn test} recompiling them, an IDE building the project, watch mode beside a
     * grading. Only the code under test can reach the copies, so a change to them is its doing.
     */
    private static Map<String, String> privateCopies(Options options) throws IOException {
        Path home = options.out().toAbsolutePath().normalize().resolve(".graders");
        deleteTree(home);
        Map<String, String> copies = new java.util.HashMap<>();
        for (Path entry : gradersEntries(options)) {
            if (!Files.isDirectory(entry)) {
                continue; // libraries: jars in Maven's repository, which no build rewrites
            }
            Path copy = home.resolve(String.valueOf(copies.size()));
            List<Path> all;
            try (Stream<Path> walk = Files.walk(entry)) {
                all = walk.collect(Collectors.toList());
            }
            for (Path from : all) {
                Path to = copy.resolve(entry.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (Files.isRegularFile(from)) {
                    Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            copies.put(entry.toString(), copy.toString());
        }
        return copies;
    }

    /** The classpath entries of the grader JVMs that are not the code under test. */
    private static List<Path> gradersEntries(Options options) throws IOException {
        Set<Path> code = new java.util.HashSet<>(codeEntries(options));
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath(options).split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (!entry.isEmpty() && !code.contains(p)) {
                entries.add(p);
            }
        }
        return entries;
    }

    private static List<Path> codeEntries(Options options) {
        return options.code().stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toList());
    }

    /** What a topic changed among the watched files: the paths, and why they could not be put back, if so. */
    private record Changes(List<Path> graders, List<Path> code, String shown, String restoreFailed) {

        /** {@code result} if nothing changed, else a topic that scores nothing (and, maybe, a run that stops). */
        TopicResult verdict(Manifest.Topic topic, Watched watched, TopicResult result) {
            if (graders.isEmpty() && code.isEmpty()) {
                return result;
            }
            if (watched.code != null) {
                watched.stopRun = Lang.say("not graded: while " + topic.id() + " was graded, the code under test "
                        + "changed files the graders are loaded from", "未评分：评 " + topic.id()
                        + " 时，被测代码修改了评分程序加载的文件");
                return stopped(topic, "crashed", result.tests(), Lang.say("while these graders ran, the code under "
                        + "test changed files the graders are loaded from (" + shown + "), so their verdict cannot be "
                        + "trusted.", "评分程序运行期间，被测代码修改了评分程序加载的文件（" + shown + "），所以它们的结论不可信。"),
                        result.seconds());
            }
            if (restoreFailed != null) {
                watched.stopRun = Lang.say("not graded: while " + topic.id() + " was graded, the code under test "
                        + "changed the graders' files, and they could not be put back (" + restoreFailed + ")",
                        "未评分：评 " + topic.id() + " 时，被测代码修改了评分程序的文件，而且无法恢复（" + restoreFailed + "）");
            }
            return stopped(topic, "crashed", result.tests(), Lang.say("while its graders ran, the code under test "
                    + "changed the graders' files (" + shown + "). The harness put them back as they were, so other "
                    + "topics are graded as usual, but this topic's own verdict cannot be trusted and scores nothing. "
                    + "Your code may read and write only files it creates itself (in a temporary folder, say), never "
                    + "the kit's.", "评分程序运行期间，被测代码修改了评分程序的文件（" + shown + "）。评分程序已把它们恢复原样，"
                    + "其他主题照常评分，但这个主题本身的结论不可信，记 0 分。你的代码只能读写它自己创建的文件（比如放在临时文件夹里），"
                    + "不能碰这套练习的文件。"), result.seconds());
        }
    }

    /** Compares the watched files after a topic, and puts the graders' back as they were. */
    private static Changes inspect(Options options, Watched watched) throws IOException {
        List<Path> graders = watched.graders.changes();
        List<Path> code = watched.code == null ? List.of() : watched.code.changes();
        String restoreFailed = null;
        if (!graders.isEmpty()) {
            try {
                watched.graders.restore();
                List<Path> left = watched.graders.changes();
                if (!left.isEmpty()) {
                    restoreFailed = "still changed: " + shown(options, left);
                }
            } catch (IOException e) {
                restoreFailed = e.toString();
            }
        }
        List<Path> all = new ArrayList<>(graders);
        all.addAll(code);
        return new Changes(graders, code, shown(options, all), restoreFailed);
    }

    /** At most a few paths, relative to the graders' folder where they are inside it, then a count. */
    private static String shown(Options options, List<Path> paths) {
        Path base = options.workdir().toAbsolutePath().normalize();
        List<String> names = new ArrayList<>();
        for (Path p : paths.subList(0, Math.min(4, paths.size()))) {
            names.add(p.startsWith(base) ? base.relativize(p).toString() : p.toString());
        }
        if (paths.size() > 4) {
            names.add(Lang.say("and " + (paths.size() - 4) + " more", "另有 " + (paths.size() - 4) + " 个"));
        }
        return String.join(", ", names);
    }

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

    /** Grades one topic in a fresh JVM. */
    public static TopicResult grade(Manifest.Topic topic, Options options) throws IOException, InterruptedException {
        return grade(topic, options, null);
    }

    private static TopicResult grade(Manifest.Topic topic, Options options, Watched watched)
            throws IOException, InterruptedException {
        Path dir = options.out().resolve(topic.id());
        deleteTree(dir);
        Files.createDirectories(dir);
        Path events = dir.resolve("events.jsonl");
        String token = Processes.newToken();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-D" + TopicRunner.STUDENT + "=" + String.join(",", studentClasses(topic)));
        command.addAll(options.jvmArgs());
        command.add("-cp");
        String classpath = classpath(options);
        if (watched != null) {
            List<String> entries = new ArrayList<>();
            for (String entry : classpath.split(File.pathSeparator)) {
                String normal = entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().normalize().toString();
                entries.add(watched.copies.getOrDefault(normal, entry));
            }
            classpath = String.join(File.pathSeparator, entries);
        }
        command.add(classpath);
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
        Guard guard = new Guard(token, process);
        Output output = new Output(process.getInputStream(), dir.resolve("output.log"), guard);
        // The event log's key goes through the runner's stdin: not on its command line or in its environment,
        // where the code under test could read it. The runner reads it before it loads any of that code.
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(EventLog.keyLine(key).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The JVM is already gone: its verdict says so.
        }
        guard.start();
        boolean finished = process.waitFor(topic.timeoutSeconds(), TimeUnit.SECONDS);
        String stuck = null;
        if (!finished && guard.stoppedFor() == null) {
            stuck = ThreadDump.diagnose(threadDump(process, output), new java.util.HashSet<>(studentClasses(topic)));
        }
        guard.close();
        // The JVM and everything it started, wherever it was adopted (a process whose parent died is no longer a
        // descendant, but still carries the mark).
        Processes.stopFamily(token, process.toHandle(), Duration.ofSeconds(10));
        output.join(5_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        Integer exit = finished && guard.stoppedFor() == null ? Integer.valueOf(process.exitValue()) : null;
        // The harness's own classes were all loaded before the first topic ran (see run); the files verdicts
        // depend on are compared now, and put back if changed, before anything else is read from them.
        Changes changes = watched == null ? null : inspect(options, watched);
        TopicResult result;
        EventLog.Read log = EventLog.read(events, key);
        if (log.problem() != null) {
            result = stopped(topic, "crashed", List.of(), Lang.say("the graders' event log was tampered with while the "
                    + "code ran (" + log.problem() + "), so no verdict of this run can be trusted.",
                    "代码运行期间，评分程序的事件日志被篡改了（" + log.problem() + "），所以这次运行的任何结论都不可信。"), seconds);
        } else {
            result = verdict(topic, log.events(), new Ending(exit, guard.stoppedFor(), guard.mostProcesses(),
                    output.tail(), stuck), seconds);
        }
        return changes == null ? result : changes.verdict(topic, watched, result);
    }

    /** The student's classes of a topic, from the files the manifest lists ("…/threadlings/lock/Balance.java"). */
    static List<String> studentClasses(Manifest.Topic topic) {
        List<String> names = new ArrayList<>();
        for (String file : topic.files()) {
            int at = file.indexOf("threadlings/");
            if (at >= 0 && file.endsWith(".java")) {
                names.add(file.substring(at, file.length() - ".java".length()).replace('/', '.'));
            }
        }
        return names;
    }

    /**
     * How a topic's JVM ended, besides its events.
     *
     * @param exitCode    its exit code; null if the harness stopped it (out of time, or {@code stoppedFor})
     * @param stoppedFor  null, {@code "processes"} or {@code "output"}: what made the harness stop it early
     * @param processes   the most processes its code had running at once that the harness saw
     * @param tail        the end of its output, where the JVM's own last words are
     * @param stuck       when it ran out of time: where the student's code was stuck, if its thread dump said
     */
    record Ending(Integer exitCode, String stoppedFor, int processes, String tail, String stuck) {
    }

    /**
     * Asks a JVM that ran out of time for its thread dump (it prints one on {@code SIGQUIT}, and goes on) and
     * returns it, read from its output; empty where no such signal can be sent.
     */
    private static String threadDump(Process process, Output output) throws InterruptedException {
        if (File.separatorChar != '/') {
            return "";
        }
        output.capture();
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                return "";
            }
        } catch (IOException e) {
            return "";
        }
        // The dump ends with the JVM's own search for deadlocks, printed right after its "JNI global refs" line.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String dump = output.captured();
        while (System.nanoTime() - deadline < 0 && !(dump.contains("JNI global refs") && output.quietFor(300))) {
            Thread.sleep(50);
            dump = output.captured();
        }
        return dump;
    }

    /** Turns a topic JVM's event log and ending into the topic's result. */
    static TopicResult verdict(Manifest.Topic topic, List<Map<String, Object>> events, Ending ending, double seconds) {
        List<TestResult> tests = new ArrayList<>();
        String running = null;
        boolean ready = false;
        boolean done = false;
        String runnerError = null;
        boolean exited = false;
        String exitWhere = null;
        for (Map<String, Object> e : events) {
            switch (String.valueOf(e.get("event"))) {
                case "ready":
                    ready = true;
                    break;
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
                case "exit":
                    exited = true;
                    exitWhere = (String) e.get("where");
                    break;
                default:
            }
        }
        String shown = TestNames.shown(topic.id(), running);
        String during = running == null ? "" : Lang.say(", during \"" + shown + "\"", "（当时在运行\"" + shown + "\"）");
        if ("processes".equals(ending.stoppedFor())) {
            return stopped(topic, "crashed", tests, Lang.say("too many processes: the code had " + ending.processes()
                    + " processes running at once" + during + ", more than the " + PROCESS_CAP + " the harness allows, "
                    + "so it stopped the topic and killed them all before they could exhaust the machine. Does a loop "
                    + "keep starting processes? Start only as many as the task asks for, and wait for each one.",
                    "进程太多了：代码同时运行了 " + ending.processes() + " 个进程" + during + "，超过了评分程序允许的 "
                    + PROCESS_CAP + " 个，所以评分程序停止了这个主题，并在它们耗尽机器之前把它们全部杀掉了。是不是有个循环在不停地启动进程？"
                    + "只启动题目要求的数量，并等每个进程结束。"), seconds);
        }
        if ("output".equals(ending.stoppedFor())) {
            return stopped(topic, "crashed", tests, Lang.say("too much output: the code wrote more than "
                    + (OUTPUT_LIMIT >> 20) + " MiB to standard output and standard error" + during + ", so the harness "
                    + "stopped the topic there. So much output comes from printing inside a loop, which also slows the "
                    + "code down: remove those prints, or print only a few lines.",
                    "输出太多了：代码向标准输出和标准错误写了超过 " + (OUTPUT_LIMIT >> 20) + " MiB" + during
                    + "，所以评分程序在那里停止了这个主题。这么多输出通常来自循环里的打印，它还会拖慢代码：删掉这些打印，或者只打印几行。"),
                    seconds);
        }
        if (ending.exitCode() == null) {
            String stuck = ending.stuck();
            return stopped(topic, "timed-out", tests, Lang.say("its graders were still running after "
                    + topic.timeoutSeconds() + " s" + (running == null ? "" : ", in \"" + shown + "\"") + ": "
                    + (stuck != null ? stuck : "the code is blocked or loops forever.") + " So the run was stopped.",
                    "评分程序运行了 " + topic.timeoutSeconds() + " 秒仍未结束" + during + "："
                    + (stuck != null ? stuck : "代码被阻塞了，或陷入了死循环。") + "所以这次运行被停止了。"), seconds);
        }
        int exitCode = ending.exitCode();
        if (exitCode == TopicRunner.EXIT_TIMED_OUT && !exited) {
            TestResult late = tests.stream().filter(TestResult::timedOut).reduce((a, b) -> b).orElse(null);
            String diagnosis = late == null ? null : diagnosisOf(events, late.name());
            String which = late == null ? Lang.say("a test", "一个测试")
                    : "\"" + TestNames.shown(topic.id(), late.name()) + "\"";
            return stopped(topic, "timed-out", tests, Lang.say(which + " did not finish within its time limit: "
                    + (diagnosis != null ? diagnosis : "the code is blocked (a deadlock? a wait nobody ends?) or loops "
                    + "forever.") + " So the topic was stopped there.", which + " 没有在时限内完成："
                    + (diagnosis != null ? diagnosis : "代码被阻塞了（死锁？一个永远等不到结果的等待？），或者陷入了死循环。")
                    + "所以这个主题在那里被停止了。"), seconds);
        }
        if (done && exitCode == 0) {
            return TopicResult.scored(topic, tests, seconds);
        }
        return stopped(topic, "crashed", tests, crash(exitCode, ready, exited, exitWhere, during, runnerError,
                ending.tail()), seconds);
    }

    /** Why a grader JVM ended before its tests were done, in a sentence or two. */
    private static String crash(int exitCode, boolean ready, boolean exited, String where, String during,
                                String runnerError, String tail) {
        if (exited) {
            return Lang.say("the code called System.exit(" + exitCode + ")" + (where == null ? "" : " at " + where)
                    + during + ". That ends the whole grader JVM at once, so no later test could run. Return a "
                    + "result or throw an exception instead: only a program's main method should decide when its "
                    + "JVM ends.", "代码调用了 System.exit(" + exitCode + ")" + (where == null ? "" : "，位于 " + where)
                    + during + "。这会立刻结束整个评分 JVM，之后的测试都无法运行。请返回结果或抛出异常：只有程序的 main 方法才应该决定 JVM 何时结束。");
        }
        if (tail.contains("java.lang.OutOfMemoryError")) {
            return Lang.say("the grader JVM ran out of memory" + during + ": its heap is limited to " + HEAP_MIB
                    + " MiB, and the code kept more than that (a collection that only grows? an allocation in a loop "
                    + "that never ends?).", "评分 JVM 的内存耗尽了" + during + "：它的堆限制为 " + HEAP_MIB
                    + " MiB，而代码占用的比这更多（一个只增不减的集合？一个永不结束的循环里的分配？）。");
        }
        if (tail.contains("A fatal error has been detected by the Java Runtime Environment")) {
            return Lang.say("the JVM itself crashed" + during + " (exit code " + exitCode + "); its report is at "
                    + "the end of the topic's output.log.", "JVM 本身崩溃了" + during + "（退出码 " + exitCode
                    + "）；崩溃报告在这个主题的 output.log 末尾。");
        }
        if (!ready) {
            return Lang.say("the grader JVM could not start (exit code " + exitCode + "): " + firstLine(tail),
                    "评分 JVM 无法启动（退出码 " + exitCode + "）：" + firstLine(tail));
        }
        if (runnerError != null) {
            return Lang.say("the graders could not run: " + runnerError, "评分程序无法运行：" + runnerError);
        }
        if (exitCode > 128 && exitCode < 160) {
            return Lang.say("the grader JVM was killed by signal " + (exitCode - 128) + during + " (did the code kill "
                    + "its own process, or did the system run out of memory?).", "评分 JVM 被信号 " + (exitCode - 128)
                    + " 杀掉了" + during + "（是代码杀掉了自己的进程，还是系统内存耗尽了？）。");
        }
        return Lang.say("the grader JVM stopped at once with exit code " + exitCode + during + ", without running its "
                + "shutdown steps: the code called Runtime.getRuntime().halt(" + exitCode + ") (or the JVM crashed). "
                + "That ends the whole grader JVM, so no later test could run: return a result or throw an exception "
                + "instead.", "评分 JVM 以退出码 " + exitCode + " 立刻停止了" + during
                + "，没有执行关闭步骤：代码调用了 Runtime.getRuntime().halt(" + exitCode
                + ")（或者 JVM 崩溃了）。这会结束整个评分 JVM，之后的测试都无法运行：请返回结果或抛出异常。");
    }

    private static String diagnosisOf(List<Map<String, Object>> events, String test) {
        for (Map<String, Object> e : events) {
            if ("end".equals(e.get("event")) && test.equals(e.get("name")) && e.get("diagnosis") != null) {
                return (String) e.get("diagnosis");
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
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

    /**
     * Watches a topic's processes while it runs: counts them every 250 ms (every 10 ms once there are more than a
     * few), and when there are more than {@link #PROCESS_CAP} stops the topic and kills them all, so that a loop
     * that keeps starting processes costs its topic, not the machine. {@link Output} stops it the same way when
     * the topic writes too much.
     */
    private static final class Guard implements AutoCloseable {
        private final String token;
        private final Process root;
        private final java.util.concurrent.atomic.AtomicReference<String> stoppedFor =
                new java.util.concurrent.atomic.AtomicReference<>();
        private final Thread thread;
        private volatile boolean closed;
        private volatile int most;

        Guard(String token, Process root) {
            this.token = token;
            this.root = root;
            this.thread = new Thread(this::watch, "guard " + root.pid());
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void watch() {
            try {
                while (!closed && root.isAlive()) {
                    int count = Processes.family(token, root.pid()).size();
                    most = Math.max(most, count);
                    if (count > PROCESS_CAP) {
                        stop("processes");
                        return;
                    }
                    Thread.sleep(count > PROCESS_CAP / 4 ? 10 : 250);
                }
            } catch (InterruptedException e) {
                // Closed.
            }
        }

        /** Stops the topic for {@code reason}, unless it was already stopped: kills its JVM and all it started. */
        void stop(String reason) {
            if (stoppedFor.compareAndSet(null, reason)) {
                try {
                    Processes.stopFamily(token, root.toHandle(), Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        String stoppedFor() {
            return stoppedFor.get();
        }

        int mostProcesses() {
            return most;
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.interrupt();
            thread.join(15_000);
        }
    }

    /**
     * Reads a topic JVM's output as it comes, so that a flood never blocks it: keeps the first {@link #OUTPUT_CAP}
     * bytes in the topic's {@code output.log} and the last {@link #TAIL} in memory (the JVM's last words, an
     * {@code OutOfMemoryError} say, come at the end), and stops the topic once it has written more than
     * {@link #OUTPUT_LIMIT}.
     */
    private static final class Output {
        private static final int TAIL = 64 << 10;

        private static final int CAPTURE = 4 << 20;

        private final byte[] tail = new byte[TAIL];
        private long total;
        private long lastRead = System.nanoTime();
        private java.io.ByteArrayOutputStream captured;
        private final Thread thread;

        Output(InputStream in, Path file, Guard guard) {
            thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (OutputStream out = Files.newOutputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        int keep = (int) Math.max(0, Math.min(n, OUTPUT_CAP - total));
                        out.write(buffer, 0, keep);
                        remember(buffer, n);
                        if (total > OUTPUT_LIMIT) {
                            guard.stop("output");
                        }
                    }
                    long dropped = total - OUTPUT_CAP;
                    if (dropped > 0) {
                        String last = tail();
                        out.write(("\n[threadlings: " + dropped + " more bytes of output were dropped; the last "
                                + last.length() + " characters follow]\n" + last).getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // The JVM was killed while we read: what we have is all there is.
                }
            }, "output " + file.getParent().getFileName());
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void remember(byte[] buffer, int n) {
            for (int i = Math.max(0, n - TAIL); i < n; i++) {
                tail[(int) ((total + i) % TAIL)] = buffer[i];
            }
            total += n;
            lastRead = System.nanoTime();
            if (captured != null && captured.size() < CAPTURE) {
                captured.write(buffer, 0, Math.min(n, CAPTURE - captured.size()));
            }
        }

        /** From now on, keeps what is written (up to a few MiB) for {@link #captured}. */
        synchronized void capture() {
            captured = new java.io.ByteArrayOutputStream();
        }

        /** What was written since {@link #capture}, as text. */
        synchronized String captured() {
            return captured == null ? "" : captured.toString(StandardCharsets.UTF_8);
        }

        /** True if nothing was written for the last {@code millis}. */
        synchronized boolean quietFor(long millis) {
            return System.nanoTime() - lastRead > millis * 1_000_000;
        }

        /** The last bytes written, as text. */
        synchronized String tail() {
            int length = (int) Math.min(total, TAIL);
            byte[] last = new byte[length];
            for (int i = 0; i < length; i++) {
                last[i] = tail[(int) ((total - length + i) % TAIL)];
            }
            return new String(last, StandardCharsets.UTF_8);
        }

        void join(long millis) throws InterruptedException {
            thread.join(millis);
        }
    }

    /**
     * Options for every grader JVM: a bounded heap (so runaway allocation ends in a verdict, not a swapping
     * machine), and on newer JDKs the switches that keep Lincheck's agent from printing warnings.
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP_MIB + "m", "-XX:+ExitOnOutOfMemoryError",
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
