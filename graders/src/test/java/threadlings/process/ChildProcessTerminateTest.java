package threadlings.process;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

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
                boolean aliveAfter = Deadline.call(TERMINATE_LIMIT, say("terminate() on a sleeping child",
                        "对正在睡眠的子进程调用 terminate()"), () -> {
                    child.terminate();
                    return child.isAlive();
                });
                if (aliveAfter) {
                    fail(say("terminate() returned while the child (pid " + pid + ") was still alive: after killing"
                            + " it, wait until it has exited (Process.waitFor()) before returning",
                            "terminate() 返回时子进程（pid " + pid + "）还活着：杀掉它之后，要等到它退出"
                            + "（Process.waitFor()）再返回"));
                }
                if (!Processes.awaitGone(pid, VANISH)) {
                    fail(say("the child (pid " + pid + ") was still running " + Deadline.seconds(VANISH) + " after"
                            + " terminate() returned: kill it (destroyForcibly()) and wait for it",
                            "terminate() 返回 " + Deadline.seconds(VANISH) + "之后，子进程（pid " + pid
                            + "）仍在运行：应杀掉它（destroyForcibly()）并等待它结束"));
                }
                Deadline.call(Duration.ofSeconds(5), say("join() after terminate()", "terminate() 之后调用 join()"),
                        child::join);
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
                Deadline.run(TERMINATE_LIMIT, say("terminate() called with the interrupt flag set",
                        "在中断标志已置位时调用 terminate()"), () -> {
                    Thread.currentThread().interrupt();
                    try {
                        child.terminate();
                    } finally {
                        stillInterrupted[0] = Thread.interrupted();
                    }
                    aliveAfter[0] = child.isAlive();
                });
                if (aliveAfter[0]) {
                    fail(say("terminate(), called by a thread whose interrupt flag was set, returned while the child"
                            + " (pid " + pid + ") was still alive: waitFor() threw InterruptedException at once."
                            + " terminate() has no InterruptedException to throw: keep waiting, and set the"
                            + " interrupt flag again before returning",
                            "由中断标志已置位的线程调用时，terminate() 在子进程（pid " + pid + "）还活着时就返回了："
                            + "waitFor() 立即抛出了 InterruptedException。terminate() 不能抛出 InterruptedException："
                            + "请继续等待，并在返回之前重新设置中断标志"));
                }
                if (!stillInterrupted[0]) {
                    fail(say("terminate() cleared the calling thread's interrupt flag: when you catch"
                            + " InterruptedException and go on waiting, call Thread.currentThread().interrupt()"
                            + " before returning, so the caller still learns it was interrupted",
                            "terminate() 清除了调用线程的中断标志：捕获 InterruptedException 并继续等待时，要在返回"
                            + "之前调用 Thread.currentThread().interrupt()，让调用者仍能知道自己被中断过"));
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
                fail(say("the children did not get to run their main within " + Deadline.seconds(JVM_LIFETIME)
                        + ". Did start() start the child with Jvm.command(mainClass, args)?",
                        "子进程在 " + Deadline.seconds(JVM_LIFETIME) + "内都没能运行到它们的 main。start() 是用"
                        + " Jvm.command(mainClass, args) 启动子进程的吗？"));
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
                long pid = child.pid();
                fail(say("pid() returned " + pid + ", but the child reports its pid as " + pids.get(0),
                        "pid() 返回了 " + pid + "，但子进程报告的 pid 是 " + pids.get(0)));
            }
            Deadline.run(TERMINATE_LIMIT, say("terminate() on a child with " + (generations - 1) + " generation(s)"
                    + " below it", "对下面还有 " + (generations - 1) + " 代后代进程的子进程调用 terminate()"),
                    child::terminate);
            if (child.isAlive()) {
                fail(say("terminate() returned while the child (pid " + pids.get(0) + ") was still alive: after"
                        + " killing it, wait until it has exited before returning",
                        "terminate() 返回时子进程（pid " + pids.get(0) + "）还活着：杀掉它之后，要等到它退出再返回"));
            }
            List<String> survivors = new ArrayList<>();
            for (int generation = 1; generation <= generations; generation++) {
                long pid = pids.get(generation - 1);
                if (!Processes.awaitGone(pid, VANISH)) {
                    survivors.add(say(name(generation) + " (pid " + pid + ")",
                            nameZh(generation) + "（pid " + pid + "）"));
                }
            }
            if (!survivors.isEmpty()) {
                fail(say("the child started a " + name(2) + (generations > 2 ? ", which started a " + name(3) : "")
                        + "; " + Deadline.seconds(VANISH) + " after terminate() returned, still running: "
                        + String.join(", ", survivors) + ". terminate() must kill every descendant, not only the"
                        + " child: collect Process.descendants() (all depths, not only children()) before killing"
                        + " anything, and kill them deepest first, then the child. Once a process has died its own"
                        + " children are adopted by another process and are no longer among anyone's descendants"
                        + " you can find",
                        "子进程启动了一个" + nameZh(2) + (generations > 2 ? "，后者又启动了一个" + nameZh(3) : "")
                        + "；terminate() 返回 " + Deadline.seconds(VANISH) + "之后，仍在运行的有："
                        + String.join("，", survivors) + "。terminate() 必须杀掉所有后代进程，而不只是子进程：在杀掉"
                        + "任何进程之前，先收集 Process.descendants()（所有层级，而不只是 children()），从最深的一代"
                        + "开始杀，最后杀子进程。一个进程死掉之后，它自己的子进程会被另一个进程收养，你就再也无法从"
                        + "任何进程的后代中找到它们了"));
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
                        fail(say("the " + name(generation) + " (pid " + pids.get(generation - 1) + ") stopped"
                                + " before the test called terminate(): the grader cannot check terminate() this way",
                                nameZh(generation) + "（pid " + pids.get(generation - 1) + "）在测试调用 terminate()"
                                + " 之前就停止了：评分程序无法用这种方式检查 terminate()"));
                    }
                }
                return pids;
            }
            if (System.nanoTime() - deadline > 0) {
                fail(say("the child's family did not start within " + Deadline.seconds(JVM_LIFETIME) + ": only "
                        + pids.size() + " of " + generations + " generations reported their pid. Did start() start"
                        + " the child with Jvm.command(mainClass, args)?",
                        "子进程一家没能在 " + Deadline.seconds(JVM_LIFETIME) + "内全部启动：" + generations
                        + " 代进程中只有 " + pids.size() + " 代报告了自己的 pid。start() 是用"
                        + " Jvm.command(mainClass, args) 启动子进程的吗？"));
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

    private static String nameZh(int generation) {
        switch (generation) {
            case 1: return "子进程";
            case 2: return "孙进程";
            case 3: return "曾孙进程";
            default: return "第 " + generation + " 代后代进程";
        }
    }
}
