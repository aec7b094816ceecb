package threadlings.threads;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The same checks as the tests, over many names (any well-formed Unicode, the empty name too) and step counts.
 * Every call into the student's code runs with a time limit ({@link Calls}).
 */
class ThreadsPropertiesTest {

    /** Any well-formed Unicode string of up to 16 code points: no unpaired surrogates. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
        return codePoints.list().ofMaxSize(16).map(cps -> {
            StringBuilder b = new StringBuilder();
            cps.forEach(b::appendCodePoint);
            return b.toString();
        });
    }

    @Property(tries = 30)
    @Label("for any name, startNamed runs the body on a new thread of that name, and returns it")
    void startNamedAnyName(@ForAll("names") String name) throws Exception {
        StartNamedTest.Check.startNamed(name, "the grader's calling thread");
    }

    @Property(tries = 30)
    @Label("for any name and step count, loop returns exactly its steps' records, in order")
    void loopAnyNameAndCount(@ForAll("names") String name, @ForAll @IntRange(min = 0, max = 300) int n)
            throws Exception {
        String caller = "caller of " + name;
        LoopTest.Check.loop(name, n, caller);
    }

    @Property(tries = 30)
    @Label("for any name, currentName() on a thread of that name returns it")
    void currentNameAnyName(@ForAll("names") String name) throws Exception {
        CurrentNameTest.Check.currentName(name);
    }

    @Property(tries = 20)
    @Label("any negative step count is refused with IllegalArgumentException")
    void negativeCountsRefused(@ForAll @IntRange(min = Integer.MIN_VALUE, max = -1) int n) throws Exception {
        LoopTest.Check.refused(n);
    }
}
