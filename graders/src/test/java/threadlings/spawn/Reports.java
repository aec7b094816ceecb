package threadlings.spawn;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files {@link Reporter} children write, and reading them back (in the children and in the graders). */
final class Reports {

    /** What a child saw when it started. */
    record Report(long pid, Instant start, int arrival, String currentPid, String parentPid, String osParent,
                  List<String> args) {
    }

    /** How a child ended. */
    record End(long pid, Instant end, List<Long> seen, int code) {
    }

    private Reports() {
    }

    /** Writes {@code p} to {@code dir/name}, whole or not at all, so that a reader never sees half a file. */
    static void write(Path dir, String name, Properties p) throws IOException {
        Path tmp = dir.resolve("tmp-" + name);
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static void putArgs(Properties p, List<String> args) {
        p.setProperty("args", Integer.toString(args.size()));
        for (int i = 0; i < args.size(); i++) {
            p.setProperty("arg." + i, args.get(i));
        }
    }

    /** Every report in {@code dir}, by pid. */
    static Map<Long, Report> reports(Path dir) {
        Map<Long, Report> reports = new TreeMap<>();
        for (Properties p : read(dir, "report-")) {
            List<String> args = new ArrayList<>();
            int n = Integer.parseInt(p.getProperty("args"));
            for (int i = 0; i < n; i++) {
                args.add(p.getProperty("arg." + i));
            }
            long pid = Long.parseLong(p.getProperty("pid"));
            reports.put(pid, new Report(pid, Instant.parse(p.getProperty("start")),
                    Integer.parseInt(p.getProperty("arrival")), p.getProperty("currentPid"),
                    p.getProperty("parentPid"), p.getProperty("osParent"), List.copyOf(args)));
        }
        return reports;
    }

    /** Every end record in {@code dir}, by pid. */
    static Map<Long, End> ends(Path dir) {
        Map<Long, End> ends = new TreeMap<>();
        for (Properties p : read(dir, "end-")) {
            String seen = p.getProperty("seen");
            List<Long> pids = seen.isEmpty() ? List.of()
                    : Arrays.stream(seen.split(",")).map(Long::valueOf).collect(Collectors.toList());
            long pid = Long.parseLong(p.getProperty("pid", "-1"));
            ends.put(pid, new End(pid, Instant.parse(p.getProperty("end")), pids,
                    Integer.parseInt(p.getProperty("code"))));
        }
        return ends;
    }

    private static List<Properties> read(Path dir, String prefix) {
        List<Properties> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().startsWith(prefix)) {
                    continue;
                }
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(in);
                } catch (IOException e) {
                    continue; // vanished (the folder is being deleted): nothing to read
                }
                all.add(p);
            }
        } catch (IOException e) {
            // No folder: no reports.
        }
        return all;
    }
}
