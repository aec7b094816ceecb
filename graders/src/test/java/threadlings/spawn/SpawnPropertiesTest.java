package threadlings.spawn;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/** spawnAll for any number of children from 1 to 8, with any arguments. */
class SpawnPropertiesTest {

    /**
     * The characters generated arguments are made of: printable ASCII, less the few that do not survive a
     * command line on every OS. On Windows a command line is one string that the child splits again, and Java
     * refuses or mangles arguments with {@code "} (and a {@code \} before it); the java launcher may expand
     * {@code *}, {@code ?} and {@code @file}. Beyond ASCII, a child's arguments are decoded with the platform's
     * encoding, which is not UTF-8 everywhere (a C locale, a Windows code page), so non-ASCII text would not come
     * back as it was sent, whatever the student does. Empty arguments are left out too, to stay clear of Windows
     * quoting altogether.
     */
    private static final String SAFE = " !#$%&'()+,-./0123456789:;<=>ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~";

    @Provide
    Arbitrary<List<String>> arguments() {
        return Arbitraries.strings().withChars(SAFE.toCharArray()).ofMinLength(1).ofMaxLength(16)
                .list().ofMaxSize(4);
    }

    @Property(tries = 5, shrinking = ShrinkingMode.OFF)
    @Label("for any count from 1 to 8 and any arguments, every child runs with them, knows its pid and ours")
    void anyCountAnyArguments(@ForAll @IntRange(min = 1, max = 8) int count,
                              @ForAll("arguments") List<String> args) throws Exception {
        try (Family family = new Family()) {
            List<Long> pids = family.spawn(count, "quick", args, Family.SPAWN_LIMIT);
            family.checkPids(pids);
            SpawnAllTest.checkArguments(family.reports(), args);
            PidTest.checkWhatChildrenSaw(family.reports());
        }
    }
}
