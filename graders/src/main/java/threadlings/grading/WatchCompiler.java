package threadlings.grading;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles what watch mode grades: one topic's student files and the given classes beside them, with javac inside
 * this JVM (no new process, so a save is compiled in a fraction of a second).
 *
 * <p>Only that topic's files and what they use are compiled: a half-written file of another topic does not stop
 * this one from being graded. Any other source a file uses is found on the source path and compiled with it, so
 * what is graded is always the code as saved.
 */
final class WatchCompiler {

    /** Errors shown in full; a file with more usually has one mistake that causes the rest. */
    static final int MAX_ERRORS = 8;

    private final Path root;
    private final Path sources;
    private final Set<Path> studentFiles;
    private final JavaCompiler javac;

    /**
     * @param root         the kit's folder, against which the manifest's paths are read and messages name files
     * @param sources      the exercises' source folder
     * @param studentFiles every topic's student files, absolute
     */
    WatchCompiler(Path root, Path sources, Collection<Path> studentFiles) {
        this.root = root;
        this.sources = sources;
        this.studentFiles = Set.copyOf(studentFiles);
        this.javac = ToolProvider.getSystemJavaCompiler();
    }

    /** False on a Java runtime without a compiler; watch mode then cannot work. */
    boolean available() {
        return javac != null;
    }

    /**
     * Compiles {@code files} (a topic's student files) into a cleared {@code classes} folder, with the given classes
     * of their packages and of every package that has no student file ({@code threadlings.support}).
     *
     * @return null when it compiled; otherwise javac's errors, each with its file, line and the line's text
     */
    String compile(List<Path> files, Path classes) throws IOException {
        Grading.deleteTree(classes);
        Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter other = new StringWriter();
        Locale locale = Lang.current() == Lang.ZH ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        boolean ok;
        try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, locale,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-encoding", "UTF-8", "-g", "-proc:none",
                    "-implicit:class", "-Xlint:none", "-nowarn",
                    // Sources only: javac in a JVM would otherwise also search that JVM's class path, where an
                    // older build of the same classes may be.
                    "-sourcepath", sources.toString(), "-classpath", classes.toString(),
                    "-d", classes.toString());
            ok = javac.getTask(other, manager, diagnostics, options, null,
                    manager.getJavaFileObjectsFromPaths(closure(files))).call();
        } catch (RuntimeException e) {
            // javac refuses its input (a file that is gone, an unreadable folder) by throwing.
            return "  " + e.getMessage();
        }
        if (ok) {
            return null;
        }
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
        if (errors.isEmpty()) {
            return "  " + other.toString().strip();
        }
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : errors.subList(0, Math.min(errors.size(), MAX_ERRORS))) {
            out.append(describe(d, locale));
        }
        if (errors.size() > MAX_ERRORS) {
            out.append(Lang.sayf("  ... and %d more errors%n", "  ……还有 %d 个错误%n", errors.size() - MAX_ERRORS));
        }
        return out.toString();
    }

    /** The files to hand javac: the topic's own, and the given classes the graders may load beside them. */
    List<Path> closure(List<Path> files) throws IOException {
        Set<Path> studentPackages = new TreeSet<>();
        for (Path f : studentFiles) {
            studentPackages.add(f.getParent());
        }
        Set<Path> ownPackages = new TreeSet<>();
        for (Path f : files) {
            ownPackages.add(f.getParent());
        }
        List<Path> all = new ArrayList<>(files);
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.toString().endsWith(".java") && !studentFiles.contains(p) && !all.contains(p)
                        && (ownPackages.contains(p.getParent()) || !studentPackages.contains(p.getParent()))) {
                    all.add(p);
                }
            }
        }
        return all;
    }

    /**
     * "path:line: message", then the line itself with a caret under the column, then the message's details, in
     * javac's own order.
     */
    private String describe(Diagnostic<? extends JavaFileObject> d, Locale locale) {
        StringBuilder out = new StringBuilder("  ");
        String text = null;
        if (d.getSource() != null) {
            Path file = Path.of(d.getSource().toUri());
            out.append(name(file));
            if (d.getLineNumber() > 0) {
                out.append(':').append(d.getLineNumber());
                text = line(file, d.getLineNumber());
            }
            out.append(": ");
        }
        String[] message = d.getMessage(locale).strip().split("\n", 2);
        out.append(message[0]).append('\n');
        if (text != null) {
            out.append("    ").append(text).append('\n');
            long column = d.getColumnNumber();
            if (column > 0 && column <= text.length() + 1) {
                StringBuilder pad = new StringBuilder("    ");
                for (int i = 0; i < column - 1; i++) {
                    pad.append(text.charAt(i) == '\t' ? '\t' : ' ');
                }
                out.append(pad).append("^\n");
            }
        }
        if (message.length > 1) {
            // "symbol: ...", "location: ...": what javac could not find, and where it looked.
            out.append("  ").append(message[1].stripTrailing().replace("\n", "\n  ")).append('\n');
        }
        return out.toString();
    }

    /** The file as the student knows it: relative to the kit, with forward slashes. */
    String name(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
    }

    private static String line(Path file, long number) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(number - 1).findFirst().map(s -> s.stripTrailing()).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
