package io.lifeline.restore.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.EventJson;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.outbox.OutboxEvent;
import io.lifeline.restore.archive.BackupCatalog;
import io.lifeline.restore.archive.Candidate;
import io.lifeline.restore.config.RestoreConfig;
import io.lifeline.restore.messaging.RestoreEvents;
import io.lifeline.restore.pipeline.RestoreRunner;
import io.lifeline.restore.repository.DrillRepository;
import io.lifeline.restore.service.RestoreService;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The plan's "Monthly Backup Test", automated: restore the latest backup into a scratch database
 * beside the target, verify it, drop it, and report the plan's fields. A failed drill is an
 * incident (high); the next good drill resolves it. The report, its {@code drill.completed} and the
 * incident change are stored in one transaction.
 */
@ApplicationScoped
public class DrillService {

    public static final String INCIDENT_KIND = "drill.failed";
    private static final Logger LOG = Logger.getLogger(DrillService.class);

    private final RestoreConfig config;
    private final BackupCatalog catalog;
    private final RestoreRunner runner;
    private final DrillRepository repository;
    private final RestoreEvents events;
    private final IncidentTracker incidents;
    private final Clock clock;

    public DrillService(RestoreConfig config, BackupCatalog catalog, RestoreRunner runner, DrillRepository repository,
            RestoreEvents events, IncidentTracker incidents, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.runner = runner;
        this.repository = repository;
        this.events = events;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** The configured drill target, or the only target. */
    public Optional<String> defaultTarget() {
        return config.drills().target().filter(t -> !t.isBlank())
                .or(() -> config.targets().size() == 1 ? Optional.of(config.targets().keySet().iterator().next())
                        : Optional.empty());
    }

    public boolean knows(String target) {
        return config.targets().containsKey(target);
    }

    /** Starts a drill in the background; returns its id at once. */
    public String start(String target) {
        Instant now = clock.instant();
        String drillId = RestoreService.newId("d", now);
        repository.started(drillId, target, now);
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                run(drillId, target, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "drill %s could not run", drillId);
            }
        });
        return drillId;
    }

    void run(String drillId, String target, Instant startedAt) {
        // The latest backup of any kind, without falling back: a drill reports on exactly that backup.
        BackupCatalog.Listing listing = catalog.list(target);
        List<String> issues = new ArrayList<>(listing.notes());
        Optional<Candidate> latest = listing.candidates().stream().filter(c -> c.verified() || c.isLegacy())
                .findFirst();
        listing.candidates().stream().takeWhile(c -> latest.isEmpty() || c != latest.get())
                .forEach(c -> issues.add("newer backup " + c.backupId() + " is not verified by backup-service"));
        RestoreRunner.Outcome outcome = null;
        if (latest.isEmpty()) {
            issues.add("no backup of " + target + " was found");
        } else {
            outcome = runner.run(new RestoreRunner.Job(drillId, target, BackupSelector.id(latest.get().backupId()), true),
                    new RestoreRunner.Listener() {
                        @Override
                        public void stage(String stage, Map<String, Long> timings) {
                            LOG.debugf("drill %s: %s", drillId, stage);
                        }

                        @Override
                        public void started(Candidate backup, List<String> skipped) {
                            // a drill publishes one event, at the end
                        }
                    });
            if (!outcome.success()) {
                issues.add(outcome.failedStage() + ": " + outcome.reason());
            }
            issues.addAll(outcome.warnings());
        }
        Instant completedAt = clock.instant();
        boolean success = outcome != null && outcome.success();
        boolean rowCountsMatch = outcome != null && outcome.verification() != null
                && outcome.verification().rowCountsMatch();
        boolean dataComplete = outcome != null && outcome.verification() != null && outcome.verification().passed();
        Map<String, Long> stages = outcome == null ? Map.of() : outcome.clock().snapshot();
        DrillCompleted event = new DrillCompleted(drillId, latest.map(Candidate::backupId).orElse("none"), startedAt,
                completedAt, success, Duration.between(startedAt, completedAt).toMillis(), rowCountsMatch,
                issues.stream().filter(i -> i != null && !i.isBlank()).toList(),
                outcome != null && outcome.integrityOk(), outcome != null && outcome.restoreOk(), dataComplete, stages,
                config.rto().toMillis());
        String markdown = DrillReport.markdown(event, target, outcome == null ? null : outcome.verification());
        List<OutboxEvent> outgoing = new ArrayList<>(List.of(events.of(EventTypes.DRILL_COMPLETED, event)));
        incidentChange(drillId, target, event).ifPresent(outgoing::add);
        repository.completed(drillId, event.backupId(), completedAt, success,
                EventJson.mapper().valueToTree(event).toString(), markdown, outgoing.toArray(OutboxEvent[]::new));
        LOG.infof("drill %s of %s (%s): %s in %d ms", drillId, target, event.backupId(),
                success ? "passed" : "FAILED", event.durationMillis());
    }

    /** A failed drill opens (or updates) its incident; a good one resolves it, if one is open. */
    private Optional<OutboxEvent> incidentChange(String drillId, String target, DrillCompleted event) {
        if (event.success()) {
            return incidents.recovered(target, INCIDENT_KIND, "restore drill " + drillId + " of " + target + " passed")
                    .map(resolved -> events.of(EventTypes.INCIDENT_RESOLVED, resolved));
        }
        String summary = "restore drill " + drillId + " of " + target + " failed: " + String.join("; ", event.issues());
        Signal signal = new Signal("drill.failed", "restore-service/" + target, event.completedAt(),
                Map.of("drillId", drillId, "backupId", event.backupId()));
        return Optional.of(events.of(incidents.failure(new FailureReport(target, INCIDENT_KIND, Severity.HIGH,
                summary.length() > 1000 ? summary.substring(0, 1000) : summary, signal, null))));
    }
}
