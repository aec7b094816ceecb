package threadlings.cores;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The promises of one call, for any few threads and any short duration. */
class SaturatePropertiesTest {

    @Property(tries = 10)
    @Label("for 1 to 8 threads and any short duration: one positive count each, on time, every thread finished")
    void anyFewThreadsAnyShortDuration(@ForAll @IntRange(min = 1, max = 8) int threads,
                                       @ForAll @IntRange(min = 50, max = 250) int millis) throws Exception {
        Watch w = Watch.call(threads, Duration.ofMillis(millis), false);
        w.rethrow();
        CallTest.Timing.checkFinished(w);
        CallTest.Timing.checkCounts(w);
        CallTest.Timing.check(w);
    }

    @Property(tries = 10)
    @Label("any number of threads below one is refused with IllegalArgumentException")
    void anyThreadsBelowOneIsRefused(@ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int threads)
            throws Exception {
        CallTest.Timing.checkRefused(threads);
    }
}
