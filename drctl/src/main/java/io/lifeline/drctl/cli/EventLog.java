package io.lifeline.drctl.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.replay.EventLogReader;
import io.lifeline.drctl.replay.RecordedEvent;
import io.lifeline.drctl.replay.ReplayWindow;

/** The commands' way into Kafka: a fresh read-only reader per command, and time arguments parsed once. */
@ApplicationScoped
public class EventLog {

    private final DrctlConfig config;

    public EventLog(DrctlConfig config) {
        this.config = config;
    }

    public EventLogReader reader() {
        return new EventLogReader(config.kafkaBootstrapServers());
    }

    public String bootstrapServers() {
        return config.kafkaBootstrapServers();
    }

    /** Every record of the Lifeline topics in the window, in time order (for stories, which need them all). */
    public List<RecordedEvent> readAll(ReplayWindow window) {
        List<RecordedEvent> events = new ArrayList<>();
        try (EventLogReader reader = reader()) {
            reader.replay(window, reader.lifelineTopics(), events::add);
        }
        return events;
    }

    /**
     * An instant from the command line: ISO-8601 ({@code 2026-11-27T10:00:00Z}), or relative to now
     * ({@code 30m}, {@code 6h}, {@code 7d} ago), or {@code now}.
     */
    public static Instant parseTime(String value, String option) {
        String v = value.trim();
        if (v.equals("now")) {
            return Instant.now();
        }
        var relative = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(v);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            long seconds = switch (relative.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3_600;
                default -> n * 86_400;
            };
            return Instant.now().minusSeconds(seconds);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value
                    + "' is not a time: use ISO-8601 (2026-11-27T10:00:00Z), a time ago (30m, 6h, 7d) or 'now'");
        }
    }
}
