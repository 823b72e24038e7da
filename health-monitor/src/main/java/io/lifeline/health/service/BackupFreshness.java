package io.lifeline.health.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.backup.BackupCompleted;

/**
 * The newest verified backup of each database, learned from {@code backup.completed}: the seed of
 * the RPO watch. Idempotent: the same event twice, or an older one late, changes nothing.
 */
@ApplicationScoped
public class BackupFreshness {

    private final Map<String, BackupCompleted> newestByDatabase = new ConcurrentHashMap<>();
    private final Clock clock;

    public BackupFreshness(Clock clock) {
        this.clock = clock;
    }

    public void record(BackupCompleted backup) {
        if (!backup.verified()) {
            return;
        }
        newestByDatabase.merge(backup.database(), backup,
                (known, incoming) -> incoming.completedAt().isAfter(known.completedAt()) ? incoming : known);
    }

    public Optional<BackupCompleted> newest(String database) {
        return Optional.ofNullable(newestByDatabase.get(database));
    }

    public Map<String, Freshness> all() {
        Map<String, Freshness> view = new TreeMap<>();
        newestByDatabase.forEach((db, b) -> view.put(db, new Freshness(db, b.backupId(), b.completedAt(),
                Duration.between(b.completedAt(), clock.instant()).toSeconds())));
        return view;
    }

    public record Freshness(String database, String backupId, java.time.Instant completedAt, long ageSeconds) {
    }
}
