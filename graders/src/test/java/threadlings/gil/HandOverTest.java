package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * tick()'s hand-over, judged one tick at a time: the graders' own threads drive a Gil (see {@link Driver}) and
 * record who holds it after every call. How much each thread ran over a whole run cannot tell a real hand-over
 * from a lock released and at once taken back (measured here: four threads under such a lock got about equal
 * shares), so every single hand-over is checked instead.
 */
class HandOverTest {

    @Test
    @DisplayName("on every interval-th tick with a thread waiting, the GIL goes to a waiting thread")
    void onEveryIntervalThTickTheGilGoesToAWaitingThread() throws Exception {
        Driver d = Driver.run(100, 2, 12);
        checkNoOverlap(d);
        checkHandsOver(d);
    }

    @Test
    @DisplayName("it hands over on every interval-th tick, and on no other")
    void itHandsOverOnEveryIntervalThTickAndOnNoOther() throws Exception {
        for (int[] setting : new int[][] {{7, 3, 12}, {1, 2, 10}, {3, 2, 10}}) {
            Driver d = Driver.run(setting[0], setting[1], setting[2]);
            checkNoOverlap(d);
            checkInterval(d);
        }
    }

    @Test
    @DisplayName("the GIL goes to the thread that has waited longest")
    void theGilGoesToTheThreadThatHasWaitedLongest() throws Exception {
        Driver d = Driver.run(5, 3, 10);
        checkNoOverlap(d);
        checkLongest(d);
    }

    static void checkNoOverlap(Driver d) {
        Driver.Problem p = d.overlap();
        if (p != null) {
            fail("With " + d.setting() + ", " + p.text() + ". acquire() must wait while another thread holds the "
                    + "GIL, and tick() must not return while another thread holds it." + d.timeline(p.at()));
        }
    }

    static void checkHandsOver(Driver d) {
        Driver.Problem p = d.wrongTurn(true, false, false);
        if (p == null) {
            return;
        }
        List<long[]> points = d.handOverPoints();
        long kept = points.stream().filter(x -> x[1] == 0).count();
        fail(String.format(Locale.ROOT, "With %s, %s. That happened at %d of the %d interval-th ticks that found a "
                        + "thread waiting. On those ticks, tick() must let the thread that has waited longest run "
                        + "before it takes the GIL back; otherwise the others wait far longer than the interval, or "
                        + "for ever. Releasing a lock and at once locking it again is not enough: an unfair lock "
                        + "(new ReentrantLock(), or synchronized) lets the thread that just released it take it "
                        + "straight back, before the woken waiter even gets to run. Use a fair lock (new "
                        + "ReentrantLock(true)), whose waiters queue up in order, or hand the GIL over explicitly.%s%s",
                d.setting(), p.text(), kept, points.size(), d.keptHow(), d.timeline(p.at())));
    }

    static void checkInterval(Driver d) {
        Driver.Problem p = d.wrongTurn(true, true, false);
        if (p == null) {
            return;
        }
        List<Long> at = d.handOvers();
        String seen = at.isEmpty() ? "the GIL never changed hands in " + d.totalTicks + " ticks"
                : "the GIL changed hands after ticks " + list(at) + " of " + d.totalTicks;
        fail(String.format(Locale.ROOT, "With %s and another thread always waiting, %s; expected after ticks %s, "
                        + "exactly every %d. First wrong turn: %s. tick() must count its calls and hand over when "
                        + "the count reaches the interval given to the constructor (and again %d calls later), and "
                        + "never in between.%s",
                d.setting(), seen, expected(d), d.interval, p.text(), d.interval, d.timeline(p.at())));
    }

    static void checkLongest(Driver d) {
        Driver.Problem p = d.wrongTurn(true, false, true);
        if (p != null) {
            fail(String.format(Locale.ROOT, "With %s, %s. The GIL must go to the thread that has waited longest, "
                            + "or a thread can be passed over again and again: keep the waiting threads in the "
                            + "order they arrived (a fair lock, new ReentrantLock(true), does that).%s",
                    d.setting(), p.text(), d.timeline(p.at())));
        }
    }

    private static String expected(Driver d) {
        StringBuilder b = new StringBuilder();
        for (long k = d.interval; k <= Math.min(d.totalTicks, 5L * d.interval); k += d.interval) {
            b.append(b.length() == 0 ? "" : ", ").append(k);
        }
        return b + ", ...";
    }

    private static String list(List<Long> at) {
        String s = at.stream().limit(8).map(String::valueOf).collect(Collectors.joining(", "));
        return at.size() > 8 ? s + ", ... (" + at.size() + " in all)" : s;
    }
}
