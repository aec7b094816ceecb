package threadlings.grading.pr;

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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import threadlings.grading.Json;

/**
 * The class-wide grading's two commands, which the workflow {@code grade-class.yml} runs:
 *
 * <pre>
 * Gradebook matrix LIST
 *     prints LIST (repositories as owner/name, separated by spaces, commas or new lines) as a JSON array for a
 *     job matrix; fails on anything that is not a repository name, on repeats, or past GitHub's 256 jobs
 * Gradebook merge FOLDER CSV [--students=LIST] [--github]
 *     finds every grade.json under FOLDER (one per student, as GradePullRequest writes it) and writes CSV: one
 *     row per student (sorted by name), with the points per topic, the total, and a note (why a student has no
 *     grade, or was not graded in full). Students named in --students but without a grade.json still get a row,
 *     with the note "no grade". With --github, also prints a summary and writes it to $GITHUB_STEP_SUMMARY.
 * </pre>
 */
public final class Gradebook {

    /** GitHub's limit on the jobs of one matrix. */
    static final int MAX_MATRIX = 256;
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private Gradebook() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("Gradebook: " + e.getMessage());
            status = 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("Gradebook: " + e);
            status = 2;
        }
        System.exit(status);
    }

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length == 2 && args[0].equals("matrix")) {
            out.println(Json.write(new ArrayList<Object>(repositories(args[1]))));
            return 0;
        }
        if (args.length >= 3 && args[0].equals("merge")) {
            List<String> students = List.of();
            boolean github = false;
            for (int i = 3; i < args.length; i++) {
                if (args[i].startsWith("--students=")) {
                    students = repositories(args[i].substring("--students=".length()));
                } else if (args[i].equals("--github")) {
                    github = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            List<Row> rows = read(Path.of(args[1]), students);
            String csv = csv(rows);
            Files.writeString(Path.of(args[2]), csv, StandardCharsets.UTF_8);
            out.println("gradebook: " + rows.size() + " student(s) written to " + args[2]);
            if (github) {
                String summary = markdown(rows);
                String file = System.getenv("GITHUB_STEP_SUMMARY");
                if (file != null && !file.isBlank()) {
                    Files.writeString(Path.of(file), summary, StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            }
            return 0;
        }
        throw new IllegalArgumentException("usage: Gradebook matrix LIST | Gradebook merge FOLDER CSV "
                + "[--students=LIST] [--github]");
    }

    /** The repositories of a list, checked, in their order. */
    static List<String> repositories(String list) {
        Set<String> repos = new LinkedHashSet<>();
        for (String item : list.split("[\\s,]+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (!REPOSITORY.matcher(item).matches() || item.contains("..")) {
                throw new IllegalArgumentException("not a repository (owner/name): " + Outputs.oneLine(item));
            }
            if (!repos.add(item)) {
                throw new IllegalArgumentException("listed twice: " + item);
            }
        }
        if (repos.isEmpty()) {
            throw new IllegalArgumentException("no repository listed");
        }
        if (repos.size() > MAX_MATRIX) {
            throw new IllegalArgumentException(repos.size() + " repositories: a matrix runs at most " + MAX_MATRIX
                    + " jobs; grade the class in parts");
        }
        return new ArrayList<>(repos);
    }

    /**
     * One student's line of the gradebook.
     *
     * @param points  per topic id, the points earned
     * @param numbers per topic id, its number on the path (orders the columns)
     * @param total   the total, or null when there is no grade
     */
    record Row(String student, Map<String, Integer> points, Map<String, Integer> numbers, Integer total, String note) {
        Row(String student, String note) {
            this(student, Map.of(), Map.of(), null, note);
        }
    }

    /** Every student's row, from the grade.json files under {@code folder}, sorted by student. */
    static List<Row> read(Path folder, List<String> students) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.getFileName().toString().equals("grade.json")).sorted()
                    .collect(Collectors.toList());
        }
        for (Path file : files) {
            Row row = row(file);
            Row earlier = rows.putIfAbsent(row.student(), row);
            if (earlier != null) {
                rows.put(row.student(), new Row(row.student(),
                        "two grades found (" + folder.relativize(file) + " and another): graded twice?"));
            }
        }
        for (String s : students) {
            rows.putIfAbsent(s, new Row(s, "no grade: the grading job did not finish"));
        }
        return new ArrayList<>(rows.values());
    }

    @SuppressWarnings("unchecked")
    private static Row row(Path file) throws IOException {
        String fallback = file.getParent() == null ? "?" : file.getParent().getFileName().toString();
        Map<String, Object> grade;
        try {
            grade = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new Row(fallback, "unreadable grade.json: " + e.getMessage());
        }
        String student = grade.get("student") instanceof String ? (String) grade.get("student") : fallback;
        Map<String, Integer> points = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        if (grade.get("topics") instanceof List) {
            for (Object o : (List<Object>) grade.get("topics")) {
                Map<String, Object> t = (Map<String, Object>) o;
                String id = String.valueOf(t.get("id"));
                points.put(id, ((Number) t.get("points")).intValue());
                numbers.put(id, t.get("number") instanceof Number ? ((Number) t.get("number")).intValue()
                        : Integer.MAX_VALUE);
            }
        }
        List<String> notes = new ArrayList<>();
        if (grade.get("error") != null) {
            notes.add("not graded: " + grade.get("error"));
        }
        if (grade.get("refused") instanceof List && !((List<Object>) grade.get("refused")).isEmpty()) {
            notes.add(((List<Object>) grade.get("refused")).size() + " student file(s) refused");
        }
        if (grade.get("protected") instanceof List && !((List<Object>) grade.get("protected")).isEmpty()) {
            notes.add(((List<Object>) grade.get("protected")).size() + " path(s) changed outside the student files");
        }
        int total = grade.get("points") instanceof Number ? ((Number) grade.get("points")).intValue()
                : points.values().stream().mapToInt(Integer::intValue).sum();
        return new Row(student, points, numbers, total, String.join("; ", notes));
    }

    /** The topic ids of the rows, in path order. */
    static List<String> topics(List<Row> rows) {
        Map<String, Integer> numbers = new TreeMap<>();
        rows.forEach(r -> r.points().keySet().forEach(id -> numbers.merge(id,
                r.numbers().getOrDefault(id, Integer.MAX_VALUE), Math::min)));
        List<String> sorted = new ArrayList<>(numbers.keySet());
        sorted.sort(Comparator.comparing((String id) -> numbers.get(id)).thenComparing(id -> id));
        return sorted;
    }

    /** The gradebook as CSV (RFC 4180, CRLF line ends). */
    static String csv(List<Row> rows) {
        List<String> topics = topics(rows);
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("student");
        header.addAll(topics);
        header.add("total");
        header.add("note");
        line(csv, header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(r.student());
            for (String t : topics) {
                Integer p = r.points().get(t);
                cells.add(p == null ? "" : String.valueOf(p));
            }
            cells.add(r.total() == null ? "" : String.valueOf(r.total()));
            cells.add(r.note());
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(Gradebook::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    /** One CSV cell: quoted when needed, and never read by a spreadsheet as a formula. */
    static String cell(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String markdown(List<Row> rows) {
        List<String> topics = topics(rows);
        StringBuilder md = new StringBuilder("## threadlings gradebook\n\n| student | ");
        md.append(topics.stream().map(Outputs::cell).collect(Collectors.joining(" | "))).append(" | total | note |\n|");
        md.append(" --- |".repeat(topics.size() + 3)).append('\n');
        for (Row r : rows) {
            md.append("| ").append(Outputs.cell(r.student())).append(" | ");
            for (String t : topics) {
                Integer p = r.points().get(t);
                md.append(p == null ? "" : p).append(" | ");
            }
            md.append(r.total() == null ? "" : r.total()).append(" | ").append(Outputs.cell(r.note())).append(" |\n");
        }
        return md.append('\n').toString();
    }
}
