package threadlings.gil;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;
import static threadlings.grading.Lang.sayf;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * tick()'s hand-over, judged one tick at a time: the graders' own threads drive a Gil (see {@link Driver}) and
 * record who holds it after every call. How much each thread ran over a whole run cannot tell a real hand-over
 * from a lock released and at once taken back (measured here: four threads under such a lock got about equal
 * shares), so every single hand-over is checked instead.
 */
@ExtendWith(NotYet.class)
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
            fail(say("With " + d.setting() + ", " + p.text() + ". acquire() must wait while another thread holds the "
                    + "GIL, and tick() must not return while another thread holds it.",
                    "在 " + d.setting() + " 时，" + p.text() + "。另一个线程持有 GIL 时，acquire() 必须等待；tick() 也"
                            + "不能在另一个线程持有 GIL 时返回。") + d.timeline(p.at()));
        }
    }

    static void checkHandsOver(Driver d) {
        Driver.Problem p = d.wrongTurn(true, false, false);
        if (p == null) {
            return;
        }
        List<long[]> points = d.handOverPoints();
        long kept = points.stream().filter(x -> x[1] == 0).count();
        fail(sayf("With %s, %s. That happened at %d of the %d interval-th ticks that found a "
                        + "thread waiting. On those ticks, tick() must let the thread that has waited longest run "
                        + "before it takes the GIL back; otherwise the others wait far longer than the interval, or "
                        + "for ever. Releasing a lock and at once locking it again is not enough: an unfair lock "
                        + "(new ReentrantLock(), or synchronized) lets the thread that just released it take it "
                        + "straight back, before the woken waiter even gets to run. Use a fair lock (new "
                        + "ReentrantLock(true)), whose waiters queue up in order, or hand the GIL over explicitly.%s%s",
                "在 %s 时，%s。这种情况发生了 %d 次（有线程在等待、又是 interval 整数倍的 tick 共 %d 次）。在这些 tick"
                        + " 上，tick() 必须先让等得最久的线程运行，然后才能把 GIL 拿回来；否则其他线程要等的时间会远远"
                        + "超过 interval，甚至永远等下去。释放一把锁、又立刻重新加锁是不够的：不公平的锁（new"
                        + " ReentrantLock() 或 synchronized）会让刚释放它的线程直接把它抢回来，被唤醒的等待线程根本"
                        + "来不及运行。请用公平锁（new ReentrantLock(true)），它的等待线程按先后排队；或者显式地把 GIL"
                        + " 交出去。%s%s",
                d.setting(), p.text(), kept, points.size(), d.keptHow(), d.timeline(p.at())));
    }

    static void checkInterval(Driver d) {
        Driver.Problem p = d.wrongTurn(true, true, false);
        if (p == null) {
            return;
        }
        List<Long> at = d.handOvers();
        String seen = at.isEmpty() ? say("the GIL never changed hands in " + d.totalTicks + " ticks",
                "在 " + d.totalTicks + " 次 tick 中，GIL 一次也没有换手")
                : say("the GIL changed hands after ticks " + list(at) + " of " + d.totalTicks,
                "在 " + d.totalTicks + " 次 tick 中，GIL 在以下几次之后换了手：" + list(at));
        fail(sayf("With %s and another thread always waiting, %s; expected after ticks %s, "
                        + "exactly every %d. First wrong turn: %s. tick() must count its calls and hand over when "
                        + "the count reaches the interval given to the constructor (and again %d calls later), and "
                        + "never in between.%s",
                "在 %s、且总有另一个线程在等待时，%s；应当在第 %s 次 tick 之后换手，恰好每 %d 次一次。第一次出错：%s。"
                        + "tick() 必须数自己被调用了多少次，在次数达到传给构造器的 interval 时交接（再过 %d 次再交接"
                        + "一次），中间任何时候都不交接。%s",
                d.setting(), seen, expected(d), d.interval, p.text(), d.interval, d.timeline(p.at())));
    }

    static void checkLongest(Driver d) {
        Driver.Problem p = d.wrongTurn(true, false, true);
        if (p != null) {
            fail(sayf("With %s, %s. The GIL must go to the thread that has waited longest, "
                            + "or a thread can be passed over again and again: keep the waiting threads in the "
                            + "order they arrived (a fair lock, new ReentrantLock(true), does that).%s",
                    "在 %s 时，%s。GIL 必须交给等得最久的线程，否则某个线程可能一次又一次地被跳过：让等待的线程按到达"
                            + "的先后排队（公平锁 new ReentrantLock(true) 就是这样做的）。%s",
                    d.setting(), p.text(), d.timeline(p.at())));
        }
    }

    private static String expected(Driver d) {
        StringBuilder b = new StringBuilder();
        for (long k = d.interval; k <= Math.min(d.totalTicks, 5L * d.interval); k += d.interval) {
            b.append(b.length() == 0 ? "" : say(", ", "、")).append(k);
        }
        return b + say(", ...", "……");
    }

    private static String list(List<Long> at) {
        String s = at.stream().limit(8).map(String::valueOf).collect(Collectors.joining(say(", ", "、")));
        return at.size() > 8 ? s + say(", ... (" + at.size() + " in all)", "……（一共 " + at.size() + " 次）") : s;
    }
}
