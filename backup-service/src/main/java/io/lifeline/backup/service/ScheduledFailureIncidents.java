package io.lifeline.backup.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.backup.messaging.BackupEventPublisher;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;

/**
 * A failed scheduled backup is an incident (high); a second one in a row raises it to critical
 * (the RPO is at risk); the next good scheduled backup resolves it.
 */
@ApplicationScoped
public class ScheduledFailureIncidents {

    public static final String KIND = "backup.failed";

    private final IncidentTracker tracker;
    private final BackupEventPublisher events;
    private final Map<String, Integer> consecutiveFailures = new ConcurrentHashMap<>();

    public ScheduledFailureIncidents(IncidentTracker tracker, BackupEventPublisher events) {
        this.tracker = tracker;
        this.events = events;
    }

    public void failed(String database, String backupId, String stage, String reason) {
        int failures = consecutiveFailures.merge(database, 1, Integer::sum);
        Severity severity = failures >= 2 ? Severity.CRITICAL : Severity.HIGH;
        Signal signal = new Signal("backup.failed", "backup-service/" + database, java.time.Instant.now(),
                Map.of("backupId", backupId, "stage", stage, "consecutiveFailures", failures));
        String summary = "scheduled backup of " + database + " failed at " + stage
                + (failures >= 2 ? " (" + failures + " in a row: the RPO is at risk)" : "") + ": " + reason;
        FailureReport report = new FailureReport(database, KIND, severity,
                summary.length() > 1000 ? summary.substring(0, 1000) : summary, signal, null);
        OnWorker.await(() -> events.incidentChanged(tracker.failure(report)));
    }

    public void succeeded(String database) {
        consecutiveFailures.remove(database);
        tracker.recovered(database, KIND, "a scheduled backup of " + database + " completed and verified")
                .ifPresent(resolved -> OnWorker.await(() -> events.incidentResolved(resolved)));
    }
}
