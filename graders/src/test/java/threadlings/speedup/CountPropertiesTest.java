package threadlings.speedup;

import static threadlings.grading.Lang.say;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The count for any limit up to 200,000 and any few threads. */
class CountPropertiesTest {

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    @Label("for any limit up to 200000 and 1 to 8 threads, the count is the number of primes up to the limit")
    void anyLimitAnyThreads(@ForAll @LongRange(min = 0, max = 200_000) long limit,
                            @ForAll @IntRange(min = 1, max = 8) int threads) throws Exception {
        Calls.checkCount(limit, threads, Calls.count(limit, threads));
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    @Label("any negative limit is refused with IllegalArgumentException")
    void anyNegativeLimitIsRefused(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long limit,
                                   @ForAll @IntRange(min = 1, max = 8) int threads) throws Exception {
        CountTest.checkRefused(limit, threads, say("a negative limit", "负数的 limit"));
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    @Label("any number of threads below one is refused with IllegalArgumentException")
    void anyThreadsBelowOneIsRefused(@ForAll @LongRange(min = 0, max = 1000) long limit,
                                     @ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int threads)
            throws Exception {
        CountTest.checkRefused(limit, threads, say("fewer than one thread", "少于一个线程"));
    }
}
