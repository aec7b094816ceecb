package threadlings.grading;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One JSON object per line, appended and flushed as each event happens, so that what was written survives the
 * JVM that wrote it being killed.
 *
 * <p>The code under test runs in the same JVM and could write to this file too (its path is on the command
 * line). So each line carries a sequence number and an HMAC made with a key that the harness hands the runner
 * through its standard input, read before any code under test is loaded: a line the code wrote is not
 * authentic and is ignored, and an authentic line that is missing shows that the log was cut, which the reader
 * reports instead of scoring what is left.
 */
final class EventLog {

    private static final String MAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    /** An event under construction: a JSON object with a {@code "event"} field. */
    static final class Event {
        final Map<String, Object> fields = new LinkedHashMap<>();

        Event with(String key, Object value) {
            if (value != null) {
                fields.put(key, value);
            }
            return this;
        }
    }

    /**
     * The authentic events of a log, in the order they were written.
     *
     * @param events   the events
     * @param problem  null, or what shows that the log was tampered with (authentic events are missing)
     */
    record Read(List<Map<String, Object>> events, String problem) {
    }

    private final OutputStream out;
    private final Mac mac;
    private long seq;

    EventLog(Path file, byte[] key) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new FileOutputStream(file.toFile(), true);
        this.mac = mac(key);
    }

    /** A fresh random key for one log. */
    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The key as the line the harness writes to the runner's standard input. */
    static String keyLine(byte[] key) {
        return HexFormat.of().formatHex(key) + "\n";
    }

    /**
     * Reads the key line from {@code in} (the runner's standard input); null if there is none, and then no line
     * the runner writes will be accepted.
     */
    static byte[] readKey(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n' && line.length() <= 2 * KEY_BYTES; ) {
            line.append((char) c);
        }
        try {
            byte[] key = HexFormat.of().parseHex(line.toString().trim());
            return key.length == KEY_BYTES ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Event event(String kind) {
        return new Event().with("event", kind);
    }

    synchronized void write(Event e) {
        e.fields.put("seq", seq++);
        String json = Json.write(e.fields);
        // The leading newline ends any half line someone else left, so it cannot swallow this one.
        String line = "\n" + sign(mac, json) + " " + json + "\n";
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The authentic events of a log written with {@code key}. Lines that are not authentic (written by someone
     * without the key, or cut short by a dying JVM) are ignored; an authentic line repeated is counted once; a
     * gap in the sequence (authentic lines removed) is reported as the read's problem.
     */
    /** Most of a log that is read: a topic's own events take kilobytes. */
    static final int MAX_BYTES = 32 << 20;

    @SuppressWarnings("unchecked")
    static Read read(Path file, byte[] key) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Read(events, null);
        }
        Mac mac = mac(key);
        TreeMap<Long, Map<String, Object>> bySeq = new TreeMap<>();
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES); // the code under test can append to it: read a bounded amount
        }
        // Bytes that are not UTF-8 (written by the code under test) decode to U+FFFD, and their lines fail their
        // signature like any other forgery, instead of failing the read and with it the whole run.
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String json = line.substring(space + 1);
            if (!MessageDigest.isEqual(line.substring(0, space).getBytes(StandardCharsets.US_ASCII),
                    sign(mac, json).getBytes(StandardCharsets.US_ASCII))) {
                continue;
            }
            try {
                Map<String, Object> event = (Map<String, Object>) Json.parse(json);
                bySeq.putIfAbsent(((Number) event.get("seq")).longValue(), event);
            } catch (RuntimeException e) {
                // Authentic lines are well formed; nothing else reaches here.
            }
        }
        long expected = 0;
        String problem = null;
        for (Map.Entry<Long, Map<String, Object>> e : bySeq.entrySet()) {
            if (e.getKey() != expected) {
                problem = "the events numbered " + expected + " to " + (e.getKey() - 1) + " were removed from it";
                break;
            }
            events.add(e.getValue());
            expected++;
        }
        return new Read(events, problem);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(MAC);
            // Without a key nothing can be signed so that a reader accepts it: use one nobody knows.
            mac.init(new SecretKeySpec(key == null ? newKey() : key, MAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static String sign(Mac mac, String json) {
        return HexFormat.of().formatHex(mac.doFinal(json.getBytes(StandardCharsets.UTF_8)));
    }
}
