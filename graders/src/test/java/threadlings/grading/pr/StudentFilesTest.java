package threadlings.grading.pr;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A student file may declare its own class and helpers, and nothing that would take a grader's place. */
class StudentFilesTest {

    static final String PATH = "exercises/src/main/java/threadlings/lock/Balance.java";

    @TempDir
    Path root;

    @BeforeEach
    void graders() throws IOException {
        Path dir = Files.createDirectories(root.resolve("graders/src/test/java/threadlings/lock"));
        Files.writeString(dir.resolve("BalanceModelCheckTest.java"), "package threadlings.lock;\n"
                + "public class BalanceModelCheckTest {\n  static class Nested {}\n}\nclass SecondaryHelper {}\n");
    }

    private String vet(String source) throws IOException {
        return StudentFiles.vet(root, PATH, source.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("its own class, nested classes and other helper classes are fine")
    void fine() throws IOException {
        assertNull(vet("package threadlings.lock;\nimport java.util.*;\npublic final class Balance {\n"
                + "  private static final class Inner {}\n  void f() { Runnable r = () -> {}; new Object() {}; }\n}\n"
                + "final class MyOwnHelper {}\n;\n"));
    }

    @Test
    @DisplayName("a top-level type with a grader's name (any case, secondary ones too), or a '$', is refused")
    void shadows() throws IOException {
        String own = "package threadlings.lock;\npublic final class Balance {}\n";
        assertTrue(vet(own + "class BalanceModelCheckTest {}\n").contains("BalanceModelCheckTest"));
        assertTrue(vet(own + "class balancemodelchecktest {}\n").contains("balancemodelchecktest"));
        assertTrue(vet(own + "interface SecondaryHelper {}\n").contains("SecondaryHelper"));
        assertTrue(vet(own + "class BalanceModelCheckTest$Nested {}\n").contains("'$'"));
    }

    @Test
    @DisplayName("another package, no class of its name, or source javac cannot parse is refused")
    void wrongShape() throws IOException {
        assertTrue(vet("package threadlings.grading;\npublic final class Balance {}\n").contains("package"));
        assertTrue(vet("public final class Balance {}\n").contains("package"));
        assertTrue(vet("package threadlings.lock;\nfinal class Account {}\n").contains("no top-level type named Balance"));
        assertTrue(vet("package threadlings.lock;\npublic final class Balance {\n").contains("cannot parse"));
        // Unicode escapes are what javac reads: this is "package threadlings.grading;".
        assertTrue(vet("\\u0070ackage threadlings.grading;\npublic final class Balance {}\n").contains("package"));
    }

    @Test
    @DisplayName("paths that would leave the work tree are refused")
    void paths() {
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a\\b", ""}) {
            assertThrows(IOException.class, () -> StudentFiles.inside(root, bad), bad);
        }
    }
}
