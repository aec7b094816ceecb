package threadlings.spawn;

import static org.junit.jupiter.api.Assertions.fail;

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
            fail("currentPid() returned " + got + ", but this process's id is " + self
                    + (got == parentOfThis() ? " (" + got + " is its parent's)" : "")
                    + ": return ProcessHandle.current().pid()");
        }
    }

    @Test
    @DisplayName("parentPid() is the id of this process's parent")
    void parentPidHere() throws Exception {
        long self = ProcessHandle.current().pid();
        long expected = parentOfThis();
        long got = Deadline.call(QUICK, "parentPid()", Spawner::parentPid);
        if (got == self && expected != self) {
            fail("parentPid() returned " + got + ", this process's own pid: it must return the pid of its parent,"
                    + " the process that started it (" + expected + "): ProcessHandle.current().parent()");
        }
        if (got != expected) {
            fail("parentPid() returned " + got + ", but this process's parent is " + expected
                    + ": return the pid of ProcessHandle.current().parent(), or -1 if it is empty");
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
                fail("inside child " + r.pid() + ", Spawner.currentPid() "
                        + (current.startsWith("threw") ? current : "returned " + current
                        + (current.equals(Long.toString(self)) ? ", the parent's pid" : ""))
                        + ": in every process it must return that process's own id, ProcessHandle.current().pid()");
            }
            String parent = r.parentPid();
            if (!parent.equals(Long.toString(self))) {
                String what = parent.startsWith("threw") ? parent : "returned " + parent;
                String why = parent.equals(Long.toString(r.pid()))
                        ? ", its own pid: parentPid() must return the pid of the process's parent,"
                                + " ProcessHandle.current().parent(), not of the process itself"
                        : ": it must return the pid of the process that started the child, ProcessHandle.current()"
                                + ".parent()";
                fail("child " + r.pid() + " was started by this process (" + self + "), but inside it"
                        + " Spawner.parentPid() " + what + why);
            }
        }
    }

    private static long parentOfThis() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }
}
