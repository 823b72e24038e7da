package io.lifeline.backup.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.lifeline.backup.catalog.CatalogService;
import io.lifeline.backup.config.BackupConfig;
import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.backup.messaging.BackupEventPublisher;
import io.lifeline.backup.pipeline.BackupProgress;
import io.lifeline.backup.pipeline.BackupRunner;
import io.lifeline.backup.pipeline.BackupStageException;
import io.lifeline.backup.pipeline.BackupVerifier;
import io.lifeline.backup.retention.RetentionService;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.backup.BackupStarted;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Decides whether a request starts a backup, then runs it on a worker thread: one backup per
 * database at a time (requests meanwhile are answered by the running one), one backup per request
 * id (a repeated id gets the backup it already started), every outcome an event.
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);
    /** How long a shutdown waits for aborted backups to record their failure (SIGTERM: stopped within 10 s). */
    private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(3);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final BackupConfig config;
    private final BackupRunner runner;
    private final BackupVerifier verifier;
    private final CatalogService catalog;
    private final BackupEventPublisher events;
    private final VerificationStore verifications;
    private final ScheduledFailureIncidents incidents;
    private final RetentionService retention;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final java.util.Set<CompletableFuture<Void>> workers = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public BackupService(BackupConfig config, BackupRunner runner, BackupVerifier verifier, CatalogService catalog,
            BackupEventPublisher events, VerificationStore verifications, ScheduledFailureIncidents incidents,
            RetentionService retention, ManagedExecutor executor, Clock clock) {
        this.config = config;
        this.runner = runner;
        this.verifier = verifier;
        this.catalog = catalog;
        this.events = events;
        this.verifications = verifications;
        this.incidents = incidents;
        this.retention = retention;
        this.executor = executor;
        this.clock = clock;
    }

    /** A running backup: its ids and live progress. */
    public record Running(String backupId, String requestId, String database, String trigger, BackupProgress progress) {
    }

    /**
     * @param outcome {@code started}, {@code joined} (a backup of that database was running) or
     *                {@code duplicate} (this request id already has a backup)
     */
    public record Accepted(String backupId, String database, String outcome) {
    }

    /** Rebuilds the catalog from the manifests in the stores (their reading is blocking I/O). */
    public Uni<Integer> rebuildCatalog() {
        return Uni.createFrom().item(this::rebuildCatalogNow).runSubscriptionOn(executor);
    }

    private int rebuildCatalogNow() {
        CatalogService.StoreContents contents = catalog.readStores();
        return OnWorker.await(() -> catalog.rebuild(contents));
    }

    /** Verifies a stored backup again, records the result beside it and in the catalog. */
    public Uni<Verification> verifyAgain(io.lifeline.backup.catalog.BackupRecord record) {
        return Uni.createFrom().item(() -> {
            try {
                Manifest manifest = catalog.manifest(record);
                Manifest current = new Manifest(manifest.manifestVersion(), manifest.backupId(), manifest.requestId(),
                        manifest.database(), manifest.trigger(), manifest.startedAt(), manifest.completedAt(),
                        manifest.serverVersion(), manifest.pgDumpVersion(), manifest.format(), manifest.compression(),
                        manifest.encryption(), manifest.object(), CatalogService.locations(record),
                        manifest.tableRowCounts(), manifest.artefacts());
                Verification v = verifier.verify(current);
                verifications.write(current, v);
                OnWorker.await(() -> catalog.verified(v));
                return v;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).runSubscriptionOn(executor);
    }

    void rebuildIfEmpty(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        executor.runAsync(() -> {
            try {
                if (OnWorker.await(catalog::count) == 0) {
                    LOG.info("the catalog is empty: rebuilding it from the manifests in the stores");
                    rebuildCatalogNow();
                }
            } catch (RuntimeException e) {
                LOG.warnf("catalog rebuild at startup failed: %s", e.getMessage());
            }
        });
    }

    public boolean knows(String database) {
        return config.databases().containsKey(database);
    }

    public Optional<Running> running(String backupId) {
        return running.values().stream().filter(r -> r.backupId().equals(backupId)).findFirst();
    }

    public Map<String, Running> runningByDatabase() {
        return Map.copyOf(running);
    }

    public Uni<Accepted> request(String database, String requestId, String trigger) {
        if (!knows(database)) {
            return Uni.createFrom().failure(new IllegalArgumentException("unknown database '" + database
                    + "'; configured: " + config.databases().keySet()));
        }
        String id = requestId == null || requestId.isBlank() ? "req-" + UUID.randomUUID() : requestId;
        return catalog.byRequestId(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Accepted(existing.backupId, existing.database, "duplicate"));
            }
            return startOrJoin(database, id, trigger);
        });
    }

    private Uni<Accepted> startOrJoin(String database, String requestId, String trigger) {
        Instant now = clock.instant();
        String backupId = "bkp-" + database + "-" + ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 6);
        Running candidate = new Running(backupId, requestId, database, trigger, new BackupProgress(now));
        Running current = running.putIfAbsent(database, candidate);
        if (current != null) {
            String outcome = current.requestId().equals(requestId) ? "duplicate" : "joined";
            return Uni.createFrom().item(new Accepted(current.backupId(), database, outcome));
        }
        return catalog.started(backupId, requestId, database, trigger, now)
                .chain(() -> events.started(new BackupStarted(backupId, requestId, database, trigger, now)))
                .invoke(() -> track(executor.runAsync(() -> execute(candidate))))
                .onFailure().invoke(() -> running.remove(database, candidate))
                .replaceWith(new Accepted(backupId, database, "started"));
    }

    private void track(CompletableFuture<Void> worker) {
        workers.add(worker);
        worker.whenComplete((done, failure) -> workers.remove(worker));
    }

    /**
     * SIGTERM with a backup running: its pg_dump is stopped and the backup fails the usual way while
     * the catalog and Kafka are still open (ShutdownEvent comes first): partial file removed, S3 upload
     * aborted, catalog row and {@code backup.failed} saying the service stopped. A backup past its dump
     * (verifying) is left to finish or not: its complete copy and manifest are kept either way.
     */
    void onStop(@jakarta.enterprise.event.Observes ShutdownEvent event) {
        stopping = true;
        runner.abortAll();
        if (workers.isEmpty()) {
            return;
        }
        LOG.warnf("stopping: aborting the running backups %s", running.values().stream().map(Running::backupId).toList());
        try {
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("stopping before the backups %s recorded their end", running.values().stream()
                    .map(Running::backupId).toList());
        } catch (ExecutionException e) {
            // execute() logs its own failures
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The blocking part, on a worker thread. */
    private void execute(Running run) {
        String db = run.database();
        try {
            LOG.infof("backup %s of %s started (%s)", run.backupId(), db, run.trigger());
            BackupRunner.Result result = runner.run(new BackupRunner.Job(run.backupId(), run.requestId(), db,
                    run.trigger(), run.progress()));
            Manifest manifest = result.manifest();
            run.progress().stage("verify");
            Verification verification = verifier.verify(manifest);
            verifications.write(manifest, verification);
            OnWorker.await(() -> catalog.completed(manifest, verification));
            if (!verification.ok()) {
                List<String> good = verification.locations().stream().filter(Verification.LocationCheck::ok)
                        .map(Verification.LocationCheck::location).toList();
                throw new BackupStageException("verify", String.join("; ", verification.problems()), good);
            }
            OnWorker.await(() -> events.completed(completedEvent(manifest, verification, result.warnings())));
            LOG.infof("backup %s of %s completed: %d bytes stored (%d dumped), verified (%s)", run.backupId(), db,
                    manifest.object().sizeBytes(), manifest.object().dumpBytes(), verification.level());
            if (BackupRequested.TRIGGER_SCHEDULE.equals(run.trigger())) {
                incidents.succeeded(db);
            }
            if (!stopping) {
                retention.applyQuietly(db); // not while stopping: retention deletes, and can wait for the next backup
            }
        } catch (BackupStageException e) {
            fail(run, e.stage(), e.getMessage(), e.copiesKept());
        } catch (RuntimeException e) {
            LOG.errorf(e, "backup %s failed unexpectedly", run.backupId());
            fail(run, "internal", e.getClass().getSimpleName() + ": " + e.getMessage(), List.of());
        } finally {
            running.remove(db, run);
        }
    }

    private void fail(Running run, String stage, String failure, List<String> copiesKept) {
        // Stopped by a shutdown, not broken: said so, and no scheduled-backup incident for it.
        String reason = stopping ? "backup-service stopped during the backup (" + failure + ")" : failure;
        LOG.errorf("backup %s of %s failed at %s: %s", run.backupId(), run.database(), stage, reason);
        Instant at = clock.instant();
        try {
            OnWorker.await(() -> catalog.failed(run.backupId(), stage, reason, at));
            OnWorker.await(() -> events.failed(new BackupFailed(run.backupId(), run.requestId(), run.database(), at, stage,
                    reason, copiesKept)));
            if (BackupRequested.TRIGGER_SCHEDULE.equals(run.trigger()) && !stopping) {
                incidents.failed(run.database(), run.backupId(), stage, reason);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the failure of backup %s", run.backupId());
        }
    }

    private static BackupCompleted completedEvent(Manifest m, Verification v, List<String> warnings) {
        return new BackupCompleted(m.backupId(), m.requestId(), m.database(), m.startedAt(), m.completedAt(),
                m.object().sizeBytes(), m.object().sha256(), m.format(), m.compression(), true, v.ok(),
                m.locations(), io.lifeline.archive.manifest.ManifestCodec.manifestName(m.backupId()), m.serverVersion(),
                m.pgDumpVersion(), m.tableRowCounts(), warnings);
    }
}
