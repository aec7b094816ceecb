package threadlings.spawn;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.support.Jvm;

/** spawnAll: what it returns, that the children run together, and what happens when one fails. */
class SpawnAllTest {


    @Test
    @DisplayName("spawnAll returns the pids of the children it started, in start order")
    void returnsPidsInStartOrder() throws Exception {
        int count = 4;
        try (Family family = new Family()) {
            long before = freshPid();
            // These children finish in decreasing pid order: the reverse of the order they were started in, where
            // pids are handed out in increasing order.
            List<Long> pids = family.spawn(count, "order", List.of(), Family.SPAWN_LIMIT);
            long after = freshPid();
            family.checkPids(pids);
            // Which child was started first cannot be seen from outside, except on Linux, whose pids increase
            // (until they wrap around, which the pids taken just before and after would show). Elsewhere the
            // order is left unchecked.
            boolean pidsIncrease = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                    && before < after && pids.stream().allMatch(p -> before < p && p < after);
            if (!pidsIncrease) {
                return;
            }
            List<Long> started = pids.stream().sorted().collect(Collectors.toList());
            if (pids.equals(started)) {
                return;
            }
            List<Long> finished = family.ends().values().stream()
                    .sorted(Comparator.comparing(Reports.End::end)).map(Reports.End::pid)
                    .collect(Collectors.toList());
            if (pids.equals(finished)) {
                fail(say("spawnAll returned " + pids + ", the order in which the children finished; they were"
                        + " started in the order " + started + " (pids increase on this OS). Return the pids in the"
                        + " order you started the children: the order of your list of Process objects, not of their"
                        + " exits",
                        "spawnAll 返回的 " + pids + " 是子进程结束的顺序；而它们启动的顺序是 " + started
                        + "（在这个操作系统上 pid 依次递增）。请按启动子进程的顺序返回 pid：也就是你的 Process"
                        + " 对象列表的顺序，而不是它们退出的顺序"));
            }
            fail(say("spawnAll returned " + pids + ", but the children were started in the order " + started
                    + " (pids increase on this OS) and finished in the order " + finished + ". Return the pids in"
                    + " the order you started the children",
                    "spawnAll 返回了 " + pids + "，但子进程启动的顺序是 " + started + "（在这个操作系统上 pid 依次递增），"
                    + "结束的顺序是 " + finished + "。请按启动子进程的顺序返回 pid"));
        }
    }

    @Test
    @DisplayName("the children run at the same time")
    void childrenRunTogether() throws Exception {
        int count = 3;
        try (Family family = new Family()) {
            List<Long> pids = family.spawn(count, "together", List.of(), Family.SPAWN_LIMIT);
            family.checkPids(pids);
            Map<Long, Reports.Report> reports = family.reports();
            Map<Long, Reports.End> ends = family.ends();
            // Each child waited until it saw every sibling's report, as long as a sibling was still on its way:
            // children started together all see one another. A child that ended without seeing a sibling was gone
            // before that sibling began.
            List<Reports.End> lonely = ends.values().stream().filter(e -> e.seen().size() < count)
                    .collect(Collectors.toList());
            if (lonely.isEmpty() && ends.size() == count) {
                return;
            }
            Instant origin = reports.values().stream().map(Reports.Report::start).min(Comparator.naturalOrder())
                    .orElseThrow();
            String timeline = reports.values().stream().sorted(Comparator.comparing(Reports.Report::start))
                    .map(r -> {
                        String from = Family.at(origin, r.start());
                        String to = ends.containsKey(r.pid()) ? Family.at(origin, ends.get(r.pid()).end()) : "?";
                        return say("child " + r.pid() + " ran from " + from + " to " + to,
                                "子进程 " + r.pid() + " 从 " + from + " 运行到 " + to);
                    })
                    .collect(Collectors.joining(say(", ", "，")));
            for (Reports.Report later : reports.values()) {
                for (Reports.End earlier : ends.values()) {
                    if (earlier.end().isBefore(later.start())) {
                        fail(say("the " + count + " children must all run at the same time, but child "
                                + later.pid() + " started only after child " + earlier.pid() + " had finished ("
                                + timeline + "; each child waits for its siblings while any of them is on its way)."
                                + " spawnAll waits for a child before starting the next: start every"
                                + " child first, then wait for them all",
                                count + " 个子进程应当同时运行，但子进程 " + later.pid() + " 直到子进程 "
                                + earlier.pid() + " 结束之后才启动（" + timeline + "；只要还有兄弟进程在启动途中，"
                                + "每个子进程都会等它）。spawnAll 先等一个子进程结束，才启动下一个：应先启动所有子进程，"
                                + "再等待它们全部结束"));
                    }
                }
            }
            fail(say("the " + count + " children must all run at the same time, and each waited for its siblings to"
                    + " start (up to " + Reporter.SIBLINGS_WAIT.toSeconds() + " s), but "
                    + lonely.stream().map(e -> "child " + e.pid() + " saw only " + e.seen())
                            .collect(Collectors.joining(", "))
                    + " (" + timeline + "). Start every child first, then wait for them all",
                    count + " 个子进程应当同时运行，每个子进程都会等待兄弟进程启动（最多 "
                    + Reporter.SIBLINGS_WAIT.toSeconds() + " 秒），但 "
                    + lonely.stream().map(e -> "子进程 " + e.pid() + " 只看到了 " + e.seen())
                            .collect(Collectors.joining("，"))
                    + "（" + timeline + "）。应先启动所有子进程，再等待它们全部结束"));
        }
    }

    @Test
    @DisplayName("a count below 1 throws IllegalArgumentException and starts nothing")
    void countBelowOne() throws Exception {
        for (int count : new int[] {0, -1}) {
            try (Family family = new Family()) {
                List<Long> pids;
                try {
                    pids = family.call(count, "quick", List.of(), Family.SPAWN_LIMIT);
                } catch (IllegalArgumentException expected) {
                    List<ProcessHandle> started = ProcessHandle.current().children().collect(Collectors.toList());
                    if (!started.isEmpty()) {
                        fail(say("spawnAll(" + count + ", ...) threw IllegalArgumentException, but only after"
                                + " starting " + started.size() + " process(es): check count before starting anything",
                                "spawnAll(" + count + ", ...) 抛出了 IllegalArgumentException，但那是在启动了 "
                                + started.size() + " 个进程之后：应在启动任何进程之前先检查 count"));
                    }
                    continue;
                } catch (Exception e) {
                    throw new AssertionError(say("spawnAll(" + count + ", ...) must throw IllegalArgumentException"
                            + " (a parent needs at least one child), but it threw " + e,
                            "spawnAll(" + count + ", ...) 应当抛出 IllegalArgumentException（父进程至少要有一个子进程），"
                            + "但它抛出了 " + e), e);
                }
                fail(say("spawnAll(" + count + ", ...) returned " + pids + ", but a count below 1 must throw"
                        + " IllegalArgumentException: check count before starting anything",
                        "spawnAll(" + count + ", ...) 返回了 " + pids + "，但 count 小于 1 时必须抛出"
                        + " IllegalArgumentException：应在启动任何进程之前先检查 count"));
            }
        }
    }

    @Test
    @DisplayName("a child that exits non-zero makes spawnAll throw IllegalStateException with its pid and exit code")
    void failingChild() throws Exception {
        try (Family family = new Family()) {
            List<Long> pids;
            try {
                pids = family.call(1, "exit", List.of(), Family.SPAWN_LIMIT);
            } catch (IllegalStateException e) {
                long pid = onlyReport(family, 1).pid();
                checkNames(e, Set.of(pid), say("child " + pid + " exited with " + Reporter.FAILURE,
                        "子进程 " + pid + " 以退出码 " + Reporter.FAILURE + " 退出"));
                return;
            } catch (Exception e) {
                throw new AssertionError(say("the only child exited with " + Reporter.FAILURE + ", so spawnAll must"
                        + " throw IllegalStateException, but it threw " + e,
                        "唯一的子进程以退出码 " + Reporter.FAILURE + " 退出，所以 spawnAll 应当抛出"
                        + " IllegalStateException，但它抛出了 " + e), e);
            }
            long only = onlyReport(family, 1).pid();
            fail(say("the only child (pid " + only + ") exited with " + Reporter.FAILURE
                    + ", but spawnAll returned " + pids + ". Check each child's exit code (what waitFor() returns)"
                    + " and throw IllegalStateException with the pid and the code of a child whose code is not 0",
                    "唯一的子进程（pid " + only + "）以退出码 " + Reporter.FAILURE + " 退出，但 spawnAll 返回了 "
                    + pids + "。请检查每个子进程的退出码（waitFor() 的返回值），遇到退出码不为 0 的子进程，"
                    + "就抛出写明其 pid 和退出码的 IllegalStateException"));
        }
    }

    @Test
    @DisplayName("spawnAll throws only after every child has exited")
    void throwsAfterAllExited() throws Exception {
        int count = 3;
        // Where pids increase, the child with the smallest pid was started first and fails: a spawnAll that waits
        // in start order and throws at the first failure is caught too. Elsewhere, the first child to report.
        String mode = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                ? "fail-by-pid" : "fail-by-arrival";
        try (Family family = new Family()) {
            List<Long> pids;
            try {
                pids = family.call(count, mode, List.of(), Family.SPAWN_LIMIT);
            } catch (IllegalStateException e) {
                // Look at once: which children were still running when spawnAll threw?
                Map<Long, Reports.End> ends = family.ends();
                Map<Long, Reports.Report> reports = family.reports();
                // A child writes its end record just before it exits: no record, still running.
                List<Long> running = reports.keySet().stream().filter(p -> !ends.containsKey(p))
                        .collect(Collectors.toList());
                Set<Long> failed = ends.values().stream().filter(end -> end.code() != 0).map(Reports.End::pid)
                        .collect(Collectors.toSet());
                if (!running.isEmpty()) {
                    fail(say("spawnAll threw " + e + " while " + (running.size() == 1 ? "child " : "children ")
                            + running + " still ran (they exit " + Reporter.OUTLIVE.toMillis() + " ms after the"
                            + " failing child " + failed + "). It threw as soon as it saw the failure, and left the"
                            + " others running with nobody waiting for them: remember the failure, wait for every"
                            + " child, and throw only then",
                            "spawnAll 抛出了 " + e + "，而此时子进程 " + running + " 还在运行（它们在失败的子进程 "
                            + failed + " 退出 " + Reporter.OUTLIVE.toMillis() + " 毫秒之后才退出）。它一看到失败就立即"
                            + "抛出，留下其他子进程继续运行，却没有人等待它们：应先记下失败，等所有子进程都结束，"
                            + "然后再抛出"));
                }
                if (reports.size() != count) {
                    fail(say("spawnAll threw " + e + ", but " + reports.size() + " children ran the graders' main"
                            + " instead of " + count,
                            "spawnAll 抛出了 " + e + "，但运行了评分程序 main 的子进程有 " + reports.size()
                            + " 个，而不是 " + count + " 个"));
                }
                checkNames(e, failed, say("child " + failed + " exited with " + Reporter.FAILURE,
                        "子进程 " + failed + " 以退出码 " + Reporter.FAILURE + " 退出"));
                return;
            } catch (Exception e) {
                throw new AssertionError(say("one child exited with " + Reporter.FAILURE + ", so spawnAll must throw"
                        + " IllegalStateException, but it threw " + e,
                        "有一个子进程以退出码 " + Reporter.FAILURE + " 退出，所以 spawnAll 应当抛出"
                        + " IllegalStateException，但它抛出了 " + e), e);
            }
            fail(say("one of the " + count + " children exited with " + Reporter.FAILURE + ", but spawnAll returned "
                    + pids + ". Check each child's exit code (what waitFor() returns) and throw"
                    + " IllegalStateException once every child has exited",
                    count + " 个子进程中有一个以退出码 " + Reporter.FAILURE + " 退出，但 spawnAll 返回了 " + pids
                    + "。请检查每个子进程的退出码（waitFor() 的返回值），并在所有子进程都退出之后抛出"
                    + " IllegalStateException"));
        }
    }

    @Test
    @DisplayName("each child gets exactly the arguments given to spawnAll")
    void argumentsPassThrough() throws Exception {
        List<String> args = List.of("two words", " padded ", "-Dnot.an.option=1", "semi;colon&and|pipe<>",
                "'single'", "%PATH%", "$HOME", "x");
        try (Family family = new Family()) {
            List<Long> pids = family.spawn(2, "quick", args, Family.SPAWN_LIMIT);
            family.checkPids(pids);
            checkArguments(family.reports(), args);
        }
    }

    /** Every child received {@code expected} after the graders' own three arguments. */
    static void checkArguments(Map<Long, Reports.Report> reports, List<String> expected) {
        for (Reports.Report r : reports.values()) {
            if (!r.args().equals(expected)) {
                fail(say("child " + r.pid() + " received the arguments " + quote(r.args()) + " after the graders'"
                        + " own three, but spawnAll was given " + quote(expected) + ". Pass every argument on as it"
                        + " is: Jvm.command(mainClass, args)",
                        "子进程 " + r.pid() + " 在评分程序自己的三个参数之后收到的参数是 " + quote(r.args())
                        + "，但传给 spawnAll 的是 " + quote(expected) + "。请把每个参数原样传下去："
                        + "Jvm.command(mainClass, args)"));
            }
        }
    }

    private static String quote(List<String> args) {
        return args.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The message of {@code e} holds the pid of one of {@code failed} and the exit code, as whole numbers. */
    private static void checkNames(IllegalStateException e, Set<Long> failed, String what) {
        List<Long> numbers = new ArrayList<>();
        Matcher m = Pattern.compile("\\d+").matcher(String.valueOf(e.getMessage()));
        while (m.find()) {
            try {
                numbers.add(Long.parseLong(m.group()));
            } catch (NumberFormatException tooLong) {
                // Not a pid or an exit code.
            }
        }
        boolean pid = failed.stream().anyMatch(numbers::contains);
        boolean code = numbers.contains((long) Reporter.FAILURE);
        if (!pid || !code) {
            String missing = !pid && !code ? "子进程的 pid，也没有它的退出码 " + Reporter.FAILURE
                    : !pid ? "子进程的 pid" : "它的退出码 " + Reporter.FAILURE;
            fail(say(what + ", and spawnAll threw IllegalStateException, but its message \"" + e.getMessage()
                    + "\" does not hold " + (pid ? "" : "the child's pid" + (code ? "" : " nor "))
                    + (code ? "" : "its exit code " + Reporter.FAILURE) + ": put both in the message, so the"
                    + " caller knows which child failed and how",
                    what + "，spawnAll 也抛出了 IllegalStateException，但它的消息 \"" + e.getMessage()
                    + "\" 里没有" + missing + "：请把两者都写进消息，让调用者知道是哪个子进程失败、怎样失败的"));
        }
    }

    /** The report of the only child, failing if there is not exactly {@code count}. */
    private static Reports.Report onlyReport(Family family, int count) {
        Map<Long, Reports.Report> reports = family.reports();
        if (reports.size() != count) {
            fail(say("spawnAll(" + count + ", ...) ran " + reports.size() + " children that reported, instead of "
                    + count,
                    "spawnAll(" + count + ", ...) 运行了 " + reports.size() + " 个报告了信息的子进程，而不是 " + count
                    + " 个"));
        }
        return reports.values().iterator().next();
    }

    /** The pid of a process started and killed at once: one the OS hands out now. */
    private static long freshPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Jvm.command(Reporter.class))
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        p.destroyForcibly();
        p.waitFor();
        return p.pid();
    }
}
