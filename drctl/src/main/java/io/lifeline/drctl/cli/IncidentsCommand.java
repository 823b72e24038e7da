package io.lifeline.drctl.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.drctl.output.Terminal;
import io.lifeline.drctl.replay.EventLogReader;
import io.lifeline.drctl.replay.ReplayWindow;
import io.lifeline.events.EventJson;
import io.lifeline.events.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "incidents", mixinStandardHelpOptions = true,
        description = "Incidents as the event log tells them: opened, acknowledged, resolved.")
public class IncidentsCommand implements Callable<Integer> {

    @Option(names = "--open", description = "Only incidents not resolved yet.")
    boolean openOnly;

    @Option(names = "--since", defaultValue = "30d", description = "Read events from this time on (default: ${DEFAULT-VALUE} ago).")
    String since;

    @Mixin
    OutputOptions output;

    private final EventLog log;

    public IncidentsCommand(EventLog log) {
        this.log = log;
    }

    /** One incident's current state, folded from its events. */
    public record IncidentRow(String incidentId, String severity, String component, String kind, String summary,
                              Instant openedAt, String acknowledgedBy, Instant resolvedAt, int occurrences) {
        IncidentRow with(String ackBy, Instant resolved, int occ) {
            return new IncidentRow(incidentId, severity, component, kind, summary, openedAt, ackBy, resolved, occ);
        }
    }

    @Override
    public Integer call() {
        Terminal t = Terminal.system();
        ReplayWindow window = new ReplayWindow(EventLog.parseTime(since, "--since"), Instant.now().plusSeconds(1));
        Map<String, IncidentRow> incidents = new LinkedHashMap<>();
        try (EventLogReader reader = log.reader()) {
            reader.replay(window, List.of(Topics.INCIDENT_OPENED, Topics.INCIDENT_UPDATED, Topics.INCIDENT_ACKNOWLEDGED,
                    Topics.INCIDENT_RESOLVED), event -> fold(incidents, event.topic(), event.value()));
        }
        List<IncidentRow> rows = new ArrayList<>(incidents.values());
        if (openOnly) {
            rows.removeIf(r -> r.resolvedAt() != null);
        }
        if (output.json) {
            t.json(rows);
            return ExitCodes.OK;
        }
        t.line(String.format("%-40s %-9s %-18s %-10s %s", "INCIDENT", "SEVERITY", "COMPONENT", "STATE", "SUMMARY"));
        for (IncidentRow r : rows) {
            String state = r.resolvedAt() != null ? "resolved" : r.acknowledgedBy() != null ? "acked" : "open";
            t.line(String.format("%-40s %-9s %-18s %-10s %s", r.incidentId(), r.severity(), r.component(),
                    r.resolvedAt() != null ? state : t.paint("31", state), r.summary()));
        }
        return ExitCodes.OK;
    }

    private static void fold(Map<String, IncidentRow> incidents, String topic, String value) {
        JsonNode p;
        try {
            p = EventJson.mapper().readTree(value);
        } catch (Exception e) {
            return;
        }
        String id = p.path("incidentId").asText(null);
        if (id == null) {
            return;
        }
        IncidentRow row = incidents.get(id);
        switch (topic) {
            case Topics.INCIDENT_OPENED -> incidents.put(id, new IncidentRow(id, p.path("severity").asText(),
                    p.path("component").asText(), p.path("kind").asText(), p.path("summary").asText(),
                    Instant.parse(p.path("openedAt").asText()), null, null, 1));
            case Topics.INCIDENT_UPDATED -> {
                if (row != null) {
                    incidents.put(id, row.with(row.acknowledgedBy(), row.resolvedAt(), p.path("occurrences").asInt()));
                }
            }
            case Topics.INCIDENT_ACKNOWLEDGED -> {
                if (row != null) {
                    incidents.put(id, row.with(p.path("acknowledgedBy").asText(), row.resolvedAt(), row.occurrences()));
                }
            }
            case Topics.INCIDENT_RESOLVED -> {
                if (row != null) {
                    incidents.put(id, row.with(row.acknowledgedBy(), Instant.parse(p.path("resolvedAt").asText()),
                            row.occurrences()));
                }
            }
            default -> {
            }
        }
    }
}
