package threadlings.selfcheck;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A known-wrong variant of a reference class, with the test that must reject it and the words its message must
 * hold. Lives in {@code graders/src/mutants/<topic>/<id>/}: the class's source and a {@code mutant.properties}.
 */
record Mutant(String topic, String id, Path folder, String mistake, String fails, String message) {

    /** Every mutant of the topics given, in a stable order. */
    static List<Mutant> all(Path mutantsRoot, List<String> topics) throws IOException {
        List<Mutant> mutants = new ArrayList<>();
        for (String topic : topics) {
            Path dir = mutantsRoot.resolve(topic);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> folders = Files.list(dir)) {
                for (Path folder : folders.sorted().toList()) {
                    mutants.add(read(topic, folder));
                }
            }
        }
        return mutants;
    }

    private static Mutant read(String topic, Path folder) throws IOException {
        Properties p = new Properties();
        Path file = folder.resolve("mutant.properties");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        for (String key : List.of("mistake", "fails", "message")) {
            if (p.getProperty(key, "").isBlank()) {
                throw new IllegalStateException(file + " has no '" + key + "'");
            }
        }
        return new Mutant(topic, folder.getFileName().toString(), folder, p.getProperty("mistake").strip(),
                p.getProperty("fails").strip(), p.getProperty("message").strip());
    }

    /** Compiles the mutant's sources against the reference into {@code out}, which it returns. */
    Path compile(Path reference, Path out) throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-cp", reference.toString(),
                "-d", out.toString()));
        args.addAll(sources);
        int status = javac.run(null, null, System.err, args.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException("mutant " + this + " does not compile");
        }
        return out;
    }

    boolean messageMatches(String failure) {
        return failure != null && failure.toLowerCase(Locale.ROOT).contains(message.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return topic + "/" + id;
    }
}
