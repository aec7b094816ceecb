package threadlings.grading.pr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import threadlings.grading.Json;

/**
 * Everything a grading writes, made from a {@link Verdict}: the Markdown summary, the annotations and the
 * {@code Points X/Y} line as workflow commands, Gradescope's {@code results.json}, JUnit XML, and
 * {@code grade.json} for the class gradebook.
 *
 * <p>Text that a student's code can shape (failure messages, compiler errors, paths in the pull request) never
 * reaches these files raw: Markdown gets it HTML-escaped inside {@code <pre>} or {@code <code>}, workflow
 * commands escaped as GitHub's toolkit does, XML escaped with characters XML cannot carry dropped.
 */
final class Outputs {

    /** Longest failure message put in an annotation or a Gradescope test's output. */
    static final int MAX_MESSAGE = 4000;
    /** Longest failure message shown in the summary. */
    static final int MAX_SUMMARY_MESSAGE = 6000;

    static final String SUMMARY = "summary.md";
    static final String ANNOTATIONS = "annotations.txt";
    static final String POINTS = "points.txt";
    static final String RESULTS = "results.json";
    static final String GRADE = "grade.json";
    static final String PROTECTED = "protected.txt";
    static final String JUNIT = "junit";

    private Outputs() {
    }

    /** Writes every output file of {@code v} into {@code out}. */
    static void write(Verdict v, Path out) throws IOException {
        Files.createDirectories(out.resolve(JUNIT));
        atomic(out.resolve(SUMMARY), summary(v));
        atomic(out.resolve(ANNOTATIONS), String.join("\n", annotations(v)) + "\n");
        atomic(out.resolve(POINTS), pointsLine(v) + "\n");
        atomic(out.resolve(RESULTS), Json.pretty(gradescope(v)));
        atomic(out.resolve(GRADE), Json.pretty(gradeJson(v)));
        atomic(out.resolve(PROTECTED), v.protectedPaths.isEmpty() ? "" : String.join("\n", v.protectedPaths) + "\n");
        for (Verdict.Topic t : v.topics) {
            atomic(out.resolve(JUNIT).resolve("TEST-threadlings." + t.id() + ".xml"), junit(v, t));
        }
    }

    /** Writes a file whole or not at all. */
    static void atomic(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The line GitHub Classroom reads: {@code Points X/Y}. */
    static String pointsLine(Verdict v) {
        return "Points " + v.points() + "/" + v.max();
    }

    /** The {@code Points} line as the workflow command GitHub Classroom's reporter emits. */
    static String pointsCommand(Verdict v) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("file", ".github");
        p.put("line", "1");
        p.put("title", "Autograding complete");
        return Workflow.command("notice", p, pointsLine(v));
    }

    // ---------------------------------------------------------------------------------------------- annotations

    /** One workflow command per failing test (on the student's file and line), compile error and refusal. */
    static List<String> annotations(Verdict v) {
        List<String> lines = new ArrayList<>();
        for (Verdict.CompileError e : v.compileErrors) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("file", e.path());
            p.put("line", e.line() > 0 ? String.valueOf(e.line()) : null);
            p.put("col", e.column() > 0 ? String.valueOf(e.column()) : null);
            p.put("title", "does not compile");
            lines.add(Workflow.command("error", p, cut(e.message(), MAX_MESSAGE)));
        }
        for (StudentFiles.Refusal r : v.refusals) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("file", r.path());
            p.put("line", r.line() > 0 ? String.valueOf(r.line()) : null);
            p.put("title", "not graded");
            lines.add(Workflow.command("warning", p, "This file was not used: " + r.reason() + "."));
        }
        if (v.error != null && v.compileErrors.isEmpty()) {
            lines.add(Workflow.command("error", Map.of("title", "not graded"), v.error));
        }
        if (v.error != null) {
            return lines;
        }
        for (Verdict.Topic t : v.topics) {
            String file = v.fileOf(t.id());
            List<Verdict.Test> failures = t.failures();
            if (failures.isEmpty() && t.points() < t.max()) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("file", file);
                p.put("title", t.label() + " " + t.status());
                String why = t.problem() != null ? t.problem() : "no grader test ran";
                lines.add(Workflow.command("error", p, cut(why, MAX_MESSAGE)));
            }
            for (Verdict.Test test : failures) {
                Map<String, String> p = new LinkedHashMap<>();
                String at = file;
                int line = -1;
                // A refused file was not graded: the starter's line numbers would point anywhere in the student's.
                for (String candidate : v.refused(t.id()) ? List.<String>of() : v.filesOf(t.id())) {
                    int l = lineIn(test.stack(), candidate);
                    if (l > 0 && (line < 0 || depth(test.stack(), candidate) < depth(test.stack(), at))) {
                        at = candidate;
                        line = l;
                    }
                }
                p.put("file", at);
                p.put("line", line > 0 ? String.valueOf(line) : null);
                p.put("title", t.label() + ": " + test.name());
                lines.add(Workflow.command("error", p, cut(message(test), MAX_MESSAGE)));
            }
        }
        return lines;
    }

    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[\\w.$/@-]+/)?([\\w.$]+)\\.[^.(]+\\(([^:()]+):(\\d+)\\)\\s*$");

    /**
     * The line of the topmost stack frame in the student's class (its nested and anonymous classes, lambdas
     * included); -1 if the trace has none. Only the line number is read from the trace: which file an annotation
     * names always comes from the manifest.
     */
    static int lineIn(String stack, String studentPath) {
        if (stack == null || !studentPath.startsWith(StudentFiles.SOURCES) || !studentPath.endsWith(".java")) {
            return -1;
        }
        String className = studentPath.substring(StudentFiles.SOURCES.length(), studentPath.length() - 5)
                .replace('/', '.');
        String fileName = className.substring(className.lastIndexOf('.') + 1) + ".java";
        for (String frame : stack.split("\n")) {
            Matcher m = FRAME.matcher(frame);
            if (m.matches() && (m.group(1).equals(className) || m.group(1).startsWith(className + "$"))
                    && m.group(2).equals(fileName)) {
                return Integer.parseInt(m.group(3));
            }
        }
        return -1;
    }

    /** How far down the trace the first frame of the student's class is; MAX_VALUE if it is not there. */
    private static int depth(String stack, String studentPath) {
        String className = studentPath.substring(StudentFiles.SOURCES.length(), studentPath.length() - 5)
                .replace('/', '.');
        String[] frames = stack.split("\n");
        for (int i = 0; i < frames.length; i++) {
            Matcher m = FRAME.matcher(frames[i]);
            if (m.matches() && (m.group(1).equals(className) || m.group(1).startsWith(className + "$"))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String message(Verdict.Test t) {
        return t.message() == null || t.message().isBlank() ? "(no message)" : t.message();
    }

    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "\n… (" + (s.length() - max) + " more characters in report.json)";
    }

    // -------------------------------------------------------------------------------------------------- summary

    /** The job summary, in Markdown. */
    static String summary(Verdict v) {
        StringBuilder md = new StringBuilder();
        md.append("## threadlings: ").append(v.points()).append('/').append(v.max()).append(" points\n\n");
        md.append("Graded commit <code>").append(html(shortId(v.head))).append("</code> with the graders of <code>")
                .append(html(shortId(v.base))).append("</code>");
        if (v.student != null) {
            md.append(", for <code>").append(html(v.student)).append("</code>");
        }
        md.append(".\n\n");
        if (v.error != null) {
            md.append("**Not graded:** ").append(html(oneLine(v.error))).append("\n\n");
        }
        if (!v.compileErrors.isEmpty()) {
            md.append("<pre>\n");
            for (Verdict.CompileError e : v.compileErrors) {
                md.append(html(e.path() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.message())).append('\n');
            }
            md.append("</pre>\n\n");
        }
        md.append("| topic | points | status | tests |\n| --- | ---: | --- | --- |\n");
        for (Verdict.Topic t : v.topics) {
            md.append("| ").append(cell(t.label() + ": " + t.title())).append(" | ")
                    .append(v.error == null ? t.points() : 0).append('/').append(t.max()).append(" | ")
                    .append(cell(v.error == null ? t.status() : "not graded")).append(" | ")
                    .append(cell(testsSummary(t))).append(" |\n");
        }
        md.append("| **total** | **").append(v.points()).append('/').append(v.max()).append("** | | |\n\n");
        if (v.error == null) {
            for (Verdict.Topic t : v.topics) {
                if (t.points() == t.max()) {
                    continue;
                }
                md.append("### ").append(cell(t.label())).append(": ").append(cell(t.status())).append("\n\n");
                if (t.problem() != null) {
                    md.append("<pre>\n").append(html(cut(t.problem(), MAX_SUMMARY_MESSAGE))).append("\n</pre>\n\n");
                }
                List<Verdict.Test> failures = t.failures();
                if (!failures.isEmpty()) {
                    Verdict.Test first = failures.get(0);
                    md.append("**First failure:** ").append(cell(first.name())).append("\n\n<pre>\n")
                            .append(html(cut(message(first), MAX_SUMMARY_MESSAGE))).append("\n</pre>\n\n");
                    if (failures.size() > 1) {
                        md.append("Also failed:\n\n");
                        for (Verdict.Test f : failures.subList(1, failures.size())) {
                            md.append("- ").append(cell(f.name())).append('\n');
                        }
                        md.append('\n');
                    }
                }
                if (t.hint() != null) {
                    md.append("**Hint:** ").append(cell(t.hint())).append("\n\n");
                }
            }
        }
        if (!v.refusals.isEmpty()) {
            md.append("### Files not graded\n\n");
            for (StudentFiles.Refusal r : v.refusals) {
                md.append("- <code>").append(html(oneLine(r.path()))).append("</code>: ")
                        .append(html(oneLine(r.reason()))).append('\n');
            }
            md.append('\n');
        }
        if (!v.protectedPaths.isEmpty()) {
            md.append("### Changes outside the student files\n\n")
                    .append("These paths were changed, and were not used: every file except the student files is "
                            + "taken from the base branch.\n\n");
            for (String p : v.protectedPaths) {
                md.append("- <code>").append(html(oneLine(p))).append("</code>\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String testsSummary(Verdict.Topic t) {
        long graded = t.graded().size();
        long failed = t.failures().size();
        if (graded == 0) {
            return t.problem() != null ? "none ran" : "no tests";
        }
        return failed == 0 ? graded + " passed" : failed + " of " + graded + " failed";
    }

    static String shortId(String id) {
        return id == null ? "?" : id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Text for a Markdown table cell or a line of prose: one line, no HTML, no table breaks. */
    static String cell(String s) {
        return html(oneLine(s)).replace("|", "&#124;").replace("`", "&#96;").replace("*", "&#42;")
                .replace("_", "&#95;").replace("[", "&#91;").replace("]", "&#93;");
    }

    /** Control characters shown as escapes, so a value stays on one line. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** HTML-escaped text: inside {@code <pre>} it is shown as it is and can never end the block. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\r", "");
    }

    // ---------------------------------------------------------------------------------------- results.json etc.

    /** Gradescope's results format: the total as {@code score}, and every graded test with its share. */
    static Map<String, Object> gradescope(Verdict v) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", v.points());
        root.put("max_score", v.max());
        root.put("output", pointsLine(v) + (v.error == null ? "" : ". Not graded: " + v.error));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        List<Object> tests = new ArrayList<>();
        for (Verdict.Topic t : v.topics) {
            List<Verdict.Test> graded = t.graded();
            if (v.error != null || graded.isEmpty() || t.problem() != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", t.label() + ": " + t.title());
                e.put("number", String.valueOf(t.number()));
                e.put("score", v.error == null ? t.points() : 0);
                e.put("max_score", t.max());
                e.put("status", v.error == null && t.points() == t.max() ? "passed" : "failed");
                e.put("output", cut(v.error != null ? "Not graded: " + v.error
                        : t.problem() != null ? t.problem() : "no grader test ran", MAX_MESSAGE));
                e.put("visibility", "visible");
                tests.add(e);
                continue;
            }
            double share = (double) t.max() / graded.size();
            int i = 0;
            for (Verdict.Test test : graded) {
                i++;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", t.label() + ": " + test.name());
                e.put("number", t.number() + "." + i);
                e.put("score", test.status().equals("passed") ? round(share) : 0.0);
                e.put("max_score", round(share));
                e.put("status", test.status().equals("passed") ? "passed" : "failed");
                e.put("output", test.failed() ? cut(message(test), MAX_MESSAGE) : "");
                e.put("visibility", "visible");
                tests.add(e);
            }
        }
        root.put("tests", tests);
        return root;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    /** JUnit XML in Surefire's layout, for one topic, made from the verified results. */
    static String junit(Verdict v, Verdict.Topic t) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = v.error != null ? Math.max(1, t.graded().size()) : t.failures().size();
        long skipped = t.tests().stream().filter(s -> s.status().equals("skipped")).count();
        boolean stopped = v.error != null || t.problem() != null;
        x.append(String.format(Locale.ROOT,
                "<testsuite name=\"threadlings.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.1f\">%n",
                xml(t.id()), t.tests().size() + (stopped ? 1 : 0), failures, 0, skipped, t.seconds()));
        x.append("  <properties>\n    <property name=\"points\" value=\"").append(v.error == null ? t.points() : 0)
                .append("\"/>\n    <property name=\"max\" value=\"").append(t.max()).append("\"/>\n  </properties>\n");
        for (Verdict.Test test : t.tests()) {
            x.append("  <testcase classname=\"threadlings.").append(xml(t.id())).append('.')
                    .append(xml(test.group() == null ? t.id() : test.group())).append("\" name=\"")
                    .append(xml(test.name())).append("\"");
            if (test.failed()) {
                x.append(">\n    <failure message=\"").append(xml(cut(message(test), MAX_MESSAGE)))
                        .append("\" type=\"AssertionError\">").append(xml(test.stack() == null ? message(test)
                        : test.stack())).append("</failure>\n  </testcase>\n");
            } else if (test.status().equals("skipped")) {
                x.append(">\n    <skipped message=\"").append(xml(message(test))).append("\"/>\n  </testcase>\n");
            } else {
                x.append("/>\n");
            }
        }
        if (stopped) {
            x.append("  <testcase classname=\"threadlings.").append(xml(t.id())).append("\" name=\"")
                    .append(xml(t.label() + " " + (v.error != null ? "not graded" : t.status())))
                    .append("\">\n    <failure message=\"").append(xml(v.error != null ? v.error : t.problem()))
                    .append("\"/>\n  </testcase>\n");
        }
        return x.append("</testsuite>\n").toString();
    }

    /** Text for XML attributes and content; characters XML 1.0 cannot carry are dropped. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\n': b.append("&#10;"); break;
                case '\r': b.append("&#13;"); break;
                case '\t': b.append("&#9;"); break;
                default:
                    if ((c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)) {
                        b.appendCodePoint(c);
                    }
            }
        });
        return b.toString();
    }

    /** What the class gradebook reads. */
    static Map<String, Object> gradeJson(Verdict v) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (v.student != null) {
            root.put("student", v.student);
        }
        root.put("base", v.base);
        root.put("head", v.head);
        root.put("points", v.points());
        root.put("max", v.max());
        if (v.error != null) {
            root.put("error", v.error);
        }
        List<Object> topics = new ArrayList<>();
        for (Verdict.Topic t : v.topics) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", t.id());
            e.put("number", t.number());
            e.put("title", t.title());
            e.put("points", v.error == null ? t.points() : 0);
            e.put("max", t.max());
            e.put("status", v.error == null ? t.status() : "not-graded");
            topics.add(e);
        }
        root.put("topics", topics);
        root.put("protected", new ArrayList<Object>(v.protectedPaths));
        List<Object> refused = new ArrayList<>();
        for (StudentFiles.Refusal r : v.refusals) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", r.path());
            e.put("topic", r.topic());
            e.put("reason", r.reason());
            refused.add(e);
        }
        root.put("refused", refused);
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("prepare", Math.round(v.prepareSeconds * 10) / 10.0);
        seconds.put("build", Math.round(v.buildSeconds * 10) / 10.0);
        root.put("seconds", seconds);
        return root;
    }
}
