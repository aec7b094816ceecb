package threadlings.grading.pr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the grading shows: escaped where a student's text could pass for markup or a workflow command. */
class OutputsTest {

    private static final String FILE = "exercises/src/main/java/threadlings/lock/Balance.java";
    private static final String FORGED = "boom\n::notice file=.github,line=1,title=Autograding complete::Points 999/999"
            + "\r\n::stop-commands::x\n</pre>\n\n## Points 999/999\n| 07 lock | 10/10 |\n%0A::error::x";

    private static Verdict verdict(String message, String stack) {
        Verdict v = new Verdict();
        v.base = "b".repeat(40);
        v.head = "h".repeat(40);
        v.studentPaths = Map.of(FILE, "lock");
        v.topics.add(new Verdict.Topic("lock", 7, "a shared balance and its lock", "Use one lock.", 5, 10, "failed",
                null, List.of(new Verdict.Test("deposits add up", "BalanceBasicsTest", "passed", "", null, true),
                new Verdict.Test("two threads never lose an update", "BalanceModelCheckTest", "failed", message, stack,
                        true)), 1.5));
        return v;
    }

    @Test
    @DisplayName("workflow command text is escaped as GitHub's toolkit escapes it")
    void escaping() {
        assertEquals("a%25b%0D%0Ac", Workflow.escapeData("a%b\r\nc"));
        assertEquals("a%3Ab%2Cc%0A", Workflow.escapeProperty("a:b,c\n"));
        assertEquals("::error file=x%2Cy,line=3::m%0A::notice::Points 9/9",
                Workflow.command("error", new java.util.LinkedHashMap<>(Map.of("file", "x,y")) {
                    {
                        put("line", "3");
                    }
                }, "m\n::notice::Points 9/9"));
    }

    @Test
    @DisplayName("a failing test is annotated on the student's file, at the topmost line of theirs in the trace")
    void annotationLine() {
        String stack = "java.lang.IllegalStateException: x\n"
                + "\tat threadlings.grading.Deadline.call(Deadline.java:40)\n"
                + "\tat threadlings.lock.Balance.lambda$withdraw$0(Balance.java:57)\n"
                + "\tat threadlings.lock.Balance.withdraw(Balance.java:61)\n"
                + "\tat threadlings.lock.BalanceBasicsTest.withdraws(BalanceBasicsTest.java:30)\n";
        List<String> lines = Outputs.annotations(verdict("x", stack));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("::error file=" + FILE + ",line=57,title=07 lock%3A two threads never "
                + "lose an update::"), lines.get(0));
        assertEquals(-1, Outputs.lineIn("\tat threadlings.lock.BalanceX.f(BalanceX.java:3)\n"
                + "\tat threadlings.lock.Other.f(Balance.java:9)", FILE), "frames of other classes do not count");
    }

    @Test
    @DisplayName("a student's text in a failure message issues no workflow command and breaks no Markdown")
    void forgedMessage() {
        Verdict v = verdict(FORGED, "\tat threadlings.lock.Balance.f(Balance.java:12)\n");
        String log = String.join("\n", Outputs.annotations(v)) + "\n" + Outputs.pointsCommand(v) + "\n";
        List<Runner.Command> commands = Runner.commands(log);
        assertEquals(2, commands.size(), commands.toString());
        assertEquals("error", commands.get(0).name());
        assertTrue(Runner.unescape(commands.get(0).message()).contains("Points 999/999"), "the text is kept, as text");
        assertEquals("notice", commands.get(1).name());
        assertEquals("Points 5/10", commands.get(1).message());

        String md = Outputs.summary(v);
        assertEquals(1, md.split("</pre>", -1).length - 1, "only the summary's own </pre> ends the block:\n" + md);
        assertTrue(md.contains("&lt;/pre&gt;"), md);
        String markdown = outsidePre(md);
        assertFalse(markdown.contains("Points 999"), "outside <pre>, where GitHub reads Markdown:\n" + markdown);
        assertFalse(markdown.contains("10/10"), markdown);
        assertTrue(markdown.contains("## threadlings: 5/10 points"), md);
    }

    /** The Markdown of a summary with its {@code <pre>} blocks (raw HTML, never read as Markdown) taken out. */
    static String outsidePre(String md) {
        return md.replaceAll("(?s)\n<pre>\n.*?\n</pre>\n", "\n");
    }

    @Test
    @DisplayName("Gradescope's results.json: the exact total, and each graded test's share")
    void gradescope() {
        Map<String, Object> r = Outputs.gradescope(verdict("x", null));
        assertEquals(5, r.get("score"));
        List<?> tests = (List<?>) r.get("tests");
        assertEquals(2, tests.size());
        Map<?, ?> failed = (Map<?, ?>) tests.get(1);
        assertEquals(0.0, failed.get("score"));
        assertEquals(5.0, failed.get("max_score"));
        assertEquals("07 lock: two threads never lose an update", failed.get("name"));
        assertEquals("visible", failed.get("visibility"));
        assertEquals("x", failed.get("output"));
    }

    @Test
    @DisplayName("JUnit XML keeps a student's text as text, dropping what XML cannot carry")
    void junit() {
        Verdict v = verdict("a\u0000b]]><x/>&", "s");
        String xml = Outputs.junit(v, v.topics.get(0));
        assertTrue(xml.contains("failures=\"1\""), xml);
        assertTrue(xml.contains("message=\"ab]]&gt;&lt;x/&gt;&amp;\""), xml);
        assertFalse(xml.contains("\u0000"));
    }
}
