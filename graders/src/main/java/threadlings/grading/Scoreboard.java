package threadlings.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text a student reads last, made to fit one screen: a line per graded topic and the total; then, for the
 * first topic that is not done, everything needed to go on (its first failure in full, a measurement's numbers,
 * the hint, the command that grades only it). When every graded topic is done: what was just learned, and what
 * comes next. {@code report.html} holds the rest (every failure, the charts).
 *
 * <p>The table between the two rules is read back by the pull-request grader (it checks the report against it):
 * keep the title line, the rules and each topic's line {@code " 07 lock   7/10  status  …"} as they are, and
 * start any other line in the table with more than one space.
 */
public final class Scoreboard {

    /** The rule above and below the table. */
    static final String RULE = "-".repeat(64);
    /** Longest message shown in full; longer ones are cut, except Lincheck's reports. */
    private static final int MAX_MESSAGE_LINES = 60;
    /** Hints and lessons are wrapped to this many columns. */
    private static final int WIDTH = 100;
    /** What {@link Grading} says of a topic the run did not select. */
    private static final String NOT_SELECTED = "not selected for this run";
    /** The headline Lincheck puts above each of its reports: "= Invalid execution results =". */
    private static final Pattern LINCHECK = Pattern.compile("(?m)^= [A-Z][^=\n]* =\\s*$");

    /** Below this share of N × 100 %, spinning threads show the machine was busy: the gil line says so. */
    private static final double BUSY = 0.9;
    /** Chinese punctuation a line must not start with. */
    private static final String NO_BREAK_BEFORE = "，。、；：？！）》」』”’";

    private Scoreboard() {
    }

    public static String render(List<TopicResult> results) {
        return render(results, RunInfo.current());
    }

    public static String render(List<TopicResult> results, RunInfo run) {
        List<TopicResult> graded = graded(results);
        int points = graded.stream().mapToInt(TopicResult::points).sum();
        int max = graded.stream().mapToInt(r -> r.topic().points()).sum();
        StringBuilder out = new StringBuilder();
        out.append('\n').append(RULE).append('\n');
        out.append(" threadlings scoreboard\n");
        out.append(RULE).append('\n');
        for (TopicResult r : graded) {
            out.append(' ').append(pad(r.topic().label(), 14)).append(String.format(" %3d/%-3d ", r.points(),
                    r.topic().points())).append(pad(status(r.status()), 10)).append(' ').append(summary(r))
                    .append('\n');
            gilLine(r).ifPresent(line -> out.append("    ").append(line).append('\n'));
        }
        out.append(RULE).append('\n');
        out.append(' ').append(pad(Lang.say("total", "总分"), 14)).append(String.format(" %3d/%-3d", points, max));
        if (graded.size() < results.size()) {
            out.append("   ").append(Lang.sayf("(%d of %d topics graded; run without -Dtopic for all)",
                    "（本次评了 %2$d 个主题中的 %1$d 个；不带 -Dtopic 运行即评全部）", graded.size(), results.size()));
        }
        out.append('\n');
        Optional<TopicResult> first = firstNotDone(graded);
        if (first.isPresent()) {
            notDone(out, first.get(), graded, run);
        } else if (!graded.isEmpty()) {
            done(out, results, graded, run);
        }
        return out.toString();
    }

    /** The topics this run graded (every one but those it did not select), in path order. */
    static List<TopicResult> graded(List<TopicResult> results) {
        return results.stream().filter(Scoreboard::isGraded).toList();
    }

    /** The first graded topic that is not done, if any: the one to work on. */
    static Optional<TopicResult> firstNotDone(List<TopicResult> graded) {
        return graded.stream().filter(r -> !r.fullMarks()).findFirst();
    }

    /** The topic after the last one graded that this run did not grade: where to go once these are done. */
    static Optional<TopicResult> next(List<TopicResult> results, List<TopicResult> graded) {
        if (graded.isEmpty()) {
            return Optional.empty();
        }
        int last = results.indexOf(graded.get(graded.size() - 1));
        return results.subList(last + 1, results.size()).stream().filter(t -> !graded.contains(t)).findFirst();
    }

    /** Everything needed to go on with the first topic that is not done. */
    private static void notDone(StringBuilder out, TopicResult r, List<TopicResult> graded, RunInfo run) {
        Manifest.Text text = r.topic().text();
        out.append('\n').append(' ').append(r.topic().label()).append(": ").append(text.title())
                .append(" [").append(status(r.status())).append("]\n");
        if (r.problem() != null) {
            out.append(indent(wrap(r.problem(), WIDTH - 3), "   ")).append('\n');
        }
        Optional<TestResult> failure = r.firstFailure();
        failure.ifPresent(f -> {
            long failed = r.count("failed");
            out.append("   ").append(failed > 1 ? Lang.sayf("first of %d failed tests (all in report.html): ",
                    "%d 个未通过的测试中的第一个（全部见 report.html）：", failed) : Lang.say("first failure: ",
                    "未通过的测试：")).append(TestNames.shown(r.topic().id(), f.name())).append('\n');
            out.append(indent(forTerminal(f.message()), "     ")).append('\n');
            for (Measurement m : Measurement.of(r.topic().id(), f)) {
                out.append(indent(wrap(Lang.say("the numbers: ", "数值：") + m.describe(), WIDTH - 3), "   "))
                        .append('\n');
            }
        });
        out.append(indent(wrap(Lang.say("hint: ", "提示：") + text.hint(), WIDTH - 3), "   ")).append('\n');
        out.append("   ").append(Lang.say("grade only this topic: ", "只评这个主题：")).append(run.commandFor(r.topic().id()))
                .append('\n');
        List<String> others = graded.stream().filter(o -> o != r && !o.fullMarks()).map(o -> o.topic().label())
                .toList();
        if (!others.isEmpty()) {
            out.append("   ").append(Lang.sayf("also not done yet: %s (each is shown here once those before it "
                    + "are done)", "还没完成的还有：%s（前面的完成后，会在这里逐个显示）", String.join(", ", others)))
                    .append('\n');
        }
    }

    /** Every graded topic is done: what was just learned (one topic graded alone), and what comes next. */
    private static void done(StringBuilder out, List<TopicResult> results, List<TopicResult> graded, RunInfo run) {
        out.append('\n');
        if (graded.size() == 1) {
            TopicResult r = graded.get(0);
            out.append(' ').append(Lang.sayf("%s: every point earned. Well done.", "%s：满分，做得好。",
                    r.topic().label())).append('\n');
            String learned = r.topic().text().learned();
            if (learned != null) {
                out.append("   ").append(Lang.say("What you just learned:", "你刚学会的：")).append('\n');
                out.append(indent(wrap(learned, WIDTH - 5), "     ")).append('\n');
            }
        } else {
            out.append(' ').append(Lang.say("Every point earned. Well done.", "每一分都拿到了，做得好。")).append('\n');
        }
        Optional<TopicResult> next = next(results, graded);
        if (next.isPresent()) {
            Manifest.Topic t = next.get().topic();
            out.append(' ').append(Lang.say("Next: ", "下一个：")).append(t.label()).append(": ")
                    .append(t.text().title()).append('\n');
            out.append("   ").append(run.commandFor(t.id())).append('\n');
        } else {
            out.append(indent(wrap(afterTheLast(results, graded, run), WIDTH - 1), " ")).append('\n');
        }
    }

    /** What comes after the last topic of the path, once every graded topic is done. */
    static String afterTheLast(List<TopicResult> results, List<TopicResult> graded, RunInfo run) {
        if (graded.size() < results.size()) {
            return Lang.sayf("That was the end of the path. Now grade every topic together: %s",
                    "这是最后一个主题了。现在把所有主题一起评一遍：%s", run.command());
        }
        return Lang.say("You have walked the whole path: every topic, every point. What comes next: "
                + "java.util.concurrent (ExecutorService, CompletableFuture, ConcurrentHashMap) does much of what you "
                + "built here, for real programs; now you know what it does inside.",
                "整条路你都走完了：每个主题，每一分。接下来：java.util.concurrent（ExecutorService、CompletableFuture、"
                        + "ConcurrentHashMap）为真实的程序做了你在这里亲手做过的许多事；现在你知道它内部在做什么了。");
    }

    /**
     * For the gil topic, the lesson's two numbers side by side, as {@code top} would show them: threads under one
     * GIL about 100 %, processes with a GIL each about N × 100 %.
     */
    static Optional<String> gilLine(TopicResult r) {
        Optional<Measurement.Found> threads = Measurement.find(r, Measurement.Kind.GIL_THREADS);
        Optional<Measurement.Found> processes = Measurement.find(r, Measurement.Kind.GIL_PROCESSES);
        if (threads.isEmpty() && processes.isEmpty()) {
            return Optional.empty();
        }
        String left = threads.map(f -> Lang.sayf("one GIL, %d threads: %s CPU%s", "一个 GIL、%d 个线程：CPU %s%s",
                f.measurement().n(), Measurement.percent(f.measurement().value()), judged(f)))
                .orElse(Lang.say("one GIL, n threads: not measured", "一个 GIL、n 个线程：未测量"));
        String right = processes.map(f -> {
            Measurement m = f.measurement();
            String p = Lang.sayf("%d processes, a GIL each: %s CPU%s", "%d 个进程、各一个 GIL：CPU %s%s", m.n(),
                    Measurement.percent(m.value()), judged(f));
            // On a busy machine the processes could not get N × 100 %: say what spinning threads got instead.
            return p + (m.capacity() < BUSY * m.n()
                    ? Lang.sayf(" (machine busy: spinning threads got %s)", "（机器繁忙：空转线程只得到 %s）",
                            Measurement.percent(m.capacity()))
                    : Lang.sayf(" (of %d × 100 %%)", "（满载 %d × 100 %%）", m.n()));
        }).orElse(Lang.say("processes: not measured", "多个进程：未测量"));
        return Optional.of(left + " — " + right);
    }

    private static String judged(Measurement.Found f) {
        return f.test().status().equals("skipped") ? Lang.say(" (not judged)", "（未评判）") : "";
    }

    /** A topic's status, in the run's language (report.json keeps the contract's words). */
    static String status(String status) {
        if (Lang.current() == Lang.EN) {
            return status;
        }
        switch (status) {
            case "passed": return "通过";
            case "failed": return "未通过";
            case "crashed": return "崩溃";
            case "timed-out": return "超时";
            case "not-run": return "未运行";
            default: return status;
        }
    }

    /** "2 of 14 tests failed, 1 skipped (9.4 s)". */
    static String summary(TopicResult r) {
        long failed = r.count("failed");
        long total = r.tests().stream().filter(t -> t.graded() && !t.status().equals("skipped")).count();
        long skipped = r.count("skipped");
        String s = failed > 0 ? Lang.sayf("%d of %d tests failed", "%2$d 个测试中 %1$d 个未通过", failed, total)
                : Lang.sayf("%d tests", "%d 个测试", total);
        if (skipped > 0) {
            s += Lang.sayf(", %d skipped", "，%d 个跳过", skipped);
        }
        return String.format(java.util.Locale.ROOT, "%s (%.1f s)", s, r.seconds());
    }

    /**
     * A failure message as the terminal shows it: whole if it is a Lincheck report (the interleaving is the
     * explanation), except Lincheck's detailed trace, a second and very wide replay of the same interleaving with
     * file and line numbers, which stays in report.html; other messages cut after {@value #MAX_MESSAGE_LINES}
     * lines.
     */
    static String forTerminal(String message) {
        if (message == null || message.isBlank()) {
            return Lang.say("(no message)", "（没有消息）");
        }
        if (isLincheck(message)) {
            return withoutDetailedTrace(message);
        }
        String[] lines = message.split("\n", -1);
        if (lines.length <= MAX_MESSAGE_LINES) {
            return message;
        }
        return String.join("\n", List.of(lines).subList(0, MAX_MESSAGE_LINES)) + "\n" + Lang.sayf(
                "... (%d more lines in report.html)", "……（另有 %d 行，见 report.html）",
                lines.length - MAX_MESSAGE_LINES);
    }

    /** True when the text holds a Lincheck report. */
    static boolean isLincheck(String message) {
        return message != null && (LINCHECK.matcher(message).find() || message.contains("= Concurrent test"));
    }

    /** Drops each "Detailed trace:" table (the line and the table rows after it), saying where it went. */
    static String withoutDetailedTrace(String message) {
        String[] lines = message.split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("Detailed trace:")) {
                int j = i + 1;
                while (j < lines.length && lines[j].stripLeading().startsWith("|")) {
                    j++;
                }
                if (j > i + 1) {
                    kept.add(Lang.say("(Lincheck's detailed trace, the same steps with the file and line of each: "
                            + "in report.html)", "（Lincheck 的详细追踪，即同样的步骤并附上每步的文件和行号：见 report.html）"));
                    i = j - 1;
                    continue;
                }
            }
            kept.add(lines[i]);
        }
        return String.join("\n", kept);
    }

    static String indent(String text, String prefix) {
        return prefix + text.strip().replace("\n", "\n" + prefix);
    }

    /** Pads to {@code columns} terminal columns (a Chinese character takes two). */
    static String pad(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : s + " ".repeat(columns - w);
    }

    /** Terminal columns of a text: two for each wide (East Asian) character, one for the others. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            w += wide(c) ? 2 : 1;
            i += Character.charCount(c);
        }
        return w;
    }

    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    }

    /**
     * Wraps prose to {@code columns}: at spaces, and between wide characters (Chinese has no spaces). Existing
     * line breaks are kept.
     */
    static String wrap(String text, int columns) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.strip().split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            StringBuilder line = new StringBuilder();
            int lineWidth = 0;
            int breakAt = -1; // index in line after which it may break
            for (int i = 0; i < paragraph.length(); ) {
                int c = paragraph.codePointAt(i);
                i += Character.charCount(c);
                int w = wide(c) ? 2 : 1;
                if (lineWidth + w > columns && breakAt > 0) {
                    out.append(line, 0, breakAt).append('\n');
                    String rest = line.substring(breakAt).stripLeading();
                    line.setLength(0);
                    line.append(rest);
                    lineWidth = width(rest);
                    breakAt = -1;
                }
                if (c == ' ' && line.length() == 0) {
                    continue;
                }
                if (c == ' ') {
                    breakAt = line.length();
                } else if (wide(c) && line.length() > 0 && NO_BREAK_BEFORE.indexOf(c) < 0) {
                    breakAt = line.length();
                }
                line.appendCodePoint(c);
                lineWidth += w;
            }
            out.append(line);
        }
        return out.toString();
    }

    /** Whether a topic was graded in this run. */
    static boolean isGraded(TopicResult r) {
        return !(r.status().equals("not-run") && NOT_SELECTED.equals(r.problem()));
    }
}
