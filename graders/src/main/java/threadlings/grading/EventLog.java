package threadlings.grading;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line, appended and flushed as each event happens, so that what was written survives the
 * JVM that wrote it being killed.
 */
final class EventLog {

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

    private final OutputStream out;

    EventLog(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new FileOutputStream(file.toFile(), true);
    }

    static Event event(String kind) {
        return new Event().with("event", kind);
    }

    synchronized void write(Event e) {
        try {
            out.write((Json.write(e.fields) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The events of a log; a last line cut short by a dying JVM is ignored. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                events.add((Map<String, Object>) Json.parse(line));
            } catch (RuntimeException cutShort) {
                // Only the line being written when the JVM died can be incomplete.
            }
        }
        return events;
    }
}
