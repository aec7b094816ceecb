package threadlings.grading.pr;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import threadlings.grading.Manifest;

/**
 * The trusted work tree a pull request is graded in: every file of the base commit, and from the head commit only
 * the student files the base's manifest lists. Also the check that names every other path the pull request
 * changes.
 *
 * <p>A student file is Java source that the kit compiles next to its graders, in the graders' own package, and
 * the student's classes come first on the graders' classpath. So a student file may declare its own class and
 * helpers, but no top-level type whose name a grader class of that package already has (it would take the
 * grader's place), no name with a {@code $} (it could take the place of a grader's nested class), and no other
 * package. A file that breaks these rules, or that javac cannot parse, is not used: the base's version (the
 * stub) is graded in its place, and the topic says why.
 */
final class StudentFiles {

    /** The manifest, where every topic's student files are listed. */
    static final String MANIFEST = "graders/src/main/resources/topics.json";
    static final String SOURCES = "exercises/src/main/java/";
    static final String GRADERS = "graders/src/test/java/";
    /** Larger student files are not used: no exercise needs a megabyte of source. */
    static final int MAX_FILE_BYTES = 1 << 20;

    /** Why a student file was not used, which topic that costs, and the line at fault (-1 if none). */
    record Refusal(String path, String topic, String reason, int line) {
        Refusal(String path, String topic, String reason) {
            this(path, topic, reason, -1);
        }
    }

    private StudentFiles() {
    }

    /** The manifest as the base commit has it. */
    static Manifest manifest(Git git, String base) throws IOException, InterruptedException {
        return Manifest.parse(new String(git.bytes("cat-file", "blob", base + ":" + MANIFEST),
                StandardCharsets.UTF_8));
    }

    /** Every student file of the manifest, with its topic's id, in path order. */
    static Map<String, String> paths(Manifest manifest) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Manifest.Topic topic : manifest.topics()) {
            for (String file : topic.files()) {
                paths.put(file, topic.id());
            }
        }
        return paths;
    }

    /**
     * The paths that the pull request changes outside the student files, sorted. Its changes are those from the
     * merge base of base and head (what GitHub shows as the pull request's files); with no merge base (a class
     * repository that started from a template has its own history), those from base.
     */
    static List<String> protectedChanges(Git git, String base, String head, Set<String> studentPaths)
            throws IOException, InterruptedException {
        String from = git.textOrNull("merge-base", base, head);
        if (from == null || from.isBlank()) {
            from = base;
        }
        byte[] out = git.bytes("diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
                from.strip(), head, "--");
        Set<String> changed = new TreeSet<>(Git.split0(out));
        changed.removeIf(p -> p.isEmpty() || studentPaths.contains(p));
        return new ArrayList<>(changed);
    }

    /** Writes every file of {@code base} into {@code dir}, which must be empty or absent. */
    static void extractBase(Git git, String base, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        byte[] zip = git.bytes("archive", "--format=zip", "-0", base);
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = inside(root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes());
                }
            }
        }
    }

    /**
     * Puts head's version of each student file into the work tree. A path head has no regular file at (deleted,
     * a symbolic link, a submodule) keeps base's version; so does a file that is too large or that the checks
     * of this class refuse. Returns the refusals.
     */
    static List<Refusal> applyHead(Git git, String head, Path dir, Map<String, String> studentPaths)
            throws IOException, InterruptedException {
        List<Refusal> refusals = new ArrayList<>();
        Path root = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, String> e : studentPaths.entrySet()) {
            String path = e.getKey();
            String entry = git.textOrNull("ls-tree", "-z", "--full-tree", head, "--", path);
            if (entry == null || entry.isEmpty()) {
                continue;
            }
            entry = entry.endsWith("\0") ? entry.substring(0, entry.length() - 1) : entry;
            String[] meta = entry.substring(0, entry.indexOf('\t')).split(" ");
            String mode = meta[0];
            String object = meta[2];
            if (!mode.equals("100644") && !mode.equals("100755")) {
                refusals.add(new Refusal(path, e.getValue(), "it is not a regular file in the pull request (git mode "
                        + mode + "), so the starter file was graded in its place"));
                continue;
            }
            long size = Long.parseLong(git.text("cat-file", "-s", object).strip());
            if (size > MAX_FILE_BYTES) {
                refusals.add(new Refusal(path, e.getValue(), "it is larger than " + (MAX_FILE_BYTES >> 10)
                        + " KiB, so the starter file was graded in its place"));
                continue;
            }
            byte[] content = git.bytes("cat-file", "blob", object);
            Path target = inside(root, path);
            Problem problem = check(root, path, content);
            if (problem != null) {
                refusals.add(new Refusal(path, e.getValue(), problem.reason()
                        + "; the starter file was graded in its place", problem.line()));
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, content);
        }
        return refusals;
    }

    /** Why a source may not be used, and the line at fault (-1 if none). */
    record Problem(String reason, int line) {
        Problem(String reason) {
            this(reason, -1);
        }
    }

    /**
     * Null if the source may be compiled beside the graders at {@code path}, else why not. {@code root} is the work
     * tree, where the graders of that package are read from.
     */
    static String vet(Path root, String path, byte[] content) throws IOException {
        Problem p = check(root, path, content);
        return p == null ? null : p.reason();
    }

    /** As {@link #vet}, with the line at fault. */
    static Problem check(Path root, String path, byte[] content) throws IOException {
        if (!path.startsWith(SOURCES) || !path.endsWith(".java")) {
            return new Problem("it is not a Java source under " + SOURCES);
        }
        String relative = path.substring(SOURCES.length(), path.length() - ".java".length());
        int slash = relative.lastIndexOf('/');
        String expectedPackage = slash < 0 ? "" : relative.substring(0, slash).replace('/', '.');
        String expectedType = relative.substring(slash + 1);
        Parsed parsed = parse(content);
        if (parsed.error != null) {
            return new Problem("javac cannot parse it (" + parsed.error + ")", (int) parsed.errorLine);
        }
        if (!parsed.packageName.equals(expectedPackage)) {
            return new Problem("it declares package " + (parsed.packageName.isEmpty() ? "(none)" : parsed.packageName)
                    + ", where its folder says " + expectedPackage);
        }
        if (!parsed.types.contains(expectedType)) {
            return new Problem("it declares no top-level type named " + expectedType);
        }
        Set<String> graderTypes = graderTypes(root.resolve(GRADERS + relative.substring(0, Math.max(slash, 0))));
        for (String type : parsed.types) {
            if (type.equals(expectedType)) {
                continue;
            }
            if (type.contains("$")) {
                return new Problem("it declares a top-level type named " + type + ": a '$' in a type's name could "
                        + "stand for a grader's nested class");
            }
            if (graderTypes.contains(type.toLowerCase(Locale.ROOT))) {
                return new Problem("it declares a top-level type named " + type + ", the name of a grader class of "
                        + "package " + expectedPackage + ", which it would replace");
            }
        }
        return null;
    }

    /** The top-level type names (lower case) declared by the sources in a graders' folder. */
    private static Set<String> graderTypes(Path folder) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            names.add(name.substring(0, name.length() - ".java".length()).toLowerCase(Locale.ROOT));
            Parsed parsed = parse(Files.readAllBytes(file));
            for (String type : parsed.types) {
                names.add(type.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private record Parsed(String packageName, List<String> types, String error, long errorLine) {
    }

    /** The package and the top-level types javac's own parser finds in a source. */
    private static Parsed parse(byte[] content) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler: run the grading with a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path tmp = Files.createTempFile("threadlings-vet", ".java");
        try {
            Files.write(tmp, content);
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics,
                        List.of("-proc:none", "-encoding", "UTF-8"), null,
                        files.getJavaFileObjects(tmp));
                List<String> types = new ArrayList<>();
                String packageName = "";
                for (CompilationUnitTree unit : task.parse()) {
                    if (unit.getPackageName() != null) {
                        packageName = unit.getPackageName().toString();
                    }
                    if (unit.getModule() != null) {
                        types.add("module-info$");
                    }
                    for (Tree decl : unit.getTypeDecls()) {
                        if (decl instanceof ClassTree) {
                            types.add(((ClassTree) decl).getSimpleName().toString());
                        }
                    }
                }
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        return new Parsed(packageName, types, "line " + d.getLineNumber() + ": "
                                + d.getMessage(Locale.ROOT), d.getLineNumber());
                    }
                }
                return new Parsed(packageName, types, null, -1);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code root/name}, refusing names that would leave {@code root}. */
    static Path inside(Path root, String name) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            throw new IOException("refusing the path " + name);
        }
        for (String part : name.split("/")) {
            if (part.equals("..") || part.contains(":")) {
                throw new IOException("refusing the path " + name);
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("refusing the path " + name);
        }
        return target;
    }
}
