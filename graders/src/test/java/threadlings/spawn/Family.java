package threadlings.spawn;

import static threadlings.grading.Lang.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/**
 * One call of the student's {@code spawnAll} with {@link Reporter} children, and everything it leaves behind: a
 * folder for the children's reports, and processes, all removed on {@link #close()} however the test ended. Use it
 * in try-with-resources.
 */
final class Family implements AutoCloseable {

    /** Long enough for eight child JVMs to start, run and exit on a busy machine; a correct call takes about 1 s. */
    static final Duration SPAWN_LIMIT = Duration.ofSeconds(20);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    final Path dir;
    /** When the last call into {@code spawnAll} returned or threw. */
    Instant returnedAt;

    Family() throws IOException {
        dir = Files.createTempDirectory("threadlings-spawn-");
    }

    /** The arguments for {@code spawnAll}: the three every {@link Reporter} needs, then {@code extra}. */
    String[] args(String mode, int count, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(dir.toString(), mode, Integer.toString(count)));
        args.addAll(extra);
        return args.toArray(new String[0]);
    }

    /**
     * Calls {@code spawnAll(count, Reporter.class, args(mode, count, extra))} within {@code limit}, and returns
     * what it returns; any exception it throws is thrown as it is, for the caller to judge.
     */
    List<Long> call(int count, String mode, List<String> extra, Duration limit) throws Exception {
        String[] args = args(mode, count, extra);
        try {
            return Deadline.call(limit, "spawnAll(" + count + ", Reporter.class, ...)",
                    () -> Spawner.spawnAll(count, Reporter.class, args));
        } finally {
            returnedAt = Instant.now();
        }
    }

    /**
     * Like {@link #call}, for children that all exit 0: fails with an explanation if {@code spawnAll} throws, or
     * returns something other than one pid per child.
     */
    List<Long> spawn(int count, String mode, List<String> extra, Duration limit) throws Exception {
        List<Long> pids;
        try {
            pids = call(count, mode, extra, limit);
        } catch (IllegalStateException e) {
            boolean noArguments = String.valueOf(e.getMessage()).contains(String.valueOf(Reporter.NO_ARGUMENTS));
            throw new AssertionError(say("spawnAll(" + count + ", ...) threw " + e + (noArguments
                    ? ". The graders' child exits with " + Reporter.NO_ARGUMENTS + " only when it receives none of"
                            + " its arguments: pass args on to every child, Jvm.command(mainClass, args)."
                    : ", but every child exited with 0: throw IllegalStateException only for a child whose exit"
                            + " code (waitFor()) is not 0."),
                    "spawnAll(" + count + ", ...) 抛出了 " + e + (noArguments
                    ? "。评分程序的子进程只有在一个参数都没收到时才会以 " + Reporter.NO_ARGUMENTS + " 退出：请把 args"
                            + " 原样传给每个子进程，即 Jvm.command(mainClass, args)。"
                    : "，但每个子进程都以 0 退出：只有某个子进程的退出码（waitFor() 的返回值）不是 0 时，才抛出"
                            + " IllegalStateException。")), e);
        }
        if (pids == null || pids.size() != count) {
            int reported = reports().size();
            throw new AssertionError(say("spawnAll(" + count + ", ...) must start " + count + " children and"
                    + " return their " + count + " pids, but it returned " + pids + (reported == count ? ""
                    : " (and " + reported + " children ran the graders' main)"),
                    "spawnAll(" + count + ", ...) 应当启动 " + count + " 个子进程并返回它们的 " + count + " 个 pid，"
                    + "但它返回了 " + pids + (reported == count ? ""
                    : "（而运行了评分程序 main 的子进程有 " + reported + " 个）")));
        }
        return pids;
    }

    Map<Long, Reports.Report> reports() {
        return Reports.reports(dir);
    }

    Map<Long, Reports.End> ends() {
        return Reports.ends(dir);
    }

    /**
     * Checks what every call must do: the pids are distinct, none is this process, each is a child that ran the
     * graders' main (and reported), and every reporting child is among them.
     */
    void checkPids(List<Long> pids) {
        long self = ProcessHandle.current().pid();
        if (pids.contains(self)) {
            throw new AssertionError(say("spawnAll returned " + pids + ", which holds this process's own pid " + self
                    + ": return the pid of each started child, Process.pid()",
                    "spawnAll 返回了 " + pids + "，其中含有本进程自己的 pid " + self
                    + "：应返回每个已启动子进程的 pid，即 Process.pid()"));
        }
        if (pids.stream().distinct().count() != pids.size()) {
            throw new AssertionError(say("spawnAll returned " + pids + ": a pid appears twice, but each child is a"
                    + " process of its own with a pid of its own. Start a new process for each child",
                    "spawnAll 返回了 " + pids + "：有一个 pid 出现了两次，但每个子进程都是独立的进程，有自己的 pid。"
                    + "请为每个子进程各启动一个新进程"));
        }
        Map<Long, Reports.Report> reports = reports();
        List<Long> unknown = pids.stream().filter(p -> !reports.containsKey(p)).collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            throw new AssertionError(say("spawnAll returned " + pids + ", but the children that ran had the pids "
                    + reports.keySet() + ": " + unknown + " did not run the graders' main. Return the pid of each"
                    + " Process you started (Process.pid())",
                    "spawnAll 返回了 " + pids + "，但实际运行的子进程的 pid 是 " + reports.keySet() + "：" + unknown
                    + " 并没有运行评分程序的 main。请返回你启动的每个 Process 的 pid（Process.pid()）"));
        }
        List<Long> extra = reports.keySet().stream().filter(p -> !pids.contains(p)).collect(Collectors.toList());
        if (!extra.isEmpty()) {
            throw new AssertionError(say("spawnAll returned " + pids + ", but more children ran: " + extra + " too."
                    + " Start exactly count children",
                    "spawnAll 返回了 " + pids + "，但运行的子进程比这更多：还有 " + extra + "。请恰好启动 count 个子进程"));
        }
        for (Reports.Report r : reports.values()) {
            if (!r.osParent().equals(Long.toString(self))) {
                throw new AssertionError(say("child " + r.pid() + " ran with process " + r.osParent() + " as its"
                        + " parent, not this process (" + self + "): start each child JVM directly from this"
                        + " JVM with ProcessBuilder (no shell, no launcher in between)",
                        "子进程 " + r.pid() + " 运行时的父进程是进程 " + r.osParent() + "，而不是本进程（" + self
                        + "）：请在本 JVM 中直接用 ProcessBuilder 启动每个子 JVM（不经过 shell，中间也没有别的启动器）"));
            }
        }
    }

    /** Seconds from {@code origin} to {@code t}, for messages: "+1.25 s" ("+1.25 秒" in Chinese). */
    static String at(Instant origin, Instant t) {
        return String.format(java.util.Locale.ROOT, say("%+.2f s", "%+.2f 秒"),
                Duration.between(origin, t).toMillis() / 1000.0);
    }

    @Override
    public void close() throws InterruptedException {
        // The children are this JVM's own (checkPids makes sure), so they are found among its children while they
        // run. No pid from a report is killed: once its child has exited, the OS may have given it to another.
        Processes.killAll(ProcessHandle.current().children().collect(Collectors.toList()), KILL_TIMEOUT);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary file left behind is harmless.
        }
    }
}
