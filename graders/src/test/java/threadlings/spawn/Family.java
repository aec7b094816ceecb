package threadlings.spawn;

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
            throw new AssertionError("spawnAll(" + count + ", ...) threw " + e + (noArguments
                    ? ". The graders' child exits with " + Reporter.NO_ARGUMENTS + " only when it receives none of"
                            + " its arguments: pass args on to every child, Jvm.command(mainClass, args)."
                    : ", but every child exited with 0: throw IllegalStateException only for a child whose exit"
                            + " code (waitFor()) is not 0."), e);
        }
        if (pids == null || pids.size() != count) {
            throw new AssertionError("spawnAll(" + count + ", ...) must start " + count + " children and return their"
                    + " " + count + " pids, but it returned " + pids + (reports().size() == count ? ""
                    : " (and " + reports().size() + " children ran the graders' main)"));
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
            throw new AssertionError("spawnAll returned " + pids + ", which holds this process's own pid " + self
                    + ": return the pid of each started child, Process.pid()");
        }
        if (pids.stream().distinct().count() != pids.size()) {
            throw new AssertionError("spawnAll returned " + pids + ": a pid appears twice, but each child is a"
                    + " process of its own with a pid of its own. Start a new process for each child");
        }
        Map<Long, Reports.Report> reports = reports();
        List<Long> unknown = pids.stream().filter(p -> !reports.containsKey(p)).collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            throw new AssertionError("spawnAll returned " + pids + ", but the children that ran had the pids "
                    + reports.keySet() + ": " + unknown + " did not run the graders' main. Return the pid of each"
                    + " Process you started (Process.pid())");
        }
        List<Long> extra = reports.keySet().stream().filter(p -> !pids.contains(p)).collect(Collectors.toList());
        if (!extra.isEmpty()) {
            throw new AssertionError("spawnAll returned " + pids + ", but more children ran: " + extra + " too."
                    + " Start exactly count children");
        }
        for (Reports.Report r : reports.values()) {
            if (!r.osParent().equals(Long.toString(self))) {
                throw new AssertionError("child " + r.pid() + " ran with process " + r.osParent() + " as its"
                        + " parent, not this process (" + self + "): start each child JVM directly from this"
                        + " JVM with ProcessBuilder (no shell, no launcher in between)");
            }
        }
    }

    /** Seconds from {@code origin} to {@code t}, for messages: "+1.25 s". */
    static String at(Instant origin, Instant t) {
        return String.format(java.util.Locale.ROOT, "%+.2f s", Duration.between(origin, t).toMillis() / 1000.0);
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
