package threadlings.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CPU or speedup measurement that a grader published ({@code TestReporter.publishEntry}, kept in
 * {@link TestResult#measured()}), read back into numbers: what the student's code reached, what the machine could
 * give right then, and the bound it was judged by. The scoreboard and {@code report.html} show these.
 *
 * <p>The graders publish sentences, not numbers: {@link #parse} reads the ones the {@code cores}, {@code speedup}
 * and {@code gil} graders write today. A sentence it does not recognise is simply not charted (its text is still
 * shown with the test), so a grader rewording its entry costs a chart, never a verdict.
 *
 * @param kind     what was measured
 * @param n        threads or processes the code ran (0 where the entry does not say)
 * @param value    what the student's code reached: cores of CPU, or a speedup
 * @param capacity what a known-good load reached on this machine in the same run (cores, or a speedup)
 * @param one      for {@link Kind#GIL_THREADS}: the cores one spinning thread got; else 0
 * @param bound    the bound the value was judged by: a least value, or for {@link Kind#GIL_THREADS} a most
 * @param share    how the bound was set: a share of the capacity, or for {@link Kind#GIL_THREADS} a multiple of
 *                 {@code one}
 * @param text     the published entry, as written
 */
public record Measurement(Kind kind, int n, double value, double capacity, double one, double bound, double share,
                          String text) {

    /** What a measurement is of. */
    public enum Kind {
        /** {@code cores}: the cores {@code saturate} kept busy, against spinning threads. */
        CORES,
        /** {@code speedup}: how much sooner {@code count} finished with a thread per core, against a known-good split. */
        SPEEDUP,
        /** {@code gil}: the cores n interpreter threads under one GIL used (at most about one). */
        GIL_THREADS,
        /** {@code gil}: the cores n interpreter processes, each with its own GIL, used (about n). */
        GIL_PROCESSES
    }

    /**
     * The share of the known-good speedup that {@code SpeedupTest} requires. It publishes this only in its failure
     * message, which {@link #parse} reads when there is one; this stands in when the test passed or was skipped.
     * HtmlReportTest checks that it still matches the grader's constant.
     */
    static final double SPEEDUP_SHARE = 0.7;
    /**
     * How many times one spinning thread's CPU the threads under one GIL may use ({@code ThreadsExperimentTest}),
     * published only in its failure message; the same holds as for {@link #SPEEDUP_SHARE}.
     */
    static final double GIL_ONE_CORE = 1.4;

    private static final String NUM = "(\\d+(?:\\.\\d+)?)";
    /** CpuMeter.Check.summary(): "measured 1.02 cores, capacity 1.97, required 1.48 (75 % of capacity)". */
    private static final Pattern CHECK = Pattern.compile("measured " + NUM + " cores, capacity " + NUM + ", required "
            + NUM + " \\(" + NUM + " % of capacity\\)");
    /** The same in Chinese: "实测 1.02 个核心，机器可提供 1.97 个，要求至少 1.48 个（可提供量的 75 %）". */
    private static final Pattern CHECK_ZH = Pattern.compile("实测 " + NUM + " 个核心，机器可提供 " + NUM + " 个，要求至少 "
            + NUM + " 个（可提供量的 " + NUM + " %）");
    /** The count in front of ProcessesExperimentTest's entry: "2 processes, each under its own GIL: …". */
    private static final Pattern LEADING_COUNT = Pattern.compile("^(\\d+)\\D");
    private static final Pattern SPEEDUP = Pattern.compile("^speedup " + NUM + " with (\\d+) threads, where a "
            + "known-good split of the same work got " + NUM + "\\b");
    private static final Pattern SPEEDUP_REQUIRED = Pattern.compile("at least " + NUM + " % was required");
    /** ThreadsExperimentTest: "2 threads under one GIL used 0.98 cores (…); on this machine one spinning thread
     * got 1.00 cores and 2 got 1.98" (the part in brackets is CpuMeter.Usage's, in the run's language). */
    private static final Pattern GIL_THREADS = Pattern.compile("^(\\d+) threads under one GIL used " + NUM
            + "\\D.*one spinning thread got " + NUM + " cores and (\\d+) got " + NUM, Pattern.DOTALL);
    private static final Pattern GIL_THREADS_ALLOWED = Pattern.compile("At most " + NUM + " cores \\(" + NUM
            + " times one spinning thread\\)");

    /** A measurement's kind as it names its entries ({@link #entries}): cores, speedup, gil-threads, gil-processes. */
    public static String key(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A measurement as entries a grader can publish ({@code reporter.publishEntry(Measurement.entries(…))}): the
     * numbers under keys such as {@code gil-threads.value}, which read back the same in any language, where a
     * sentence must be parsed.
     */
    public static Map<String, String> entries(Kind kind, int n, double value, double capacity, double one,
                                              double bound, double share) {
        String k = key(kind);
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k + ".n", Integer.toString(n));
        m.put(k + ".value", Double.toString(value));
        m.put(k + ".capacity", Double.toString(capacity));
        m.put(k + ".one", Double.toString(one));
        m.put(k + ".bound", Double.toString(bound));
        m.put(k + ".share", Double.toString(share));
        return m;
    }

    /** True when the value is on the right side of its bound. */
    public boolean met() {
        return kind == Kind.GIL_THREADS ? value <= bound : value >= bound;
    }

    /** True when the bound is a most (threads under one GIL), false when it is a least. */
    public boolean boundIsMost() {
        return kind == Kind.GIL_THREADS;
    }

    /** True when the value is a number of cores (100 % of CPU each), false for a speedup. */
    public boolean inCores() {
        return kind != Kind.SPEEDUP;
    }

    /**
     * The measurement a published sentence of a {@code topic}'s test holds, if any; {@code failure} (the test's
     * message, may be null) supplies a bound the sentence leaves out.
     */
    public static Optional<Measurement> parse(String topic, String entry, String failure) {
        if (entry == null) {
            return Optional.empty();
        }
        String text = entry.strip();
        try {
            Matcher m = GIL_THREADS.matcher(text);
            if (m.find()) {
                double one = num(m.group(3));
                double share = GIL_ONE_CORE;
                double bound = share * one;
                Matcher allowed = failure == null ? null : GIL_THREADS_ALLOWED.matcher(failure);
                if (allowed != null && allowed.find()) {
                    bound = num(allowed.group(1));
                    share = num(allowed.group(2));
                }
                return Optional.of(new Measurement(Kind.GIL_THREADS, Integer.parseInt(m.group(1)), num(m.group(2)),
                        num(m.group(5)), one, bound, share, text));
            }
            m = SPEEDUP.matcher(text);
            if (m.find()) {
                double possible = num(m.group(3));
                double share = SPEEDUP_SHARE;
                Matcher required = failure == null ? null : SPEEDUP_REQUIRED.matcher(failure);
                if (required != null && required.find()) {
                    share = num(required.group(1)) / 100;
                }
                return Optional.of(new Measurement(Kind.SPEEDUP, Integer.parseInt(m.group(2)), num(m.group(1)),
                        possible, 0, share * possible, share, text));
            }
            m = CHECK.matcher(text);
            if (!m.find()) {
                m = CHECK_ZH.matcher(text);
                if (!m.find()) {
                    return Optional.empty();
                }
            }
            // The same summary serves cores (saturate's threads) and gil (the processes, after their count).
            Matcher count = LEADING_COUNT.matcher(text);
            boolean gil = "gil".equals(topic) || (topic == null && text.contains("GIL"));
            return Optional.of(new Measurement(gil ? Kind.GIL_PROCESSES : Kind.CORES,
                    gil && count.find() ? Integer.parseInt(count.group(1)) : 0, num(m.group(1)), num(m.group(2)), 0,
                    num(m.group(3)), num(m.group(4)) / 100, text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The measurements a test of {@code topic} published, as numbers ({@link #entries}) or as sentences. */
    public static List<Measurement> of(String topic, TestResult test) {
        List<Measurement> found = new ArrayList<>();
        Map<String, String> entries = test.measured();
        for (Kind kind : Kind.values()) {
            String k = key(kind);
            if (entries.containsKey(k + ".value")) {
                try {
                    found.add(new Measurement(kind, (int) number(entries, k + ".n"), number(entries, k + ".value"),
                            number(entries, k + ".capacity"), number(entries, k + ".one"),
                            number(entries, k + ".bound"), number(entries, k + ".share"), ""));
                } catch (NumberFormatException e) {
                    // Not numbers after all: the sentences, if any, still count.
                }
            }
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey().contains(".")) {
                continue;
            }
            parse(topic, e.getValue(), test.message()).filter(m -> found.stream().noneMatch(f -> f.kind() == m.kind()))
                    .ifPresent(found::add);
        }
        return found;
    }

    private static double number(Map<String, String> entries, String key) {
        String v = entries.get(key);
        return v == null ? 0 : Double.parseDouble(v.strip());
    }

    /** The first measurement of the given kind among a topic's tests, with the test that published it. */
    public static Optional<Found> find(TopicResult topic, Kind kind) {
        for (TestResult t : topic.tests()) {
            for (Measurement m : of(topic.topic().id(), t)) {
                if (m.kind() == kind) {
                    return Optional.of(new Found(t, m));
                }
            }
        }
        return Optional.empty();
    }

    /** Every measurement of a topic, with the test that published it, in test order. */
    public static List<Found> all(TopicResult topic) {
        List<Found> found = new ArrayList<>();
        for (TestResult t : topic.tests()) {
            for (Measurement m : of(topic.topic().id(), t)) {
                found.add(new Found(t, m));
            }
        }
        return found;
    }

    /** A measurement and the test that published it (whose status says whether it was judged). */
    public record Found(TestResult test, Measurement measurement) {
    }

    /** "1.95 cores" / "1.21×", as a student reads it. */
    public String format(double v) {
        return inCores() ? String.format(Locale.ROOT, "%.2f", v) + Lang.say(" cores", " 核") : String.format(Locale.ROOT,
                "%.2f×", v);
    }

    /** CPU as top shows it: "195 %" for 1.95 cores. */
    public static String percent(double cores) {
        return String.format(Locale.ROOT, "%.0f %%", cores * 100);
    }

    /**
     * One line: what was measured and what was required, with where the requirement comes from. For example
     * "measured 0.66 cores; required at least 0.39 (75 % of the 0.53 cores spinning threads got here just then)".
     */
    public String describe() {
        // Positional arguments: each language puts the same numbers in its own order.
        switch (kind) {
            case CORES:
                return Lang.sayf("measured %1$s; required at least %2$s (%3$.0f %% of the %4$s that one spinning "
                                + "thread per core got on this machine just then)",
                        "测得 %1$s；要求至少 %2$s（本机当时每核一个空转线程共得到 %4$s，要求其 %3$.0f %%）",
                        format(value), format(bound), share * 100, format(capacity));
            case SPEEDUP:
                return Lang.sayf("speedup %1$s with %2$d threads; required at least %3$s (%4$.0f %% of the %5$s a "
                                + "known-good split got on this machine in the same rounds)",
                        "%2$d 个线程的加速比为 %1$s；要求至少 %3$s（同几轮中已知正确的划分在本机得到 %5$s，要求其 %4$.0f %%）",
                        format(value), n, format(bound), share * 100, format(capacity));
            case GIL_THREADS:
                return Lang.sayf("%1$d threads under one GIL used %2$s; allowed at most %3$s (%4$.1f times the %5$s "
                                + "one spinning thread got)",
                        "一个 GIL 下的 %1$d 个线程用了 %2$s；至多允许 %3$s（一个空转线程所得 %5$s 的 %4$.1f 倍）",
                        n, format(value), format(bound), share, format(one));
            default:
                return Lang.sayf("%1$d processes, each with its own GIL, used %2$s; required at least %3$s (%4$.0f %% "
                                + "of the %5$s that %1$d spinning threads got on this machine just then)",
                        "%1$d 个进程（各有自己的 GIL）用了 %2$s；要求至少 %3$s（本机当时 %1$d 个空转线程共得到 %5$s，要求其 %4$.0f %%）",
                        n, format(value), format(bound), share * 100, format(capacity));
        }
    }

    private static double num(String s) {
        return Double.parseDouble(s);
    }
}
