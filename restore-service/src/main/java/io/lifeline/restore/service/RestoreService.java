package io.lifeline.restore.service;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.EventJson;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.restore.RestoreRecord;
import io.lifeline.restore.archive.Candidate;
import io.lifeline.restore.config.RestoreConfig;
import io.lifeline.restore.messaging.Delivery;
import io.lifeline.restore.messaging.RestoreEvents;
import io.lifeline.restore.pipeline.RestoreRunner;
import io.lifeline.restore.repository.RestoreRepository;
import io.lifeline.restore.repository.Transactions;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Takes restore requests from every trigger (REST, {@code restore.requested}, corruption incidents),
 * applies the rules (allowlist, one request id = one restore, one restore per target at a time,
 * approval), runs the restore on a worker thread and tells the outcome as events, each written to the
 * outbox in the transaction of the state change it reports.
 */
@ApplicationScoped
public class RestoreService {

    private static final Logger LOG = Logger.getLogger(RestoreService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RestoreConfig config;
    private final RestoreRepository repository;
    private final Transactions transactions;
    private final RestoreRunner runner;
    private final RestoreEvents events;
    private final Clock clock;

    public RestoreService(RestoreConfig config, RestoreRepository repository, Transactions transactions,
            RestoreRunner runner, RestoreEvents events, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.transactions = transactions;
        this.runner = runner;
        this.events = events;
        this.clock = clock;
    }

    /** @param requestId null for a new one; the same id twice is one restore */
    public record Request(String requestId, String target, BackupSelector selector, String incidentId,
            String requestedBy, String trigger, boolean approvalRequired) {
    }

    public enum Outcome {
        STARTED, AWAITING_APPROVAL, DUPLICATE, REFUSED_TARGET_NOT_ALLOWED, REFUSED_ALREADY_RUNNING
    }

    public record Accepted(RestoreRecord record, Outcome outcome) {
    }

    /** Sortable by time (retention of old copies relies on it) and usable in a database name. */
    public static String newId(String prefix, Instant now) {
        return (prefix + ID_TIME.format(now) + String.format("%04x", RANDOM.nextInt(0x10000))).toLowerCase();
    }

    public boolean allowed(String target) {
        return config.targets().containsKey(target);
    }

    /** A request without an event behind it (REST). */
    public Accepted request(Request request) {
        return request(request, Delivery.NONE).orElseThrow();
    }

    /**
     * Records the request in one transaction with the event it came in (empty: that event was handled
     * before) and, if it is refused, with its {@code restore.failed}; the restore starts after the commit.
     */
    public Optional<Accepted> request(Request request, Delivery delivery) {
        String requestId = request.requestId() == null || request.requestId().isBlank()
                ? "req-" + UUID.randomUUID() : request.requestId();
        Optional<Accepted> accepted = transactions.inTransaction(c -> {
            if (delivery.identified() && !transactions.firstDelivery(c, delivery.eventId(), delivery.topic())) {
                return Optional.empty();
            }
            return Optional.of(record(c, requestId, request));
        });
        accepted.ifPresent(this::committed);
        return accepted;
    }

    private Accepted record(Connection c, String requestId, Request request) throws SQLException {
        Optional<RestoreRecord> existing = repository.findByRequest(c, requestId);
        if (existing.isPresent()) {
            return new Accepted(existing.get(), Outcome.DUPLICATE);
        }
        Instant now = clock.instant();
        String restoreId = newId("r", now);
        if (!allowed(request.target())) {
            return refuse(c, restoreId, requestId, request, now, "target '" + request.target()
                    + "' is not in the restore allowlist (lifeline.restore.targets)",
                    Outcome.REFUSED_TARGET_NOT_ALLOWED);
        }
        boolean approval = request.approvalRequired();
        RestoreRecord record = new RestoreRecord(restoreId, requestId, request.target(), request.selector(),
                request.incidentId(), request.requestedBy(), request.trigger(),
                approval ? RestoreRecord.AWAITING_APPROVAL : RestoreRecord.QUEUED, null, null, null, null, approval,
                approval ? now.plus(config.approval().timeout()) : null, null, null, now, null, null, null, null, null);
        if (repository.insert(c, record)) {
            return new Accepted(record, approval ? Outcome.AWAITING_APPROVAL : Outcome.STARTED);
        }
        Optional<RestoreRecord> raced = repository.findByRequest(c, requestId);
        if (raced.isPresent()) {
            // The same request id raced in from another trigger: that one is the restore.
            return new Accepted(raced.get(), Outcome.DUPLICATE);
        }
        String running = repository.activeFor(c, request.target()).map(RestoreRecord::restoreId).orElse("?");
        return refuse(c, restoreId, requestId, request, now, "a restore of " + request.target()
                + " is already running (" + running + "): one restore per target at a time",
                Outcome.REFUSED_ALREADY_RUNNING);
    }

    private Accepted refuse(Connection c, String restoreId, String requestId, Request request, Instant now,
            String reason, Outcome outcome) throws SQLException {
        RestoreRecord failed = new RestoreRecord(restoreId, requestId, request.target(), request.selector(),
                request.incidentId(), request.requestedBy(), request.trigger(), RestoreRecord.FAILED, "request", null,
                reason, true, false, null, null, null, now, null, now, Map.of(), List.of(), null);
        if (!repository.insert(c, failed)) {
            return repository.findByRequest(c, requestId).map(r -> new Accepted(r, Outcome.DUPLICATE))
                    .orElseThrow(() -> new IllegalStateException("request " + requestId + " vanished"));
        }
        transactions.append(c, events.of(EventTypes.RESTORE_FAILED, new RestoreFailed(restoreId, requestId,
                request.incidentId(), null, request.target(), now, "request", reason, true, Map.of(), 0L, List.of())));
        return new Accepted(failed, outcome);
    }

    /** What follows a request once it is stored. */
    private void committed(Accepted a) {
        RestoreRecord r = a.record();
        switch (a.outcome()) {
            case STARTED -> submit(r.restoreId());
            case AWAITING_APPROVAL -> LOG.infof("restore %s of %s awaits approval until %s", r.restoreId(),
                    r.target(), r.approvalDeadline());
            case REFUSED_TARGET_NOT_ALLOWED, REFUSED_ALREADY_RUNNING -> LOG.warnf("restore request %s refused: %s",
                    r.requestId(), r.reason());
            case DUPLICATE -> LOG.debugf("restore request %s is restore %s already", r.requestId(), r.restoreId());
        }
    }

    public enum ApprovalResult {
        APPROVED, NOT_FOUND, NOT_WAITING
    }

    public ApprovalResult approve(String restoreId, String approver) {
        Optional<RestoreRecord> found = repository.find(restoreId);
        if (found.isEmpty()) {
            return ApprovalResult.NOT_FOUND;
        }
        RestoreRecord approved = copy(found.get(), RestoreRecord.QUEUED, null, null, null, null, approver,
                clock.instant(), null, null, null, null, null);
        if (!repository.transition(RestoreRecord.AWAITING_APPROVAL, approved)) {
            return ApprovalResult.NOT_WAITING;
        }
        LOG.infof("restore %s approved by %s", restoreId, approver);
        submit(restoreId);
        return ApprovalResult.APPROVED;
    }

    /** Waiting restores past their deadline fail: nobody approved, nothing was touched. */
    public void expireApprovals() {
        Instant now = clock.instant();
        for (RestoreRecord r : repository.withStatus(RestoreRecord.AWAITING_APPROVAL)) {
            if (r.approvalDeadline() == null || !r.approvalDeadline().isBefore(now)) {
                continue;
            }
            String reason = "not approved within " + human(config.approval().timeout())
                    + " (approval deadline " + r.approvalDeadline() + "): nothing was restored";
            RestoreRecord expired = copy(r, RestoreRecord.FAILED, "approval", null, reason, true, null, null, null, now,
                    Map.of(), List.of(), null);
            if (repository.transition(RestoreRecord.AWAITING_APPROVAL, expired, events.of(EventTypes.RESTORE_FAILED,
                    new RestoreFailed(r.restoreId(), r.requestId(), r.incidentId(), null, r.target(), now, "approval",
                            reason, true, Map.of(), 0L, List.of())))) {
                LOG.warnf("restore %s: %s", r.restoreId(), reason);
            }
        }
    }

    private void submit(String restoreId) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                run(restoreId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "restore %s could not run", restoreId);
            }
        });
    }

    void run(String restoreId) {
        RestoreRecord queued = repository.find(restoreId).orElseThrow();
        Instant startedAt = clock.instant();
        RestoreRecord running = copy(queued, RestoreRecord.RUNNING, "connect", null, null, null, queued.approvedBy(),
                queued.approvedAt(), startedAt, null, null, null, null);
        if (!repository.transition(RestoreRecord.QUEUED, running)) {
            return; // already taken (a second delivery)
        }
        RestoreRunner.Outcome outcome = runner.run(new RestoreRunner.Job(restoreId, queued.target(), queued.selector(),
                false), new RestoreRunner.Listener() {
                    @Override
                    public void stage(String stage, Map<String, Long> timings) {
                        repository.stage(restoreId, stage, timings);
                    }

                    @Override
                    public void started(Candidate backup, List<String> skipped) {
                        repository.backupChosen(restoreId, backup.backupId(), skipped, events.of(
                                EventTypes.RESTORE_STARTED, new RestoreStarted(restoreId, queued.requestId(),
                                        queued.incidentId(), backup.backupId(), queued.target(), startedAt, skipped)));
                    }
                });
        finish(running, startedAt, outcome);
    }

    private void finish(RestoreRecord r, Instant startedAt, RestoreRunner.Outcome o) {
        Instant now = clock.instant();
        Map<String, Long> stages = o.clock().snapshot();
        long total = o.clock().totalMillis();
        String backupId = o.backup() == null ? null : o.backup().backupId();
        if (o.success()) {
            RestoreCompleted event = new RestoreCompleted(r.restoreId(), r.requestId(), r.incidentId(), backupId,
                    r.target(), startedAt, now, o.backup().takenAt(), o.verification(), stages, total,
                    config.rto().toMillis(), o.skipped(), o.safetyDump(), o.previousCopy(), o.warnings());
            repository.update(copy(r, RestoreRecord.COMPLETED, "done", backupId, null, false, r.approvedBy(),
                    r.approvedAt(), startedAt, now, stages, o.skipped(), EventJson.mapper().valueToTree(event)
                            .toString()), events.of(EventTypes.RESTORE_COMPLETED, event));
            LOG.infof("restore %s of %s from %s completed in %d ms (RTO %s): %s", r.restoreId(), r.target(), backupId,
                    total, config.rto(), stages);
        } else {
            repository.update(copy(r, RestoreRecord.FAILED, o.failedStage(), backupId, o.reason(),
                    o.targetUntouched(), r.approvedBy(), r.approvedAt(), startedAt, now, stages, o.skipped(), null),
                    events.of(EventTypes.RESTORE_FAILED, new RestoreFailed(r.restoreId(), r.requestId(),
                            r.incidentId(), backupId, r.target(), now, o.failedStage(), o.reason(),
                            o.targetUntouched(), stages, total, o.skipped())));
            LOG.warnf("restore %s of %s failed at %s (target untouched: %s): %s", r.restoreId(), r.target(),
                    o.failedStage(), o.targetUntouched(), o.reason());
        }
    }

    /** Restores a restart interrupted: they failed, and (before the swap) left the target as it was. */
    public void failInterrupted(Instant before) {
        Instant now = clock.instant();
        for (String status : List.of(RestoreRecord.RUNNING, RestoreRecord.QUEUED)) {
            for (RestoreRecord r : repository.withStatus(status)) {
                if (!r.requestedAt().isBefore(before)) {
                    continue; // requested in this run: it is not a leftover
                }
                boolean inSwap = "swap".equals(r.stage()) || "retention".equals(r.stage());
                Boolean untouched = inSwap ? null : true;
                String reason = "interrupted: restore-service stopped during " + (r.stage() == null ? "the queue"
                        : "stage " + r.stage()) + (inSwap ? "; the swap is one transaction: check which database"
                                + " holds the target's name" : "; the target was not changed");
                String stage = r.stage() == null ? "queued" : r.stage();
                // Only if still in that status: of two instances starting together, one tells the failure.
                repository.transition(status, copy(r, RestoreRecord.FAILED, stage, r.backupId(), reason, untouched,
                        r.approvedBy(), r.approvedAt(), r.startedAt(), now, r.stages(), r.skipped(), null),
                        events.of(EventTypes.RESTORE_FAILED, new RestoreFailed(r.restoreId(), r.requestId(),
                                r.incidentId(), r.backupId(), r.target(), now, stage, reason, untouched, r.stages(),
                                null, r.skipped())));
            }
        }
    }

    public Optional<RestoreRecord> find(String restoreId) {
        return repository.find(restoreId);
    }

    public List<RestoreRecord> recent(int limit) {
        return repository.recent(limit);
    }

    private static RestoreRecord copy(RestoreRecord r, String status, String stage, String backupId, String reason,
            Boolean untouched, String approvedBy, Instant approvedAt, Instant startedAt, Instant finishedAt,
            Map<String, Long> stages, List<String> skipped, String result) {
        return new RestoreRecord(r.restoreId(), r.requestId(), r.target(), r.selector(), r.incidentId(),
                r.requestedBy(), r.trigger(), status, stage, backupId, reason, untouched, r.approvalRequired(),
                r.approvalDeadline(), approvedBy, approvedAt, r.requestedAt(), startedAt, finishedAt, stages, skipped,
                result);
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
