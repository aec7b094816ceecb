package threadlings.spawn;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import threadlings.grading.Deadline;

/** currentPid() and parentPid(), asked in this JVM and inside children that spawnAll started. */
class PidTest {

    private static final Duration QUICK = Duration.ofSeconds(5);

    @Test
    @DisplayName("currentPid() is the id of this process")
    void currentPidHere() throws Exception {
        long self = ProcessHandle.current().pid();
        long got = Deadline.call(QUICK, "currentPid()", Spawner::currentPid);
        if (got != self) {
            boolean parents = got == parentOfThis();
            fail(say("currentPid() returned " + got + ", but this process's id is " + self
                    + (parents ? " (" + got + " is its parent's)" : "")
                    + ": return ProcessHandle.current().pid()",
                    "currentPid() 返回了 " + got + "，但本进程的 id 是 " + self
                    + (parents ? "（" + got + " 是它父进程的 id）" : "")
                    + "：应返回 ProcessHandle.current().pid()"));
        }
    }

    @Test
    @DisplayName("parentPid() is the id of this process's parent")
    void parentPidHere() throws Exception {
        long self = ProcessHandle.current().pid();
        long expected = parentOfThis();
        long got = Deadline.call(QUICK, "parentPid()", Spawner::parentPid);
        if (got == self && expected != self) {
            fail(say("parentPid() returned " + got + ", this process's own pid: it must return the pid of its parent,"
                    + " the process that started it (" + expected + "): ProcessHandle.current().parent()",
                    "parentPid() 返回了 " + got + "，这是本进程自己的 pid：它应当返回父进程（即启动本进程的进程，"
                    + expected + "）的 pid：ProcessHandle.current().parent()"));
        }
        if (got != expected) {
            fail(say("parentPid() returned " + got + ", but this process's parent is " + expected
                    + ": return the pid of ProcessHandle.current().parent(), or -1 if it is empty",
                    "parentPid() 返回了 " + got + "，但本进程的父进程是 " + expected
                    + "：应返回 ProcessHandle.current().parent() 的 pid；它为空时返回 -1"));
        }
    }

    @Test
    @DisplayName("each child sees its own pid through currentPid() and this process through parentPid()")
    void childrenSeeThemselvesAndUs() throws Exception {
        try (Family family = new Family()) {
            List<Long> pids = family.spawn(2, "quick", List.of(), Family.SPAWN_LIMIT);
            family.checkPids(pids);
            checkWhatChildrenSaw(family.reports());
        }
    }

    /** Each child's own answers: currentPid() is its pid, parentPid() is this process. */
    static void checkWhatChildrenSaw(Map<Long, Reports.Report> reports) {
        long self = ProcessHandle.current().pid();
        for (Reports.Report r : reports.values()) {
            String current = r.currentPid();
            if (!current.equals(Long.toString(r.pid()))) {
                boolean threw = current.startsWith("threw");
                boolean parents = current.equals(Long.toString(self));
                fail(say("inside child " + r.pid() + ", Spawner.currentPid() "
                        + (threw ? current : "returned " + current
                        + (parents ? ", the parent's pid" : ""))
                        + ": in every process it must return that process's own id, ProcessHandle.current().pid()",
                        "在子进程 " + r.pid() + " 里，Spawner.currentPid() "
                        + (threw ? threwZh(current) : "返回了 " + current + (parents ? "，这是父进程的 pid" : ""))
                        + "：无论在哪个进程里，它都应返回该进程自己的 id，即 ProcessHandle.current().pid()"));
            }
            String parent = r.parentPid();
            if (!parent.equals(Long.toString(self))) {
                String what = parent.startsWith("threw")
                        ? say(parent, threwZh(parent)) : say("returned " + parent, "返回了 " + parent);
                String why = parent.equals(Long.toString(r.pid()))
                        ? say(", its own pid: parentPid() must return the pid of the process's parent,"
                                + " ProcessHandle.current().parent(), not of the process itself",
                                "，这是该子进程自己的 pid：parentPid() 应返回进程的父进程的 pid"
                                + "（ProcessHandle.current().parent()），而不是进程自己的")
                        : say(": it must return the pid of the process that started the child, ProcessHandle.current()"
                                + ".parent()",
                                "：它应返回启动该子进程的那个进程的 pid，即 ProcessHandle.current().parent()");
                fail(say("child " + r.pid() + " was started by this process (" + self + "), but inside it"
                        + " Spawner.parentPid() " + what + why,
                        "子进程 " + r.pid() + " 是由本进程（" + self + "）启动的，但在它里面 Spawner.parentPid() "
                        + what + why));
            }
        }
    }

    /** A child's "threw …" (see {@link Reporter}) in Chinese: the child writes it in English. */
    static String threwZh(String answer) {
        return answer.startsWith("threw ") ? "抛出了 " + answer.substring("threw ".length()) : answer;
    }

    private static long parentOfThis() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }
}
