package threadlings.grading;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every test a student can see has a Chinese name. {@code @DisplayName} and {@code @Label} must be compile-time
 * constants, so they stay in English in the graders, and their translations live beside them in
 * {@code graders/src/test/resources/threadlings/<topic>/test-names.zh.tsv}: one line per test, the English name
 * exactly as in the annotation, a TAB, the Chinese name, UTF-8. For each topic of the manifest, this checks that
 * the file has a line for every name in that topic's graders, and none for a name that no test carries any more.
 */
class TestNamesTest {

    private static final Path ROOT = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath()
            .normalize();
    private static final String FILE = "test-names.zh.tsv";

    @TestFactory
    @DisplayName("every topic's test names have a Chinese translation, and no translation is left over")
    Stream<DynamicTest> everyTopicTranslated() throws IOException {
        Manifest manifest = Manifest.parse(Files.readString(
                ROOT.resolve("graders/src/main/resources/topics.json"), StandardCharsets.UTF_8));
        return manifest.topics().stream().map(topic -> DynamicTest.dynamicTest(topic.id(), () -> check(topic.id())));
    }

    private static void check(String topic) throws IOException {
        Path graders = ROOT.resolve("graders/src/test/java/threadlings/" + topic);
        Path tsv = ROOT.resolve("graders/src/test/resources/threadlings/" + topic + "/" + FILE);
        List<String> problems = new ArrayList<>();

        Set<String> names = new LinkedHashSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.list(graders)) {
            sources = files.filter(f -> f.getFileName().toString().endsWith(".java")).sorted()
                    .collect(Collectors.toList());
        }
        for (Path source : sources) {
            for (Name n : names(Files.readString(source, StandardCharsets.UTF_8))) {
                if (n.text() == null) {
                    problems.add(source.getFileName() + ":" + n.line() + ": an @" + n.annotation() + " whose name is"
                            + " not a string literal (or literals joined with +): this check cannot read it");
                } else {
                    names.add(n.text());
                }
            }
        }

        Map<String, String> translated = new LinkedHashMap<>();
        if (Files.exists(tsv)) {
            String text = Files.readString(tsv, StandardCharsets.UTF_8); // throws on bytes that are not UTF-8
            if (text.startsWith("\ufeff")) {
                problems.add(FILE + " starts with a byte order mark: save it as UTF-8 without one");
                text = text.substring(1);
            }
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty() && i == lines.length - 1) {
                    break; // the newline that ends the last line
                }
                String[] parts = line.split("\t", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    problems.add(FILE + ":" + (i + 1) + ": not \"English name<TAB>中文名\": \"" + line + "\"");
                    continue;
                }
                if (!parts[0].equals(parts[0].strip()) || !parts[1].equals(parts[1].strip())) {
                    problems.add(FILE + ":" + (i + 1) + ": spaces around a name: \"" + line + "\"");
                }
                boolean chinese = parts[1].codePoints()
                        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
                if (!chinese) {
                    problems.add(FILE + ":" + (i + 1) + ": the Chinese name holds no Chinese: \"" + line + "\"");
                }
                if (translated.putIfAbsent(parts[0], parts[1]) != null) {
                    problems.add(FILE + ":" + (i + 1) + ": a second line for \"" + parts[0] + "\"");
                }
            }
        }

        List<String> missing = names.stream().filter(n -> !translated.containsKey(n)).collect(Collectors.toList());
        List<String> stale = translated.keySet().stream().filter(n -> !names.contains(n))
                .collect(Collectors.toList());
        if (missing.isEmpty() && stale.isEmpty() && problems.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder("topic " + topic + ", " + ROOT.relativize(tsv) + ":");
        if (!missing.isEmpty()) {
            report.append("\n  no Chinese name for ").append(missing.size()).append(" of its ").append(names.size())
                    .append(" test names (add a line \"English name<TAB>中文名\" for each):");
            missing.forEach(n -> report.append("\n    ").append(n));
        }
        if (!stale.isEmpty()) {
            report.append("\n  lines for names that no test in ").append(ROOT.relativize(graders))
                    .append(" carries any more (rename or remove them):");
            stale.forEach(n -> report.append("\n    ").append(n));
        }
        if (!problems.isEmpty()) {
            report.append("\n  malformed:");
            problems.forEach(p -> report.append("\n    ").append(p));
        }
        fail(report.toString());
    }

    @Test
    @DisplayName("test names are read from Java source as the compiler reads them")
    void readsNames() {
        String source = String.join("\n",
                "/** {@link DisplayName} and @DisplayName(\"in a comment\") are not names. */",
                "class T {",
                "    // @Label(\"nor in a line comment\")",
                "    String s = \"@DisplayName(\\\"nor in a string\\\")\";",
                "    char c = '\"';",
                "    @Test",
                "    @DisplayName(\"one, \\\"quoted\\\"\")",
                "    void a() {}",
                "    @Property(tries = 3)",
                "    @net.jqwik.api.Label(\"two \"",
                "            + \"lines\\t\\u00e9\")",
                "    void b() {}",
                "    @DisplayName(value = \"three\")",
                "    void c() {}",
                "    @DisplayName(NAME)",
                "    void d() {}",
                "}");
        List<Name> names = names(source);
        List<String> texts = names.stream().map(Name::text).collect(Collectors.toList());
        List<String> expected = new ArrayList<>(List.of("one, \"quoted\"", "two lines\t\u00e9", "three"));
        expected.add(null);
        if (!texts.equals(expected)) {
            fail("read " + texts + ", expected " + expected);
        }
        if (names.get(3).line() != 15 || !names.get(3).annotation().equals("DisplayName")) {
            fail("the unreadable name is reported at line " + names.get(3).line() + " as @"
                    + names.get(3).annotation());
        }
    }

    /** One {@code @DisplayName} or {@code @Label}: its text, or null if it is not made of string literals. */
    record Name(String annotation, int line, String text) {
    }

    /** Every {@code @DisplayName(…)} and {@code @Label(…)} in {@code source}, outside comments and literals. */
    static List<Name> names(String source) {
        List<Name> found = new ArrayList<>();
        Scanner s = new Scanner(source);
        while (s.pos < source.length()) {
            char c = source.charAt(s.pos);
            if (s.startsWith("//")) {
                s.skipTo("\n");
            } else if (s.startsWith("/*")) {
                s.pos += 2;
                s.skipTo("*/");
                s.pos += 2;
            } else if (s.startsWith("\"\"\"")) {
                s.pos += 3;
                s.skipTo("\"\"\"");
                s.pos += 3;
            } else if (c == '"' || c == '\'') {
                s.literal(c);
            } else if (c == '@') {
                int line = s.line();
                s.pos++;
                String name = s.qualifiedName();
                String simple = name.substring(name.lastIndexOf('.') + 1);
                if (simple.equals("DisplayName") || simple.equals("Label")) {
                    s.whitespace();
                    if (s.startsWith("(")) {
                        s.pos++;
                        found.add(new Name(simple, line, s.constant()));
                    }
                }
            } else {
                s.pos++;
            }
        }
        return found;
    }

    /** A cursor over Java source. */
    private static final class Scanner {
        private final String src;
        int pos;

        Scanner(String src) {
            this.src = src;
        }

        boolean startsWith(String s) {
            return src.startsWith(s, pos);
        }

        void skipTo(String end) {
            int at = src.indexOf(end, pos);
            pos = at < 0 ? src.length() : at;
        }

        int line() {
            int line = 1;
            for (int i = 0; i < pos; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        void whitespace() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        String qualifiedName() {
            int start = pos;
            while (pos < src.length() && (Character.isJavaIdentifierPart(src.charAt(pos)) || src.charAt(pos) == '.')) {
                pos++;
            }
            return src.substring(start, pos);
        }

        /**
         * After the opening parenthesis: {@code [value =] "…" [+ "…"]… )}, as the text the literals make; null (and
         * the cursor past the closing parenthesis, or at the end) if anything else stands there.
         */
        String constant() {
            whitespace();
            int save = pos;
            if (qualifiedName().equals("value")) {
                whitespace();
                if (startsWith("=")) {
                    pos++;
                } else {
                    pos = save;
                }
            } else {
                pos = save;
            }
            StringBuilder text = new StringBuilder();
            while (true) {
                whitespace();
                if (!startsWith("\"") || startsWith("\"\"\"")) {
                    skipTo(")");
                    return null;
                }
                String literal = literal('"');
                if (literal == null) {
                    return null;
                }
                text.append(literal);
                whitespace();
                if (startsWith(")")) {
                    pos++;
                    return text.toString();
                }
                if (!startsWith("+")) {
                    skipTo(")");
                    return null;
                }
                pos++;
            }
        }

        /** At a quote: the literal's value, with Java's escapes undone; the cursor after the closing quote. */
        String literal(char quote) {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < src.length()) {
                char c = src.charAt(pos++);
                if (c == quote) {
                    return b.toString();
                }
                if (c == '\n') {
                    return null;
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 's': b.append(' '); break;
                    case 'u':
                        while (src.charAt(pos) == 'u') {
                            pos++;
                        }
                        b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default:
                        if (e >= '0' && e <= '7') {
                            int end = pos;
                            int max = e <= '3' ? 2 : 1;
                            while (end < src.length() && end - pos < max && src.charAt(end) >= '0'
                                    && src.charAt(end) <= '7') {
                                end++;
                            }
                            b.append((char) Integer.parseInt(e + src.substring(pos, end), 8));
                            pos = end;
                        } else {
                            b.append(e); // \" \' \\
                        }
                }
            }
            return null;
        }
    }
}
