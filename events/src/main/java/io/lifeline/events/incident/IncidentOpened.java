package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.list;
import static io.lifeline.events.internal.Checks.optionalAbsoluteUri;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * A monitor opened an incident. Flat rather than wrapping {@link Incident} so that every incident
 * topic names the id the same way ({@code incidentId}) and non-Java consumers read one level.
 */
public record IncidentOpened(String incidentId, String dedupKey, Severity severity, String component, String kind,
                             String summary, List<Signal> signals, String runbookUrl, Instant openedAt,
                             String raisedBy) implements IncidentChange {

    public IncidentOpened {
        text(incidentId, "incidentId");
        text(dedupKey, "dedupKey");
        required(severity, "severity");
        text(component, "component");
        text(kind, "kind");
        text(summary, "summary");
        signals = list(signals, "signals");
        optionalAbsoluteUri(runbookUrl, "runbookUrl");
        required(openedAt, "openedAt");
        text(raisedBy, "raisedBy");
    }

    public static IncidentOpened of(Incident incident) {
        return new IncidentOpened(incident.id(), incident.dedupKey(), incident.severity(), incident.component(),
                incident.kind(), incident.summary(), incident.signals(), incident.runbookUrl(), incident.openedAt(),
                incident.raisedBy());
    }

    /** The incident as it stands right after opening. */
    public Incident incident() {
        return new Incident(incidentId, dedupKey, severity, component, kind, summary, signals, runbookUrl, openedAt,
                raisedBy, 1, openedAt);
    }

    @Override
    public EventType<IncidentOpened> eventType() {
        return EventTypes.INCIDENT_OPENED;
    }

    @Override
    public String key() {
        return EventTypes.INCIDENT_OPENED.key(this);
    }

    @Override
    public String subject() {
        return EventTypes.INCIDENT_OPENED.subject(this);
    }
}
