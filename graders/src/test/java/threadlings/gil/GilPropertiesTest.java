package threadlings.gil;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/** The hand-over for any small interval and any few threads; the constructor for any interval. */
class GilPropertiesTest {

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    @Label("for any interval from 1 to 20 and 2 to 4 threads, the GIL changes hands exactly on every interval-th "
            + "tick, to the longest waiter")
    void anyIntervalAnyThreads(@ForAll @IntRange(min = 1, max = 20) int interval,
                               @ForAll @IntRange(min = 2, max = 4) int threads) throws Exception {
        NotYet.run(() -> {
            Driver d = Driver.run(interval, threads, 3);
            HandOverTest.checkNoOverlap(d);
            HandOverTest.checkInterval(d);
            HandOverTest.checkLongest(d);
        });
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    @Label("any interval below 1 is refused with IllegalArgumentException")
    void anyIntervalBelowOneIsRefused(@ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int interval)
            throws Exception {
        NotYet.run(() -> GilTest.checkRefused(interval));
    }
}
