package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static threadlings.grading.SampleResults.topic;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The scoreboard: one screen, the first topic not done in full, what comes next once done; in both languages. */
class ScoreboardTest {

    private static final RunInfo RUN = new RunInfo("./mvnw test", 2);

    /** Renders with the run's language set to {@code lang}, and puts the property back as it was. */
    static <T> T in(String lang, Callable<T> body) throws Exception {
        String before = System.getProperty(Lang.PROPERTY);
        System.setProperty(Lang.PROPERTY, lang);
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(Lang.PROPERTY);
            } else {
                System.setProperty(Lang.PROPERTY, before);
            }
        }
    }

    /** The text with every line break and the indentation after it turned into one space (undoes wrapping). */
    private static String flat(String text) {
        return text.replaceAll("\\s*\n\\s*", " ");
    }

    private static String board(String lang, List<TopicResult> results) throws Exception {
        return in(lang, () -> Scoreboard.render(results, RUN));
    }

    /** A manifest of three topics; the second has a Chinese title and learned text but no Chinese hint. */
    private static Manifest small() {
        return Manifest.parse("""
                {"topics":[
                 {"id":"threads","number":6,"title":"start, name and wait for a thread","points":10,
                  "timeoutSeconds":60,"files":[],"hint":"Join it.","learned":"A thread runs beside yours."},
                 {"id":"lock","number":7,"title":"a shared balance and its lock","points":10,"timeoutSeconds":60,
                  "files":[],"hint":"Unlock in finally.","learned":"A lock makes two steps one.",
                  "zh":{"title":"共享余额与它的锁","learned":"锁把两步变成一步。"}},
                 {"id":"deadlock","number":8,"title":"many locks without deadlock","points":10,"timeoutSeconds":60,
                  "files":[],"hint":"Lock in one order."}
                ]}""");
    }

    @Test
    @DisplayName("only the first topic not done is shown in full: its Lincheck interleaving whole, hint, command")
    void firstTopicNotDoneInFull() throws Exception {
        String out = board("en", SampleResults.run(SampleResults.done(topic("threads")),
                SampleResults.lockWithoutLock(topic("lock")), SampleResults.gilNoLock(topic("gil"))));
        assertTrue(out.contains(" 07 lock          5/10  failed     2 of 4 tests failed (13.9 s)"), out);
        assertTrue(out.contains("first of 2 failed tests (all in report.html): two updates at the same time never "
                + "lose one"), out);
        assertTrue(out.contains(Scoreboard.indent(SampleResults.INTERLEAVING, "     ")), out);
        assertTrue(out.contains("= Invalid execution results ="), out);
        assertTrue(out.contains("hint: " + topic("lock").hint().substring(0, 20)), out);
        assertTrue(out.contains("grade only this topic: ./mvnw test -Dtopic=lock"), out);
        assertTrue(out.contains("also not done yet: 12 gil"), out);
        // The gil topic is not detailed: neither its failure nor its hint.
        assertFalse(out.contains("1,397,293"), out);
        assertFalse(out.contains(topic("gil").hint()), out);
        // The wide detailed trace and the lesson's table stay in report.html.
        assertFalse(out.contains("BalanceOperations.java:24"), out);
        assertTrue(out.contains("detailed trace"), out);
        assertFalse(out.contains("UnsafeBalance"), out);
        // Lincheck's report takes 30 of these lines; the rest of the screen holds everything else.
        assertTrue(out.lines().count() <= 52, out.lines().count() + " lines:\n" + out);
    }

    @Test
    @DisplayName("a failed CPU measurement shows the measured and the required value")
    void measurementFailure() throws Exception {
        String out = board("en", SampleResults.run(SampleResults.coresOneAfterAnother(topic("cores"))));
        assertTrue(flat(out).contains("the numbers: measured 0.98 cores; required at least 1.47 cores (75 % of the "
                + "1.96 cores that one spinning thread per core got on this machine just then)"), out);
        String zh = board("zh", SampleResults.run(SampleResults.coresOneAfterAnother(topic("cores"))));
        assertTrue(flat(zh).contains("数值：测得 0.98 核；要求至少 1.47 核"), zh);
    }

    @Test
    @DisplayName("the gil line shows threads under one GIL next to processes with a GIL each, as 100 % and N × 100 %")
    void gilLine() throws Exception {
        String out = board("en", SampleResults.run(SampleResults.gilDone(topic("gil"))));
        assertTrue(out.contains(" 12 gil          10/10  passed     3 tests (3.2 s)\n"
                + "    one GIL, 2 threads: 98 % CPU — 2 processes, a GIL each: 195 % CPU (of 2 × 100 %)\n"), out);
        String busy = board("en", SampleResults.run(SampleResults.gilNoLock(topic("gil"))));
        assertTrue(busy.contains("one GIL, 2 threads: 184 % CPU — 2 processes, a GIL each: 97 % CPU (not judged) "
                + "(machine busy: spinning threads got 102 %)"), busy);
        String zh = board("zh", SampleResults.run(SampleResults.gilDone(topic("gil"))));
        assertTrue(zh.contains("一个 GIL、2 个线程：CPU 98 % — 2 个进程、各一个 GIL：CPU 195 %（满载 2 × 100 %）"), zh);
    }

    @Test
    @DisplayName("the pull-request grader still reads every topic's points from the table, in either language")
    void pullRequestGraderReadsTheTable() throws Exception {
        List<TopicResult> results = SampleResults.run(SampleResults.done(topic("threads")),
                SampleResults.lockWithoutLock(topic("lock")), SampleResults.gilDone(topic("gil")));
        Method scoreboard = Class.forName("threadlings.grading.pr.GradePullRequest")
                .getDeclaredMethod("scoreboard", String.class);
        scoreboard.setAccessible(true);
        for (String lang : List.of("en", "zh")) {
            @SuppressWarnings("unchecked")
            Map<String, int[]> read = (Map<String, int[]>) scoreboard.invoke(null, "[INFO] x\n" + board(lang, results));
            assertEquals(List.of("threads", "lock", "gil"), List.copyOf(read.keySet()), lang);
            assertArrayEquals(new int[] {5, 10}, read.get("lock"), lang);
            assertArrayEquals(new int[] {10, 10}, read.get("gil"), lang);
        }
    }

    @Test
    @DisplayName("a topic graded alone with every point shows what was just learned and the next topic's command")
    void doneAloneShowsLearnedAndNext() throws Exception {
        Manifest m = small();
        List<TopicResult> results = List.of(TopicResult.notRun(m.topic("threads"), "not selected for this run"),
                SampleResults.done(m.topic("lock")),
                TopicResult.notRun(m.topic("deadlock"), "not selected for this run"));
        String out = board("en", results);
        assertTrue(out.contains(" 07 lock: every point earned. Well done.\n   What you just learned:\n"
                + "     A lock makes two steps one.\n Next: 08 deadlock: many locks without deadlock\n   ./mvnw test -Dtopic=deadlock\n"), out);
        String zh = board("zh", results);
        assertTrue(zh.contains(" 07 lock：满分，做得好。\n"), zh);
        assertTrue(zh.contains("你刚学会的：\n     锁把两步变成一步。"), zh);
        assertTrue(zh.contains("下一个：08 deadlock: many locks without deadlock"), zh); // no Chinese title: English
        assertTrue(zh.contains(" 07 lock         10/10  通过       1 个测试 (3.2 s)"), zh);
    }

    @Test
    @DisplayName("once every graded topic is done: the next topic, the end of the path, or the whole path walked")
    void whatComesNext() throws Exception {
        Manifest m = small();
        String two = board("en", List.of(SampleResults.done(m.topic("threads")), SampleResults.done(m.topic("lock")),
                TopicResult.notRun(m.topic("deadlock"), "not selected for this run")));
        assertTrue(two.contains(" Every point earned. Well done.\n Next: 08 deadlock"), two);
        assertFalse(two.contains("What you just learned"), two);
        String last = board("en", List.of(TopicResult.notRun(m.topic("threads"), "not selected for this run"),
                TopicResult.notRun(m.topic("lock"), "not selected for this run"),
                SampleResults.done(m.topic("deadlock"))));
        assertTrue(last.contains("That was the end of the path. Now grade every topic together: ./mvnw test\n"), last);
        String all = board("en", List.of(SampleResults.done(m.topic("threads")), SampleResults.done(m.topic("lock")),
                SampleResults.done(m.topic("deadlock"))));
        assertTrue(all.contains("You have walked the whole path"), all);
        String withSolutions = in("en", () -> Scoreboard.render(List.of(SampleResults.done(m.topic("threads")),
                TopicResult.notRun(m.topic("lock"), "not selected for this run")),
                new RunInfo("./mvnw test -Psolutions", 2)));
        assertTrue(withSolutions.contains("   ./mvnw test -Psolutions -Dtopic=lock\n"), withSolutions);
    }

    @Test
    @DisplayName("a crashed topic shows what happened; the stub's run fits one screen")
    void crashedAndStub() throws Exception {
        Manifest.Topic spawn = topic("spawn");
        TopicResult crashed = new TopicResult(spawn, "crashed", 0, List.of(SampleResults.passed("a")),
                "the grader JVM exited with code 0 during \"spawnAll()\": your code called System.exit", 2.0);
        List<TopicResult> all = new java.util.ArrayList<>();
        all.add(crashed);
        for (Manifest.Topic t : Manifest.load().topics().subList(1, Manifest.load().topics().size())) {
            all.add(TopicResult.scored(t,
                    List.of(SampleResults.failed("one", t.id() + " is not implemented yet: TODO")), 1.0));
        }
        String out = board("en", all);
        assertTrue(out.contains(" 01 spawn         0/10  crashed"), out);
        assertTrue(out.contains("your code called System.exit"), out);
        assertTrue(out.contains("grade only this topic: ./mvnw test -Dtopic=spawn"), out);
        assertTrue(out.lines().count() < 35, out.lines().count() + " lines:\n" + out);
        String zh = board("zh", all);
        assertTrue(zh.contains(" 01 spawn         0/10  崩溃"), zh);
        assertTrue(zh.contains(" threadlings scoreboard\n"), zh);
    }

    @Test
    @DisplayName("prose wraps at spaces, Chinese between characters, never before its punctuation")
    void wrapping() {
        assertEquals("aaa bbb\nccc", Scoreboard.wrap("aaa bbb ccc", 8));
        String zh = Scoreboard.wrap("一二三四，五六七八", 8);
        for (String line : zh.split("\n")) {
            assertTrue(Scoreboard.width(line) <= 8, zh);
            assertFalse(line.startsWith("，"), zh);
        }
        assertEquals("一二三四，五六七八", zh.replace("\n", ""));
        assertEquals(4, Scoreboard.width("通过"));
    }
}
