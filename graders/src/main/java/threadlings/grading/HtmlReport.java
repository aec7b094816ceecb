package threadlings.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code report.html}, written beside {@code report.json} on every grading run: the scoreboard, every failure in
 * full, and for the topics that measure CPU (cores, speedup, gil) a chart of what was measured against what the
 * machine could give and what was required.
 *
 * <p>One self-contained file: inline CSS and inline SVG, no script, no font or image from anywhere (a content
 * security policy says so to the browser as well). Every text that comes from a run (test names, messages,
 * stack traces: they may hold anything the student's code printed or threw) is escaped.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** Writes the report for this JVM's run ({@link RunInfo#current()}). */
    public static void write(List<TopicResult> results, Path file) throws IOException {
        write(results, file, RunInfo.current());
    }

    /** Writes the report to {@code file} whole, or not at all. */
    public static void write(List<TopicResult> results, Path file, RunInfo run) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, render(results, run), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report's HTML text. */
    public static String render(List<TopicResult> results, RunInfo run) {
        List<TopicResult> graded = Scoreboard.graded(results);
        int points = graded.stream().mapToInt(TopicResult::points).sum();
        int max = graded.stream().mapToInt(r -> r.topic().points()).sum();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Lang.current() == Lang.ZH ? "zh-Hans" : "en").append("\">\n")
                .append("<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>threadlings ").append(points).append('/').append(max).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(h, results, graded, points, max);
        board(h, results);
        nextStep(h, results, graded, run);
        for (TopicResult r : graded) {
            topic(h, r, run);
        }
        h.append("<footer>").append(esc(Lang.say("Written by threadlings' grader with every run, beside report.json.",
                "由 threadlings 的评分程序在每次运行时写出，与 report.json 放在一起。"))).append("</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, List<TopicResult> results, List<TopicResult> graded, int points,
                               int max) {
        h.append("<header>\n<h1>threadlings</h1>\n<p class=\"total\"><strong>").append(points).append("</strong> / ")
                .append(max).append(' ').append(esc(Lang.say("points", "分"))).append("</p>\n<p class=\"sub\">");
        if (graded.size() < results.size()) {
            h.append(esc(Lang.sayf("%d of %d topics graded in this run", "本次评了 %2$d 个主题中的 %1$d 个",
                    graded.size(), results.size()))).append(" · ");
        }
        h.append(esc(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT))))
                .append("</p>\n</header>\n");
    }

    /** The scoreboard as a table: every topic of the path, graded or not. */
    private static void board(StringBuilder h, List<TopicResult> results) {
        h.append("<section class=\"board\">\n<table>\n<thead><tr><th>#</th><th>")
                .append(esc(Lang.say("topic", "主题"))).append("</th><th>").append(esc(Lang.say("points", "得分")))
                .append("</th><th>").append(esc(Lang.say("status", "状态"))).append("</th><th>")
                .append(esc(Lang.say("tests", "测试"))).append("</th></tr></thead>\n<tbody>\n");
        for (TopicResult r : results) {
            boolean graded = Scoreboard.isGraded(r);
            Manifest.Topic t = r.topic();
            String cls = graded ? r.status() : "unselected";
            h.append("<tr class=\"").append(cls).append("\"><td class=\"num\">").append(String.format("%02d",
                    t.number())).append("</td><td>");
            if (graded) {
                h.append("<a href=\"#").append(anchor(t)).append("\"><code>").append(esc(t.id())).append("</code></a>");
            } else {
                h.append("<code>").append(esc(t.id())).append("</code>");
            }
            h.append(" <span class=\"title\">").append(esc(t.text().title())).append("</span>");
            if (graded) {
                Scoreboard.gilLine(r).ifPresent(line -> h.append("<div class=\"gil-line\">").append(esc(line))
                        .append("</div>"));
            }
            h.append("</td><td class=\"points\">");
            if (graded) {
                int pct = t.points() == 0 ? 0 : 100 * r.points() / t.points();
                h.append("<span class=\"bar\"><span style=\"width:").append(pct).append("%\"></span></span> ")
                        .append(r.points()).append('/').append(t.points());
            } else {
                h.append("–/").append(t.points());
            }
            h.append("</td><td><span class=\"badge ").append(cls).append("\">")
                    .append(esc(graded ? Scoreboard.status(r.status()) : Lang.say("not graded", "本次未评")))
                    .append("</span></td><td class=\"summary\">")
                    .append(graded ? esc(Scoreboard.summary(r)) : "").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    /** The same next step as the terminal's: the first topic not done, or what was learned and what is next. */
    private static void nextStep(StringBuilder h, List<TopicResult> results, List<TopicResult> graded, RunInfo run) {
        if (graded.isEmpty()) {
            return;
        }
        h.append("<section class=\"next\">\n");
        Optional<TopicResult> first = Scoreboard.firstNotDone(graded);
        if (first.isPresent()) {
            Manifest.Topic t = first.get().topic();
            h.append("<p>").append(esc(Lang.say("Start here: ", "从这里开始："))).append("<a href=\"#")
                    .append(anchor(t)).append("\">").append(esc(t.label() + ": " + t.text().title()))
                    .append("</a></p>\n<p>").append(esc(Lang.say("Grade only this topic: ", "只评这个主题：")))
                    .append("<code>").append(esc(run.commandFor(t.id()))).append("</code></p>\n");
        } else {
            h.append("<p><strong>").append(esc(Lang.say("Every point earned. Well done.", "每一分都拿到了，做得好。")))
                    .append("</strong></p>\n");
            Optional<TopicResult> next = Scoreboard.next(results, graded);
            if (next.isPresent()) {
                Manifest.Topic t = next.get().topic();
                h.append("<p>").append(esc(Lang.say("Next: ", "下一个："))).append(esc(t.label() + ": "
                        + t.text().title())).append(" — <code>").append(esc(run.commandFor(t.id())))
                        .append("</code></p>\n");
            } else {
                h.append("<p>").append(esc(Scoreboard.afterTheLast(results, graded, run))).append("</p>\n");
            }
        }
        h.append("</section>\n");
    }

    /** One graded topic: what to do next on it, its charts, its failures in full, its lessons, its passed tests. */
    private static void topic(StringBuilder h, TopicResult r, RunInfo run) {
        Manifest.Topic t = r.topic();
        Manifest.Text text = t.text();
        h.append("<section class=\"topic ").append(r.status()).append("\" id=\"").append(anchor(t)).append("\">\n")
                .append("<h2><span class=\"label\">").append(esc(t.label())).append("</span> ")
                .append(esc(text.title())).append(" <span class=\"badge ").append(r.status()).append("\">")
                .append(esc(Scoreboard.status(r.status()))).append("</span> <span class=\"pts\">").append(r.points())
                .append('/').append(t.points()).append("</span></h2>\n");
        if (r.problem() != null) {
            h.append("<p class=\"problem\">").append(esc(r.problem())).append("</p>\n");
        }
        if (r.fullMarks()) {
            if (text.learned() != null) {
                h.append("<p class=\"learned\"><strong>").append(esc(Lang.say("What you learned: ", "你学会的：")))
                        .append("</strong>").append(esc(text.learned())).append("</p>\n");
            }
        } else {
            h.append("<p class=\"hint\"><strong>").append(esc(Lang.say("Hint: ", "提示："))).append("</strong>")
                    .append(esc(text.hint())).append("</p>\n<p class=\"cmd\">")
                    .append(esc(Lang.say("Grade only this topic: ", "只评这个主题："))).append("<code>")
                    .append(esc(run.commandFor(t.id()))).append("</code></p>\n");
        }
        Charts.forTopic(h, r, run);
        for (TestResult test : r.tests()) {
            if (test.graded() && test.failed()) {
                h.append("<article class=\"test failed\">\n<h3>").append(esc(TestNames.shown(t.id(), test.name())))
                        .append("</h3>\n");
                if (test.group() != null && !test.group().isBlank()) {
                    h.append("<p class=\"group\">").append(esc(test.group())).append("</p>\n");
                }
                message(h, message(test));
                for (Measurement m : Measurement.of(r.topic().id(), test)) {
                    h.append("<p class=\"measured\">").append(esc(m.describe())).append("</p>\n");
                }
                if (test.stack() != null && !test.stack().isBlank()) {
                    h.append("<details><summary>").append(esc(Lang.say("stack trace", "调用栈")))
                            .append("</summary>\n<pre>").append(esc(test.stack())).append("</pre>\n</details>\n");
                }
                h.append("</article>\n");
            }
        }
        for (TestResult test : r.tests()) {
            if (test.status().equals("skipped")) {
                h.append("<article class=\"test skipped\">\n<h3>").append(esc(TestNames.shown(t.id(), test.name())))
                        .append(" <span class=\"badge skipped\">").append(esc(Lang.say("skipped", "跳过")))
                        .append("</span></h3>\n");
                message(h, message(test));
                h.append("</article>\n");
            }
        }
        for (TestResult test : r.tests()) {
            if (test.lesson() != null) {
                h.append("<details class=\"lesson\"").append(r.fullMarks() ? "" : " open").append("><summary>")
                        .append(esc(TestNames.shown(t.id(), test.name()))).append("</summary>\n");
                message(h, test.lesson());
                h.append("</details>\n");
            }
        }
        List<TestResult> passed = r.tests().stream().filter(x -> x.graded() && x.passed()).toList();
        if (!passed.isEmpty()) {
            h.append("<details class=\"passed\"><summary>").append(esc(Lang.sayf("%d tests passed", "%d 个测试通过",
                    passed.size()))).append("</summary>\n<ul>\n");
            for (TestResult test : passed) {
                h.append("<li>").append(esc(TestNames.shown(t.id(), test.name()))).append("</li>\n");
            }
            h.append("</ul>\n</details>\n");
        }
        h.append("</section>\n");
    }

    /**
     * A message, monospaced: its prose wraps to the page, its tables (Lincheck's, lines starting with "|") never
     * wrap, so their columns stay aligned, and scroll sideways where they are wider than the page.
     */
    static void message(StringBuilder h, String text) {
        h.append("<div class=\"message\">");
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            boolean table = isTableLine(lines[i]);
            int j = i;
            while (j < lines.length && isTableLine(lines[j]) == table) {
                j++;
            }
            // HTML drops one newline right after <pre>: give it one, so a blank first line stays.
            h.append("<pre class=\"").append(table ? "table" : "prose").append("\">\n")
                    .append(esc(String.join("\n", java.util.Arrays.asList(lines).subList(i, j)))).append("</pre>");
            i = j;
        }
        h.append("</div>\n");
    }

    private static boolean isTableLine(String line) {
        return line.stripLeading().startsWith("|");
    }

    private static String message(TestResult test) {
        if (test.message() == null || test.message().isBlank()) {
            return Lang.say("(no message)", "（没有消息）");
        }
        // A skipped test's reason comes as JUnit's exception text: the reason is what a student needs.
        return test.status().equals("skipped") ? ASSUMPTION.matcher(test.message()).replaceFirst("") : test.message();
    }

    private static final java.util.regex.Pattern ASSUMPTION = java.util.regex.Pattern.compile(
            "^org\\.opentest4j\\.TestAbortedException: (Assumption failed: )?");

    /** "topic-lock": a topic's section, for links. */
    static String anchor(Manifest.Topic t) {
        return "topic-" + t.id().replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /**
     * Text made safe to stand in HTML, as text or in a quoted attribute: the five characters HTML gives meaning
     * to, and control characters (an escape sequence a program printed, a NUL), which are shown as
     * a backslash and their code (\\u001b), never passed on.
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                case '\n': case '\t': out.append(c); break;
                case '\r': break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    /** Numbers in SVG attributes: a dot, never a comma, whatever the locale. */
    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static final String CSS = String.join("\n",
            "",
            ":root{--ok:#1a7f37;--bad:#cf222e;--warn:#bc4c00;--skip:#9a6700;--grey:#6e7781;--ref:#8c959f;"
                    + "--line:#d0d7de;--req:#0969da;--bg:#f6f8fa;--fg:#1f2328}",
            "*{box-sizing:border-box}",
            "body{margin:0;background:#fff;color:var(--fg);font:15px/1.5 system-ui,-apple-system,'Segoe UI',"
                    + "'Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',"
                    + "'DejaVu Sans',sans-serif}",
            "main{max-width:1100px;margin:0 auto;padding:24px}",
            "header{display:flex;align-items:baseline;gap:20px;flex-wrap:wrap;border-bottom:2px solid var(--line);"
                    + "margin-bottom:16px}",
            "h1{margin:0 0 8px;font-size:28px}",
            ".total{font-size:22px;margin:0}.sub{color:var(--grey);margin:0}",
            "code,pre{font-family:ui-monospace,'SFMono-Regular','Cascadia Mono','DejaVu Sans Mono','Liberation Mono',"
                    + "'Noto Sans Mono CJK SC',monospace;font-size:13px}",
            "pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 12px;"
                    + "overflow-x:auto;white-space:pre;line-height:1.35;margin:6px 0}",
            ".message{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 12px;"
                    + "margin:6px 0}",
            ".message pre{background:none;border:0;border-radius:0;padding:0;margin:0}",
            ".message pre.prose{white-space:pre-wrap;overflow-wrap:anywhere}",
            ".message pre.table{white-space:pre;overflow-x:auto}",
            "table{border-collapse:collapse;width:100%}",
            "th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}",
            "th{font-size:13px;color:var(--grey);font-weight:600}",
            "td.num{color:var(--grey);font-variant-numeric:tabular-nums}",
            "td.points{white-space:nowrap;font-variant-numeric:tabular-nums}",
            "td.summary{color:var(--grey);font-size:13px}",
            ".title{color:var(--fg)}",
            "tr.unselected td{color:var(--grey)}tr.unselected .title{color:var(--grey)}",
            ".gil-line{font-size:13px;color:var(--fg);margin-top:2px}",
            ".bar{display:inline-block;width:60px;height:8px;background:#eaeef2;border-radius:4px;"
                    + "vertical-align:middle;overflow:hidden}",
            ".bar span{display:block;height:100%;background:var(--ok)}",
            "tr.failed .bar span{background:var(--bad)}",
            ".badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;"
                    + "color:#fff;background:var(--grey);vertical-align:middle}",
            ".badge.passed{background:var(--ok)}.badge.failed{background:var(--bad)}",
            ".badge.crashed,.badge.timed-out{background:var(--warn)}.badge.skipped{background:var(--skip)}",
            ".badge.unselected{background:#eaeef2;color:var(--grey)}.badge{white-space:nowrap}",
            ".next{background:#ddf4ff;border:1px solid #54aeff;border-radius:6px;padding:4px 14px;margin:16px 0}",
            ".next p{margin:8px 0}",
            ".topic{border-top:2px solid var(--line);margin-top:24px;padding-top:4px}",
            ".topic h2{font-size:20px;margin:8px 0}.topic h2 .label{color:var(--grey);font-family:monospace}",
            ".pts{font-size:15px;color:var(--grey);font-weight:400}",
            ".hint,.learned,.problem{margin:6px 0}.problem{color:var(--warn)}",
            ".test{border-left:4px solid var(--bad);padding:2px 0 2px 12px;margin:14px 0}",
            ".test.skipped{border-color:var(--skip)}",
            ".test h3{font-size:16px;margin:4px 0}.group{color:var(--grey);font-size:13px;margin:0}",
            ".measured{font-weight:600;margin:4px 0}",
            "details{margin:8px 0}summary{cursor:pointer;color:var(--grey)}",
            ".chart{margin:12px 0}.chart svg{max-width:100%;height:auto;border:1px solid var(--line);"
                    + "border-radius:6px;background:#fff}",
            ".chart figcaption{font-size:13px;color:var(--grey)}",
            "svg text{font-family:system-ui,'Noto Sans','Noto Sans CJK SC','WenQuanYi Micro Hei','DejaVu Sans',"
                    + "sans-serif;font-size:13px;fill:var(--fg)}",
            "svg .axis{stroke:var(--grey);stroke-width:1}svg .grid{stroke:#eaeef2;stroke-width:1}",
            "svg .tick{font-size:11px;fill:var(--grey)}",
            "svg .you-passed{fill:var(--ok)}svg .you-failed{fill:var(--bad)}svg .you-skipped{fill:var(--skip)}",
            "svg .ref{fill:var(--ref)}",
            "svg .least{stroke:var(--req);stroke-width:2;stroke-dasharray:6 4}",
            "svg .most{stroke:var(--warn);stroke-width:2;stroke-dasharray:6 4}",
            "svg .machine{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:2 3}",
            "svg .mark-least{fill:var(--req)}svg .mark-most{fill:var(--warn)}svg .mark-machine{fill:var(--fg)}",
            "footer{margin-top:32px;color:var(--grey);font-size:12px}",
            "");

    /** The measurement charts, as inline SVG. */
    static final class Charts {

        private static final int WIDTH = 760;
        private static final int LEFT = 300;
        private static final int RIGHT = 40;
        private static final int BAR = 24;
        private static final int GAP = 12;

        /** A bar: a label, its value, and its class (you-passed, you-failed, you-skipped, ref). */
        record Bar(String label, double value, String cls) {
        }

        /** A vertical line across the bars: a bound (least, most) or the machine's size (machine). */
        record Mark(String label, double value, String cls) {
        }

        private Charts() {
        }

        static void forTopic(StringBuilder h, TopicResult r, RunInfo run) {
            List<Measurement.Found> all = Measurement.all(r);
            if (all.isEmpty()) {
                return;
            }
            Optional<Measurement.Found> threads = Measurement.find(r, Measurement.Kind.GIL_THREADS);
            Optional<Measurement.Found> processes = Measurement.find(r, Measurement.Kind.GIL_PROCESSES);
            if (threads.isPresent() || processes.isPresent()) {
                gil(h, threads, processes, run);
            }
            for (Measurement.Found f : all) {
                if (f.measurement().kind() == Measurement.Kind.CORES) {
                    cores(h, f, run);
                } else if (f.measurement().kind() == Measurement.Kind.SPEEDUP) {
                    speedup(h, f);
                }
            }
        }

        private static String you(Measurement.Found f) {
            return "you-" + (f.test().status().equals("skipped") ? "skipped" : f.test().passed() ? "passed" : "failed");
        }

        private static void cores(StringBuilder h, Measurement.Found f, RunInfo run) {
            Measurement m = f.measurement();
            List<Bar> bars = List.of(
                    new Bar(Lang.say("your saturate(), one thread per core", "你的 saturate()，每核一个线程"), m.value(),
                            you(f)),
                    new Bar(Lang.say("spinning threads, one per core (capacity)", "每核一个空转线程（本机能力）"),
                            m.capacity(), "ref"));
            List<Mark> marks = List.of(
                    new Mark(Lang.sayf("required: at least %s", "要求：至少 %s", Measurement.percent(m.bound())),
                            m.bound(), "least"),
                    new Mark(Lang.sayf("this machine: %d cores = %d × 100 %%", "本机：%d 核 = %d × 100 %%", run.cores(),
                            run.cores()), run.cores(), "machine"));
            figure(h, Lang.say("CPU used, as top shows it (100 % = one core kept busy)",
                    "CPU 用量，如 top 所示（100 % = 一个核一直忙）"), bars, marks,
                    Math.max(run.cores(), Math.max(m.value(), m.capacity())), true, f);
        }

        private static void speedup(StringBuilder h, Measurement.Found f) {
            Measurement m = f.measurement();
            List<Bar> bars = List.of(
                    new Bar(Lang.sayf("your count(), %d threads", "你的 count()，%d 个线程", m.n()), m.value(), you(f)),
                    new Bar(Lang.say("known-good split (what this machine allows)", "已知正确的划分（本机能达到的）"),
                            m.capacity(), "ref"));
            List<Mark> marks = List.of(
                    new Mark(Lang.sayf("required: at least %.2f×", "要求：至少 %.2f×", m.bound()), m.bound(), "least"),
                    new Mark(Lang.sayf("%d×: the most %d threads could give", "%d×：%d 个线程的理论上限", m.n(), m.n()),
                            m.n(), "machine"));
            figure(h, Lang.sayf("Speedup: how many times faster with %d threads than with 1",
                    "加速比：%d 个线程比 1 个线程快几倍", m.n()), bars, marks,
                    Math.max(m.n(), Math.max(m.value(), m.capacity())), false, f);
        }

        private static void gil(StringBuilder h, Optional<Measurement.Found> threads,
                                Optional<Measurement.Found> processes, RunInfo run) {
            List<Bar> bars = new ArrayList<>();
            List<Mark> marks = new ArrayList<>();
            double top = 1;
            int n = run.cores();
            if (threads.isPresent()) {
                Measurement m = threads.get().measurement();
                n = m.n();
                bars.add(new Bar(Lang.sayf("%d threads under one GIL", "一个 GIL 下的 %d 个线程", m.n()), m.value(),
                        you(threads.get())));
                marks.add(new Mark(Lang.sayf("threads: at most %s", "线程：至多 %s", Measurement.percent(m.bound())),
                        m.bound(), "most"));
                top = Math.max(top, Math.max(m.value(), m.capacity()));
            }
            if (processes.isPresent()) {
                Measurement m = processes.get().measurement();
                n = m.n();
                bars.add(new Bar(Lang.sayf("%d processes, one GIL each", "%d 个进程，各一个 GIL", m.n()), m.value(),
                        you(processes.get())));
                bars.add(new Bar(Lang.sayf("%d spinning threads (capacity)", "%d 个空转线程（本机能力）", m.n()),
                        m.capacity(), "ref"));
                marks.add(new Mark(Lang.sayf("processes: at least %s", "进程：至少 %s", Measurement.percent(m.bound())),
                        m.bound(), "least"));
                top = Math.max(top, Math.max(m.value(), m.capacity()));
            }
            marks.add(new Mark(Lang.sayf("%d × 100 %%", "%d × 100 %%", n), n, "machine"));
            top = Math.max(top, n);
            List<Measurement.Found> both = new ArrayList<>();
            threads.ifPresent(both::add);
            processes.ifPresent(both::add);
            figure(h, Lang.say("CPU as top shows it (100 % = one core): threads under one GIL against processes "
                    + "with a GIL each", "top 显示的 CPU（100 % = 一个核）：一个 GIL 下的线程 对比 各有一个 GIL 的进程"),
                    bars, marks, top, true, both.toArray(new Measurement.Found[0]));
        }

        /** A horizontal bar chart with vertical marks, and under it what each measurement means. */
        private static void figure(StringBuilder h, String title, List<Bar> bars, List<Mark> marks, double top,
                                   boolean percent, Measurement.Found... found) {
            double max = Math.ceil(top * 1.15 * 2) / 2; // room on the right, in steps of 0.5
            int plot = WIDTH - LEFT - RIGHT;
            int markRows = marks.size();
            int y0 = 28 + 16 * markRows;
            int height = y0 + bars.size() * (BAR + GAP) + 36;
            h.append("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                    .append(height).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">\n");
            h.append("<text x=\"12\" y=\"20\" font-weight=\"600\">").append(esc(title)).append("</text>\n");
            int yAxis = y0 + bars.size() * (BAR + GAP);
            // Grid and ticks: every whole unit (a core, or 1×), or every half when the scale is small.
            double step = max <= 2 ? 0.5 : max <= 10 ? 1 : Math.ceil(max / 10);
            for (double v = 0; v <= max + 1e-9; v += step) {
                double x = LEFT + plot * v / max;
                h.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" y1=\"").append(y0 - 6)
                        .append("\" x2=\"").append(n(x)).append("\" y2=\"").append(yAxis).append("\"/>\n");
                String label = percent ? String.format(Locale.ROOT, "%.0f %%", v * 100)
                        : String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f×" : "%.1f×", v);
                h.append("<text class=\"tick\" x=\"").append(n(x)).append("\" y=\"").append(yAxis + 16)
                        .append("\" text-anchor=\"middle\">").append(esc(label)).append("</text>\n");
            }
            h.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(y0 - 6).append("\" x2=\"")
                    .append(LEFT).append("\" y2=\"").append(yAxis).append("\"/>\n");
            int y = y0;
            for (Bar b : bars) {
                double w = Math.max(1, plot * Math.min(b.value(), max) / max);
                h.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + BAR / 2 + 5)
                        .append("\" text-anchor=\"end\">").append(esc(b.label())).append("</text>\n");
                h.append("<rect class=\"").append(b.cls()).append("\" x=\"").append(LEFT).append("\" y=\"").append(y)
                        .append("\" width=\"").append(n(w)).append("\" height=\"").append(BAR)
                        .append("\" rx=\"3\"/>\n");
                String value = percent ? Measurement.percent(b.value()) : String.format(Locale.ROOT, "%.2f×",
                        b.value());
                double tx = LEFT + w + 6;
                boolean inside = tx + 60 > WIDTH;
                h.append("<text x=\"").append(n(inside ? LEFT + w - 6 : tx)).append("\" y=\"").append(y + BAR / 2 + 5)
                        .append("\"").append(inside ? " text-anchor=\"end\" style=\"fill:#fff\"" : "").append('>')
                        .append(esc(value)).append("</text>\n");
                y += BAR + GAP;
            }
            // Marks last, over the bars, each labelled on a row of its own above the plot.
            int row = 0;
            for (Mark m : marks) {
                double x = LEFT + plot * Math.min(m.value(), max) / max;
                int ly = 28 + 16 * row + 10;
                h.append("<line class=\"").append(m.cls()).append("\" x1=\"").append(n(x)).append("\" y1=\"")
                        .append(ly + 4).append("\" x2=\"").append(n(x)).append("\" y2=\"").append(yAxis)
                        .append("\"/>\n");
                boolean leftOfLine = x > LEFT + plot * 0.6;
                h.append("<text class=\"mark-").append(m.cls()).append("\" x=\"").append(n(leftOfLine ? x - 4 : x + 4))
                        .append("\" y=\"").append(ly).append("\"").append(leftOfLine ? " text-anchor=\"end\"" : "")
                        .append('>').append(esc(m.label())).append("</text>\n");
                row++;
            }
            h.append("</svg>\n<figcaption>");
            for (Measurement.Found f : found) {
                h.append(esc(f.measurement().describe()));
                if (f.test().status().equals("skipped")) {
                    h.append(esc(Lang.say(" — not judged: this machine could not tell, see the skipped test below.",
                            " —— 未评判：本机当时无法判断，见下方被跳过的测试。")));
                }
                h.append("<br>\n");
            }
            h.append("</figcaption>\n</figure>\n");
        }
    }
}
