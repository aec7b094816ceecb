package threadlings.grading.pr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-wide gradebook: a matrix from a list of repositories, and one CSV from every student's grade. */
class GradebookTest {

    @TempDir
    Path dir;

    private static String grade(String student, String error, String extra, int... points) {
        String[] ids = {"spawn", "process", "lock"};
        int[] numbers = {1, 2, 7};
        StringBuilder topics = new StringBuilder();
        int total = 0;
        for (int i = points.length - 1; i >= 0; i--) {
            topics.append(topics.length() == 0 ? "" : ",").append("{\"id\":\"").append(ids[i]).append("\",\"number\":")
                    .append(numbers[i]).append(",\"points\":").append(points[i]).append(",\"max\":10}");
            total += points[i];
        }
        return "{\"student\":\"" + student + "\",\"points\":" + (error == null ? total : 0) + ",\"max\":30,"
                + (error == null ? "" : "\"error\":\"" + error + "\",") + "\"topics\":[" + topics + "]" + extra + "}";
    }

    private void write(String folder, String json) throws Exception {
        Files.createDirectories(dir.resolve("grades").resolve(folder));
        Files.writeString(dir.resolve("grades").resolve(folder).resolve("grade.json"), json);
    }

    @Test
    @DisplayName("merge: a row per student, sorted, points per topic in path order, the total and a note")
    void merge() throws Exception {
        write("grade-2", grade("class/bob", null, ",\"protected\":[\"pom.xml\"],\"refused\":[]", 10, 4, 7));
        write("grade-0", grade("class/alice", null, ",\"protected\":[],\"refused\":[]", 10, 10, 10));
        write("grade-1", grade("class/carol", "the code does not compile", "", 0, 0, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Gradebook.run(new String[] {"merge", dir.resolve("grades").toString(),
                dir.resolve("book.csv").toString(), "--students=class/alice class/bob,class/dave"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertEquals("student,spawn,process,lock,total,note\r\n"
                + "class/alice,10,10,10,30,\r\n"
                + "class/bob,10,4,7,21,1 path(s) changed outside the student files\r\n"
                + "class/carol,0,0,0,0,not graded: the code does not compile\r\n"
                + "class/dave,,,,,no grade: the grading job did not finish\r\n",
                Files.readString(dir.resolve("book.csv")));
    }

    @Test
    @DisplayName("matrix: repositories as JSON; anything that is not owner/name, a repeat, or too many is refused")
    void matrix() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Gradebook.run(new String[] {"matrix", " class/a, class/b\nclass/c.d \r\n"}, new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertEquals("[\"class/a\",\"class/b\",\"class/c.d\"]", out.toString(StandardCharsets.UTF_8).strip());
        for (String bad : List.of("class/a;rm -rf x", "a", "a/b/c", "class/a class/a", "", "../x/y", "a/$(x)")) {
            assertThrows(IllegalArgumentException.class, () -> Gradebook.repositories(bad), bad);
        }
        List<String> many = new ArrayList<>(Collections.nCopies(0, ""));
        for (int i = 0; i <= Gradebook.MAX_MATRIX; i++) {
            many.add("class/s" + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gradebook.repositories(String.join(" ", many)));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    @Test
    @DisplayName("CSV cells are quoted where needed and never start a formula")
    void cells() {
        assertEquals("\"a,b\"", Gradebook.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Gradebook.cell("say \"hi\""));
        assertEquals("'=1+1", Gradebook.cell("=1+1"));
        assertEquals("'@x", Gradebook.cell("@x"));
        assertEquals("", Gradebook.cell(null));
    }
}
