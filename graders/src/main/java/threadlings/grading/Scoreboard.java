package threadlings.grading;

import java.util.List;

/**
 * The text a student reads last: a line per graded topic, the total, then for each topic that is not done its
 * hint and its first failure, in full (a Lincheck interleaving is the explanation, never cut).
 */
public final class Scoreboard {

    /** Longest message shown in full; longer ones are cut, except Lincheck's tables. */
    private static final int MAX_MESSAGE_LINES = 60;

    private Scoreboard() {
    }

    public static String render(List<TopicResult> results) {
        List<TopicResult> graded = results.stream().filter(r -> !r.status().equals("not-run")
                || !"not selected for this run".equals(r.problem())).toList();
        int points = graded.stream().mapToInt(TopicResult::points).sum();
        int max = graded.stream().mapToInt(r -> r.topic().points()).sum();
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(64);
        out.append('\n').append(rule).append('\n');
        out.append(" threadlings scoreboard\n");
        out.append(rule).append('\n');
        for (TopicResult r : graded) {
            out.append(String.format(" %-14s %3d/%-3d %-10s %s%n", r.topic().label(), r.points(), r.topic().points(),
                    r.status(), summary(r)));
        }
        out.append(rule).append('\n');
        out.append(String.format(" %-14s %3d/%-3d%s%n", "total", points, max,
                graded.size() < results.size() ? "   (" + graded.size() + " of " + results.size()
                        + " topics graded; run without -Dtopic for all)" : ""));
        for (TopicResult r : graded) {
            if (r.fullMarks()) {
                continue;
            }
            out.append('\n').append(' ').append(r.topic().label()).append(": ").append(r.topic().title())
                    .append(" [").append(r.status()).append("]\n");
            if (r.problem() != null) {
                out.append(indent(r.problem(), "   ")).append('\n');
            }
            r.firstFailure().ifPresent(f -> {
                out.append("   first failure: ").append(f.name()).append('\n');
                out.append(indent(cut(f.message()), "     ")).append('\n');
            });
            out.append(indent("hint: " + r.topic().hint(), "   ")).append('\n');
            r.tests().stream().filter(t -> t.lesson() != null).findFirst().ifPresent(t -> out
                    .append("   lesson (").append(t.name()).append("):\n")
                    .append(indent(t.lesson(), "     ")).append('\n'));
        }
        if (points == max && max > 0) {
            out.append("\n Every point earned. Well done.\n");
        }
        return out.toString();
    }

    private static String summary(TopicResult r) {
        long failed = r.count("failed");
        long total = r.tests().stream().filter(t -> t.graded() && !t.status().equals("skipped")).count();
        long skipped = r.count("skipped");
        String s = failed > 0 ? failed + " of " + total + " tests failed" : total + " tests";
        if (skipped > 0) {
            s += ", " + skipped + " skipped";
        }
        return String.format("%s (%.1f s)", s, r.seconds());
    }

    private static String cut(String message) {
        if (message == null) {
            return "(no message)";
        }
        String[] lines = message.split("\n", -1);
        if (lines.length <= MAX_MESSAGE_LINES || message.contains("= Invalid execution results =")
                || message.contains("= The execution has hung =") || message.contains("= Concurrent test")) {
            return message;
        }
        return String.join("\n", List.of(lines).subList(0, MAX_MESSAGE_LINES))
                + "\n... (" + (lines.length - MAX_MESSAGE_LINES) + " more lines in report.json)";
    }

    static String indent(String text, String prefix) {
        return prefix + text.strip().replace("\n", "\n" + prefix);
    }
}
