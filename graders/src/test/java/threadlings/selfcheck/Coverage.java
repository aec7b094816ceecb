package threadlings.selfcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.FileMultiReportOutput;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.html.HTMLFormatter;

/**
 * Line coverage of the reference solutions by the graders, measured by the JaCoCo agent in the grader JVMs of
 * the self-check's reference run, and in the JVMs they start (never in a student's run: its probes would show in
 * Lincheck's traces). Given classes are not references and do not count.
 */
final class Coverage {

    private Coverage() {
    }

    /** The option that attaches JaCoCo to a grader JVM, counting only the classes under {@code classes}. */
    static String agentOption(Path execFile, Path classes, List<String> packages) throws IOException {
        String agent = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.contains("org.jacoco.agent") && e.endsWith("runtime.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the JaCoCo agent is not on the self-check's classpath"));
        // Exact class names: the graders share the references' packages and must not be counted.
        String includes = classNames(classes, packages).stream().collect(Collectors.joining(":"));
        return "-javaagent:" + agent + "=destfile=" + execFile + ",append=true,includes=" + includes;
    }

    /** Analyses the references' classes and writes an HTML report; returns the bundle. */
    static IBundleCoverage analyse(Path execFile, Path classes, Path sources, List<String> packages, Path html)
            throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(execFile.toFile());
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
        for (Path file : classFiles(classes, packages)) {
            try (InputStream in = Files.newInputStream(file)) {
                analyzer.analyzeClass(in, file.toString());
            }
        }
        IBundleCoverage bundle = builder.getBundle("threadlings solutions");
        IReportVisitor visitor = new HTMLFormatter().createVisitor(new FileMultiReportOutput(html.toFile()));
        visitor.visitInfo(loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
        visitor.visitBundle(bundle, new DirectorySourceFileLocator(sources.toFile(), "UTF-8", 4));
        visitor.visitEnd();
        return bundle;
    }

    /** "Balance 40/42 lines" for each class, for the self-check's message. */
    static String perClass(IBundleCoverage bundle) {
        return bundle.getPackages().stream().flatMap(p -> p.getClasses().stream())
                .filter(c -> c.getLineCounter().getTotalCount() > 0)
                .map(Coverage::line).collect(Collectors.joining("\n"));
    }

    private static String line(IClassCoverage c) {
        ICounter lines = c.getLineCounter();
        return String.format("  %-50s %4d/%-4d lines", c.getName().replace('/', '.'), lines.getCoveredCount(),
                lines.getTotalCount());
    }

    private static List<String> classNames(Path classes, List<String> packages) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : classFiles(classes, packages)) {
            String relative = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            names.add(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
        }
        return names;
    }

    /**
     * The references' class files in {@code packages}: every class whose source differs from the stub's. Given
     * classes (the same source in exercises/ and solutions/) are not references, and are not counted.
     */
    private static List<Path> classFiles(Path classes, List<String> packages) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.list(dir)) {
                walk.filter(f -> f.toString().endsWith(".class")).filter(f -> !given(pkg, f)).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static boolean given(String pkg, Path classFile) {
        String name = classFile.getFileName().toString();
        String outer = name.substring(0, name.length() - ".class".length()).split("\\$")[0];
        String source = "src/main/java/" + pkg.replace('.', '/') + "/" + outer + ".java";
        Path root = Path.of(System.getProperty("threadlings.root", ".."));
        try {
            Path stub = root.resolve("exercises").resolve(source);
            Path reference = root.resolve("solutions").resolve(source);
            return Files.exists(stub) && Files.exists(reference) && Files.mismatch(stub, reference) == -1;
        } catch (IOException e) {
            return false;
        }
    }
}
