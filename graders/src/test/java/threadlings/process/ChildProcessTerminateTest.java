package threadlings.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;
import threadlings.grading.Processes;

/** terminate(): the child and everything it started stop, and the call returns once the child has exited. */
class ChildProcessTerminateTest {

    private static final Duration JVM_LIFETIME = Duration.ofSeconds(15);
    /** How long terminate() may take: killing is quick, this only allows for a busy machine. */
    private static final Duration TERMINATE_LIMIT = Duration.ofSeconds(10);
    /** How long a killed descendant may still be seen running (a killed grandchild is reaped by someone else). */
    private static final Duration VANISH = Duration.ofSeconds(5);

    /**
     * How many children the checks "terminate() returns only once the child has exited" kill in turn. A terminate()
     * that does not wait returns while a killed child is still dying, but a child may now and then die faster than
     * the caller gets to look: one child could let that mistake pass, three in a row do not.
     */
    private static final int ROUNDS = 3;

    @Test
    @DisplayName("terminate() kills the child and returns once it has exited")
    void terminateKillsTheChild() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            List<ChildProcess> children = startSleepers(cleanup);
            for (ChildProcess child : children) {
                long pid = child.pid();
                boolean aliveAfter = Deadline.call(TERMINATE_LIMIT, "terminate() on a sleeping child", () -> {
                    child.terminate();
                    return child.isAlive();
                });
                if (aliveAfter) {
                    fail("terminate() returned while the child (pid " + pid + ") was still alive: after killing it,"
                            + " wait until it has exited (Process.waitFor()) before returning");
                }
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail("the child (pid " + pid + ") was still running " + Deadline.seconds(VANISH) + " after"
                            + " terminate() returned: kill it (destroyForcibly()) and wait for it");
                }
                Deadline.call(Duration.ofSeconds(5), "join() after terminate()", child::join);
            }
        }
    }

    @Test
    @DisplayName("terminate() waits for the exit even when the calling thread is interrupted")
    void terminateWhileInterrupted() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            for (ChildProcess child : startSleepers(cleanup)) {
                long pid = child.pid();
                boolean[] stillInterrupted = new boolean[1];
                boolean[] aliveAfter = new boolean[1];
                Deadline.run(TERMINATE_LIMIT, "terminate() called with the interrupt flag set", () -> {
                    Thread.currentThread().interrupt();
                    try {
                        child.terminate();
                    } finally {
                        stillInterrupted[0] = Thread.interrupted();
                    }
                    aliveAfter[0] = child.isAlive();
                });
                if (aliveAfter[0]) {
                    fail("terminate(), called by a thread whose interrupt flag was set, returned while the child"
                            + " (pid " + pid + ") was still alive: waitFor() threw InterruptedException at once."
                            + " terminate() has no InterruptedException to throw: keep waiting, and set the"
                            + " interrupt flag again before returning");
                }
                if (!stillInterrupted[0]) {
                    fail("terminate() cleared the calling thread's interrupt flag: when you catch"
                            + " InterruptedException and go on waiting, call Thread.currentThread().interrupt()"
                            + " before returning, so the caller still learns it was interrupted");
                }
            }
        }
    }

    /**
     * {@link #ROUNDS} sleeping children, started together, returned once each is up and running its main (a JVM
     * killed while still starting dies faster than one that runs, and the checks want the usual case).
     */
    private static List<ChildProcess> startSleepers(Cleanup cleanup) throws Exception {
        Path dir = cleanup.tempDir();
        List<ChildProcess> children = new ArrayList<>();
        List<Path> ready = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            ready.add(dir.resolve("ready-" + i));
            ChildProcess child = new ChildProcess(Sleeper.class, "30000", ready.get(i).toString());
            child.start();
            children.add(child);
        }
        long deadline = System.nanoTime() + JVM_LIFETIME.toNanos();
        while (!ready.stream().allMatch(Files::exists)) {
            if (System.nanoTime() - deadline > 0) {
                fail("the children did not get to run their main within " + Deadline.seconds(JVM_LIFETIME)
                        + ". Did start() start the child with Jvm.command(mainClass, args)?");
            }
            Thread.sleep(10);
        }
        return children;
    }

    @Test
    @DisplayName("terminate() kills the grandchild too")
    void terminateKillsTheGrandchild() throws Exception {
        terminateFamily(2);
    }

    @Test
    @DisplayName("terminate() kills descendants at every depth")
    void terminateKillsEveryGeneration() throws Exception {
        terminateFamily(3);
    }

    /** A child that starts {@code generations - 1} more generations below it, all of which must die. */
    private static void terminateFamily(int generations) throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            Path dir = cleanup.tempDir();
            cleanup.pidFilesIn(dir);
            ChildProcess child = new ChildProcess(FamilyMember.class, "1", String.valueOf(generations), dir.toString());
            child.start();
            List<Long> pids = awaitFamily(dir, generations);
            if (child.pid() != pids.get(0)) {
                fail("pid() returned " + child.pid() + ", but the child reports its pid as " + pids.get(0));
            }
            Deadline.run(TERMINATE_LIMIT, "terminate() on a child with " + (generations - 1) + " generation(s) below"
                    + " it", child::terminate);
            if (child.isAlive()) {
                fail("terminate() returned while the child (pid " + pids.get(0) + ") was still alive: after killing"
                        + " it, wait until it has exited before returning");
            }
            List<String> survivors = new ArrayList<>();
            for (int generation = 1; generation <= generations; generation++) {
                long pid = pids.get(generation - 1);
                if (!Processes.awaitGone(pid, VANISH)) {
                    survivors.add(name(generation) + " (pid " + pid + ")");
                }
            }
            if (!survivors.isEmpty()) {
                fail("the child started a " + name(2) + (generations > 2 ? ", which started a " + name(3) : "")
                        + "; " + Deadline.seconds(VANISH) + " after terminate() returned, still running: "
                        + String.join(", ", survivors) + ". terminate() must kill every descendant, not only the"
                        + " child: collect Process.descendants() (all depths, not only children()) before killing"
                        + " anything, and kill them deepest first, then the child. Once a process has died its own"
                        + " children are adopted by another process and are no longer among anyone's descendants"
                        + " you can find");
            }
        }
    }

    /** Waits until each generation has written its pid, and returns them, child first. */
    private static List<Long> awaitFamily(Path dir, int generations) throws InterruptedException {
        long deadline = System.nanoTime() + JVM_LIFETIME.toNanos();
        while (true) {
            List<Long> pids = new ArrayList<>();
            for (int generation = 1; generation <= generations; generation++) {
                Path file = FamilyMember.pidFile(dir, generation);
                try {
                    pids.add(Long.parseLong(Files.readString(file).trim()));
                } catch (java.io.IOException | NumberFormatException e) {
                    break;
                }
            }
            if (pids.size() == generations) {
                for (int generation = 1; generation <= generations; generation++) {
                    if (!Processes.isRunning(pids.get(generation - 1))) {
                        fail("the " + name(generation) + " (pid " + pids.get(generation - 1) + ") stopped before"
                                + " the test called terminate(): the grader cannot check terminate() this way");
                    }
                }
                return pids;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("the child's family did not start within " + Deadline.seconds(JVM_LIFETIME) + ": only "
                        + pids.size() + " of " + generations + " generations reported their pid. Did start() start"
                        + " the child with Jvm.command(mainClass, args)?");
            }
            Thread.sleep(20);
        }
    }

    private static String name(int generation) {
        switch (generation) {
            case 1: return "child";
            case 2: return "grandchild";
            default: return "great-".repeat(generation - 2) + "grandchild";
        }
    }
}
