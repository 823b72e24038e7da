package io.lifeline.backup.retention;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.backup.catalog.BackupRecord;
import io.lifeline.backup.catalog.CatalogService;
import io.lifeline.backup.config.BackupConfig;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.backup.messaging.BackupEventPublisher;
import io.lifeline.backup.store.LocalStore;
import io.lifeline.backup.store.S3Store;
import io.lifeline.events.backup.BackupPruned;
import io.lifeline.backup.service.OnWorker;

/**
 * Applies {@link RetentionPolicy} to the catalog: deletes each copy it lets go (with the manifest
 * beside it in that store, so a rebuild does not resurrect it) and publishes {@code backup.pruned}.
 * Blocking; call it on a worker thread.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final BackupConfig config;
    private final CatalogService catalog;
    private final LocalStore local;
    private final S3Store s3;
    private final BackupEventPublisher events;
    private final Clock clock;

    public RetentionService(BackupConfig config, CatalogService catalog, LocalStore local, S3Store s3,
            BackupEventPublisher events, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.local = local;
        this.s3 = s3;
        this.events = events;
        this.clock = clock;
    }

    public List<RetentionPolicy.Deletion> plan(String database) {
        List<BackupRecord> completed = OnWorker.await(catalog::completed);
        List<RetentionPolicy.Candidate> candidates = completed.stream()
                .filter(r -> database == null || r.database.equals(database))
                .filter(r -> r.completedAt != null)
                .map(r -> new RetentionPolicy.Candidate(r.backupId, r.database, r.completedAt, r.verified,
                        CatalogService.locations(r)))
                .toList();
        BackupConfig.Retention r = config.retention();
        return RetentionPolicy.plan(candidates, new RetentionPolicy.Settings(r.localDays(), r.s3Days(), r.minimumKept(),
                r.keepDaily(), r.keepWeekly(), r.keepMonthly()), clock.instant());
    }

    /** Deletes what the plan lets go; returns what was deleted (a dry run only plans). */
    public List<RetentionPolicy.Deletion> apply(String database, boolean dryRun) {
        List<RetentionPolicy.Deletion> plan = plan(database);
        if (dryRun) {
            return plan;
        }
        List<RetentionPolicy.Deletion> done = new ArrayList<>();
        for (RetentionPolicy.Deletion d : plan) {
            try {
                delete(d);
                OnWorker.await(() -> catalog.locationRemoved(d.backupId(), d.location()));
                OnWorker.await(() -> events.pruned(new BackupPruned(d.backupId(), d.database(), d.location(), d.rule(),
                        d.takenAt(), clock.instant())));
                done.add(d);
                LOG.infof("retention: removed %s (%s)", d.location(), d.rule());
            } catch (IOException | RuntimeException e) {
                LOG.warnf("retention: could not remove %s: %s", d.location(), e.getMessage());
            }
        }
        return done;
    }

    public void applyQuietly(String database) {
        try {
            apply(database, false);
        } catch (RuntimeException e) {
            LOG.warnf("retention after backup failed: %s", e.getMessage());
        }
    }

    private void delete(RetentionPolicy.Deletion d) throws IOException {
        if (LocalStore.owns(d.location())) {
            local.delete(d.location());
            local.delete(local.location(d.database(), ManifestCodec.manifestName(d.backupId())));
            local.delete(local.location(d.database(), ManifestCodec.verificationName(d.backupId())));
            local.delete(local.location(d.database(), ManifestCodec.artefactsName(d.backupId())));
        } else if (S3Store.owns(d.location())) {
            s3.delete(d.location());
            s3.delete(s3.location(d.database(), ManifestCodec.manifestName(d.backupId())));
            s3.delete(s3.location(d.database(), ManifestCodec.verificationName(d.backupId())));
            s3.delete(s3.location(d.database(), ManifestCodec.artefactsName(d.backupId())));
        }
    }
}
