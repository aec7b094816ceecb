package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the cores, speedup and gil graders publish is read back into numbers, in either language. */
class MeasurementTest {

    private static TestResult published(String status, String message, Map<String, String> entries) {
        return new TestResult("t", "g", status, message, null, null, true, false, entries);
    }

    @Test
    @DisplayName("CpuMeter's summary is read in English and in Chinese, as cores or as gil's processes")
    void cpuMeterSummary() throws Exception {
        CpuMeter.Check check = new CpuMeter.Check(1.234, 1.987, 1.49, 0.75, 2, 1);
        for (String lang : List.of("en", "zh")) {
            String summary = ScoreboardTest.in(lang, check::summary);
            Measurement cores = Measurement.parse("cores", summary, null).orElseThrow(() -> new AssertionError(summary));
            assertEquals(Measurement.Kind.CORES, cores.kind(), summary);
            assertEquals(1.23, cores.value(), summary);
            assertEquals(1.99, cores.capacity(), summary);
            assertEquals(1.49, cores.bound(), summary);
            assertEquals(0.75, cores.share(), summary);
            String entry = String.format(Locale.ROOT, "%d processes, each under its own GIL: %s", 2, summary);
            Measurement gil = Measurement.parse("gil", entry, null).orElseThrow(() -> new AssertionError(entry));
            assertEquals(Measurement.Kind.GIL_PROCESSES, gil.kind(), entry);
            assertEquals(2, gil.n(), entry);
        }
    }

    @Test
    @DisplayName("the GIL threads' entry is read whatever language CpuMeter's usage is in, and its bound with it")
    void gilThreads() throws Exception {
        CpuMeter.Usage used = new CpuMeter.Usage(Duration.ofMillis(400), Duration.ofMillis(736));
        for (String lang : List.of("en", "zh")) {
            String entry = ScoreboardTest.in(lang, () -> String.format(Locale.ROOT, "%d threads under one GIL used %s; "
                    + "on this machine one spinning thread got %.2f cores and %d got %.2f", 2, used, 0.99, 2, 1.97));
            Measurement m = Measurement.parse("gil", entry, null).orElseThrow(() -> new AssertionError(entry));
            assertEquals(Measurement.Kind.GIL_THREADS, m.kind(), entry);
            assertEquals(1.84, m.value(), entry);
            assertEquals(0.99, m.one(), entry);
            assertEquals(1.97, m.capacity(), entry);
            assertEquals(1.4 * 0.99, m.bound(), 1e-9, entry);
            assertTrue(!m.met() && m.boundIsMost(), entry);
            Measurement judged = Measurement.parse("gil", entry, "At most 1.30 cores (1.3 times one spinning thread) "
                    + "was expected").orElseThrow();
            assertEquals(1.30, judged.bound(), entry);
            assertEquals(1.3, judged.share(), entry);
        }
    }

    @Test
    @DisplayName("the speedup entry is read, with the required share from the failure message when there is one")
    void speedup() {
        String entry = "speedup 1.21 with 2 threads, where a known-good split of the same work got 1.90 on this "
                + "machine in the same rounds: 64 % of it (medians of 15 rounds)";
        Measurement m = Measurement.parse("speedup", entry, null).orElseThrow();
        assertEquals(Measurement.Kind.SPEEDUP, m.kind());
        assertEquals(2, m.n());
        assertEquals(1.21, m.value());
        assertEquals(1.90, m.capacity());
        assertEquals(Measurement.SPEEDUP_SHARE * 1.90, m.bound(), 1e-9);
        Measurement failed = Measurement.parse("speedup", entry, "…; at least 80 % was required. Threads…")
                .orElseThrow();
        assertEquals(0.8 * 1.90, failed.bound(), 1e-9);
        assertTrue(!failed.met());
    }

    @Test
    @DisplayName("numbers published as entries are read in any language, and win over a sentence of the same kind")
    void entries() {
        Map<String, String> entries = new java.util.LinkedHashMap<>(Measurement.entries(Measurement.Kind.GIL_THREADS,
                3, 1.02, 2.9, 1.0, 1.4, 1.4));
        entries.put("measured", "3 threads under one GIL used 9.99 cores; on this machine one spinning thread got "
                + "1.00 cores and 3 got 2.90");
        entries.put("GilPropertiesTest:for any interval", "\n  tries = 25 | # of calls to property\n");
        List<Measurement> found = Measurement.of("gil", published("passed", null, entries));
        assertEquals(1, found.size(), found.toString());
        assertEquals(1.02, found.get(0).value());
        assertEquals(3, found.get(0).n());
        assertTrue(found.get(0).met());
        assertEquals(List.of(), Measurement.of("gil", published("passed", null, Map.of("x", "no numbers here"))));
    }

    @Test
    @DisplayName("the bounds the charts assume when a grader does not publish them are the graders' own")
    void boundsMatchTheGraders() throws Exception {
        assertEquals(constant("threadlings.speedup.SpeedupTest", "SHARE"), Measurement.SPEEDUP_SHARE);
        assertEquals(constant("threadlings.gil.ThreadsExperimentTest", "ONE_CORE"), Measurement.GIL_ONE_CORE);
    }

    private static double constant(String className, String field) throws Exception {
        Field f = Class.forName(className).getDeclaredField(field);
        f.setAccessible(true);
        return f.getDouble(null);
    }
}
