package threadlings.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static threadlings.grading.SampleResults.topic;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html: self-contained, escaped, every topic and failure in it, a chart for each measurement; and it
 * renders in a real browser (headless Chromium), where one is installed.
 */
class HtmlReportTest {

    private static final RunInfo RUN = new RunInfo("./mvnw test", 2);

    @TempDir
    Path dir;

    /** A run as a student meets it: some topics done (with measurements), some failing, the rest not selected. */
    private static List<TopicResult> mixed() {
        return SampleResults.run(SampleResults.done(topic("threads")), SampleResults.lockWithoutLock(topic("lock")),
                SampleResults.coresOneAfterAnother(topic("cores")), SampleResults.speedupDone(topic("speedup")),
                SampleResults.gilNoLock(topic("gil")));
    }

    private static String html(String lang, List<TopicResult> results) throws Exception {
        return ScoreboardTest.in(lang, () -> HtmlReport.render(results, RUN));
    }

    @Test
    @DisplayName("text from the run is escaped: a <script> in a message stays text")
    void escapes() throws Exception {
        String hostile = "</pre><script>alert('x')</script><img src=x onerror=alert(1)> & \u001b[31mred\u0000";
        Manifest.Topic lock = topic("lock");
        TopicResult r = new TopicResult(lock, "failed", 0, List.of(
                new TestResult("name " + hostile, "group " + hostile, "failed", hostile, "stack " + hostile,
                        null, true, false, Map.of("cpu", hostile)),
                new TestResult("lesson", "g", "passed", null, null, "lesson " + hostile, false, false, Map.of()),
                new TestResult("skipped", "g", "skipped", "reason " + hostile, null, null, true, false, Map.of())),
                "problem " + hostile, 1);
        String h = html("en", SampleResults.run(r));
        assertFalse(h.toLowerCase(Locale.ROOT).contains("<script"), h);
        assertFalse(h.contains("<img"), h);
        assertFalse(h.contains("\u001b") || h.contains("\u0000"), "control characters pass through");
        assertTrue(h.contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), h);
        assertTrue(h.contains("\\u001b[31mred\\u0000"), h);
        // Every <pre> opened is closed by us: the message's "</pre>" did not end one early.
        assertEquals(count(h, "<pre"), count(h, "</pre>"));
    }

    @Test
    @DisplayName("it is one self-contained file: no script, no link, nothing loaded from anywhere")
    void selfContained() throws Exception {
        String h = html("en", mixed());
        String lower = h.toLowerCase(Locale.ROOT);
        for (String banned : List.of("<script", "<link", "<iframe", "<img", "@import", "url(", "src=", "@font-face")) {
            assertFalse(lower.contains(banned), banned);
        }
        Matcher m = Pattern.compile("https?://[^\"'\\s<]+").matcher(h);
        while (m.find()) {
            assertEquals("http://www.w3.org/2000/svg", m.group(), "only the SVG namespace may name an address");
        }
        assertTrue(h.contains("Content-Security-Policy"), "the page tells the browser to load nothing");
    }

    @Test
    @DisplayName("every topic of the path is on the board, and every failure is there in full")
    void everyTopicAndFailure() throws Exception {
        List<TopicResult> results = mixed();
        String h = html("en", results);
        for (Manifest.Topic t : Manifest.load().topics()) {
            assertTrue(h.contains("<code>" + t.id() + "</code>"), t.id());
            assertTrue(h.contains(HtmlReport.esc(t.title())), t.title());
        }
        for (TopicResult r : results) {
            for (TestResult t : r.tests()) {
                if (t.failed()) {
                    for (String line : t.message().split("\n")) {
                        assertTrue(h.contains(HtmlReport.esc(line)), line);
                    }
                }
            }
        }
        // Lincheck's tables, detailed trace included, each in a block that never wraps.
        assertTrue(h.contains("<pre class=\"table\">\n" + HtmlReport.esc(SampleResults.INTERLEAVING) + "</pre>"), h);
        // The blank line between the table and the prose after it survives (HTML drops a newline after <pre>).
        assertTrue(h.contains("<pre class=\"prose\">\n\nDetailed trace:</pre>"), h);
        assertTrue(h.contains("BalanceOperations.java:24"), h);
        assertTrue(h.contains("Start here: <a href=\"#topic-lock\">"), h);
    }

    @Test
    @DisplayName("cores, speedup and gil each get a chart of the measurement against capacity and the bound")
    void charts() throws Exception {
        String h = html("en", mixed());
        assertEquals(3, count(h, "<svg"), "one chart each for cores, speedup and gil");
        String cores = section(h, "cores");
        assertTrue(cores.contains("<svg") && cores.contains("your saturate(), one thread per core")
                && cores.contains("98 %") && cores.contains("required: at least 147 %")
                && cores.contains("class=\"you-failed\""), cores);
        String speedup = section(h, "speedup");
        assertTrue(speedup.contains("1.86×") && speedup.contains("1.90×")
                && speedup.contains("required: at least 1.33×")
                && speedup.contains("class=\"you-passed\""), speedup);
        String gil = section(h, "gil");
        assertTrue(gil.contains("2 threads under one GIL") && gil.contains("184 %")
                && gil.contains("2 processes, one GIL each") && gil.contains("97 %")
                && gil.contains("2 × 100 %") && gil.contains("threads: at most 139 %")
                && gil.contains("class=\"you-skipped\""), gil);
        assertTrue(gil.contains("not judged"), gil);
        assertFalse(section(h, "lock").contains("<svg"), "no chart where nothing was measured");
    }

    @Test
    @DisplayName("the report speaks the run's language")
    void language() throws Exception {
        String zh = html("zh", mixed());
        assertTrue(zh.contains("<html lang=\"zh-Hans\">"), zh);
        assertTrue(zh.contains("从这里开始") && zh.contains("一个 GIL 下的 2 个线程") && zh.contains("未通过"), zh);
        assertTrue(html("en", mixed()).contains("<html lang=\"en\">"));
    }

    @Test
    @DisplayName("it renders in headless Chromium: a 1200x1600 screenshot that is not blank")
    void rendersInChromium() throws Exception {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium is installed here (looked for chromium, "
                + "chromium-browser, google-chrome on the PATH): the screenshot check needs one");
        Path page = dir.resolve("report.html");
        ScoreboardTest.in("en", () -> {
            HtmlReport.write(mixed(), page, RUN);
            return null;
        });
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(chromium.get(), "--headless", "--disable-gpu", "--no-sandbox",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png,
                "--window-size=1200,1600", page.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Chromium did not finish within 60 s");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        assertTrue(Files.exists(png), "no screenshot was written; Chromium said:\n" + output);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth(), "width");
        assertEquals(1600, image.getHeight(), "height");
        Set<Integer> colours = new HashSet<>();
        long notWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    notWhite++;
                }
            }
        }
        assertTrue(colours.size() > 1, "the screenshot is a single colour");
        // Text, the table and the badges cover a visible part of the page; a page that failed to render does not.
        assertTrue(notWhite > image.getWidth() * image.getHeight() / 4 / 50, notWhite + " pixels are not white");
        assertTrue(colours.contains(0xcf222e) || colours.stream().anyMatch(HtmlReportTest::reddish),
                "no red of a failed badge or bar in the screenshot");
    }

    private static boolean reddish(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > 180 && g < 80 && b < 80;
    }

    /** The first of the usual Chromium commands on the PATH. */
    private static Optional<String> chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.isFile() && f.canExecute()) {
                    return Optional.of(f.getAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    private static String section(String html, String id) {
        int start = html.indexOf("id=\"topic-" + id + "\"");
        assertTrue(start >= 0, "no section for " + id);
        int end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
