package threadlings.grading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code mvn test} runs: grades the selected topics of the student's code, writes {@code report.json} and
 * {@code report.html} beside it (even when tests fail), prints the scoreboard last, and exits non-zero unless every
 * point was earned.
 *
 * <p>System properties: {@code threadlings.topics} (comma-separated ids; empty for all), {@code threadlings.code}
 * (the classes to grade), {@code threadlings.exercises} and {@code threadlings.solutions} (the two student-module
 * folders, kept off the graders' classpath), {@code threadlings.out} (where results go).
 */
public final class Grade {

    private Grade() {
    }

    /**
     * The topics {@code -Dtopic} chose. An unknown id ends the run listing the known ones: under Maven as the
     * build's error, otherwise with exit status 2.
     */
    static List<Manifest.Topic> selected(Manifest manifest) {
        try {
            return manifest.select(System.getProperty("threadlings.topics", ""));
        } catch (IllegalArgumentException e) {
            if (Boolean.getBoolean("threadlings.maven")) {
                throw e;
            }
            System.out.println("threadlings: " + e.getMessage());
            System.exit(2);
            throw e; // not reached
        }
    }

    public static void main(String[] args) throws Exception {
        Manifest manifest = Manifest.load();
        List<Manifest.Topic> topics = Grade.selected(manifest);
        Path out = Path.of(System.getProperty("threadlings.out", "target/grading"));
        Path code = Path.of(System.getProperty("threadlings.code", "../exercises/target/classes"));
        List<TopicResult> results = Grading.run(manifest, options(code, topics, out));
        publish(results, out);
        boolean full = results.stream().filter(r -> topics.contains(r.topic())).allMatch(TopicResult::fullMarks);
        System.out.flush();
        if (full) {
            return;
        }
        // Under Maven too: ending the JVM here keeps the scoreboard the last thing a student reads, where a thrown
        // failure would add Maven's ten-line error block under it (the build still fails: Maven exits with 1).
        System.exit(1);
    }

    /**
     * How a student run grades {@code code}: the student-module folders Maven names ({@code threadlings.exercises},
     * {@code threadlings.solutions}) kept off the graders' classpath, the graders' module as working folder
     * ({@code threadlings.basedir}), progress on standard output. Watch mode grades through it too.
     */
    static Grading.Options options(Path code, List<Manifest.Topic> topics, Path out) {
        Set<Path> replaced = new LinkedHashSet<>();
        for (String key : List.of("threadlings.exercises", "threadlings.solutions")) {
            String value = System.getProperty(key);
            if (value != null && !value.isBlank()) {
                replaced.add(Path.of(value));
            }
        }
        Path workdir = Path.of(System.getProperty("threadlings.basedir", "."));
        return new Grading.Options(List.of(code), replaced, topics, out, new ArrayList<>(), workdir, System.out);
    }

    /**
     * Writes {@code report.json} and {@code report.html} into {@code out} and prints the scoreboard and where the
     * reports are. Watch mode shows each of its verdicts through it too.
     */
    static void publish(List<TopicResult> results, Path out) throws IOException {
        Path report = out.resolve("report.json");
        Report.write(results, report);
        RunInfo run = RunInfo.current();
        Path html = out.resolve("report.html");
        String htmlProblem = null;
        try {
            HtmlReport.write(results, html, run);
        } catch (IOException | RuntimeException e) {
            // The HTML is a reader's aid: report.json and the scoreboard carry the verdict without it.
            htmlProblem = e.toString();
        }
        System.out.print(Scoreboard.render(results, run));
        System.out.println();
        if (htmlProblem == null) {
            System.out.println(Lang.say(" every failure in full, with charts: ", " 每个失败的完整信息和图表：")
                    + html.toAbsolutePath().normalize().toUri());
        } else {
            System.out.println(Lang.say(" report.html could not be written: ", " 无法写出 report.html：") + htmlProblem);
        }
        System.out.println(" report.json: " + report.toAbsolutePath().normalize());
    }
}
