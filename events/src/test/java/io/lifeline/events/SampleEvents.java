package io.lifeline.events;

import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupPruned;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.health.MaintenanceEnded;
import io.lifeline.events.health.MaintenanceStarted;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.health.ProbeResult;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentEscalated;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.events.notification.NotificationFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreRequested;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.events.restore.RestoreVerification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One realistic payload per event type: the night a scheduled backup ran, the API went down, the
 * router's treasury changed, and a song's audio went missing from IPFS.
 */
public final class SampleEvents {

    public static final Instant NIGHT = Instant.parse("2025-11-27T02:00:00Z");
    // Nanosecond precision on purpose: it must survive the JSON round trip.
    public static final Instant PRECISE = Instant.parse("2025-11-27T02:01:35.123456789Z");

    public static final String DATABASE = "mycelix";
    public static final String BACKUP_ID = "bkp-20251127T020000Z-mycelix";
    public static final String BACKUP_REQUEST_ID = "req-3f1c9a7e";
    public static final String RESTORE_ID = "rst-5a0e44d2";
    public static final String RESTORE_REQUEST_ID = "req-8b22c0f1";
    public static final String API_DEDUP_KEY = IncidentTracker.dedupKey("api", "down");
    public static final String API_INCIDENT_ID = IncidentTracker.incidentId(API_DEDUP_KEY, NIGHT.plusSeconds(600));
    public static final String ROUTER = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    public static final String TX_HASH = "0x8f6ad8a2b6d4f1c35b0e8f2f3c9c0d7e1a2b3c4d5e6f708192a3b4c5d6e7f809";
    public static final String PAUSE_TX_HASH = "0x1c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1";
    public static final String BLOCK_HASH = "0xa3e1f0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6";
    public static final String CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    public static final String LOST_CID = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";

    private static final Map<EventType<?>, Object> SAMPLES = build();

    private SampleEvents() {
    }

    public static Map<EventType<?>, Object> all() {
        return SAMPLES;
    }

    public static <T> T of(EventType<T> type) {
        Object sample = SAMPLES.get(type);
        if (sample == null) {
            throw new IllegalArgumentException("no sample for " + type.topic());
        }
        return type.cast(sample);
    }

    public static ProbeResult failedProbe(Instant at) {
        return new ProbeResult("api-http", false, "503", 1240, "GET /health answered 503", at);
    }

    public static Signal probeSignal(Instant at) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("url", "http://127.0.0.1:3100/health");
        detail.put("httpStatus", 503);
        detail.put("consecutiveFailures", 3);
        detail.put("errorRatio", 0.75);
        detail.put("lastErrors", List.of("503", "503", "timeout"));
        return new Signal("probe.failed", "health-monitor/api-http", at, detail);
    }

    private static Map<EventType<?>, Object> build() {
        Map<EventType<?>, Object> samples = new LinkedHashMap<>();
        Instant backupStart = NIGHT.plusSeconds(1);
        samples.put(EventTypes.BACKUP_REQUESTED, new BackupRequested(BACKUP_REQUEST_ID, DATABASE,
                BackupRequested.TRIGGER_SCHEDULE, "backup-service/scheduler", NIGHT));
        samples.put(EventTypes.BACKUP_STARTED, new BackupStarted(BACKUP_ID, BACKUP_REQUEST_ID, DATABASE,
                BackupRequested.TRIGGER_SCHEDULE, backupStart));
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("songs", 4_210L);
        rows.put("plays", 1_893_340L);
        rows.put("indexer_state", 1L);
        rows.put("strategy_configs", 12L);
        rows.put("indexer_poison", 0L);
        samples.put(EventTypes.BACKUP_COMPLETED, new BackupCompleted(BACKUP_ID, BACKUP_REQUEST_ID, DATABASE,
                backupStart, PRECISE, 734_003_200L,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", BackupCompleted.FORMAT_CUSTOM,
                BackupCompleted.COMPRESSION_ZSTD, true, true,
                List.of("file:/var/backups/mycelix/" + BACKUP_ID + ".dump.zst.age",
                        "s3://mycelix-music-backups/backups/" + BACKUP_ID + ".dump.zst.age"),
                "backups/" + BACKUP_ID + ".manifest.json", "15.8", "15.8", rows));
        samples.put(EventTypes.BACKUP_FAILED, new BackupFailed("bkp-20251126T020000Z-mycelix", "req-0d9e1b2a",
                DATABASE, NIGHT.minusSeconds(86_000), "verify", "S3 copy: SHA-256 mismatch after upload",
                List.of("file:/var/backups/mycelix/bkp-20251126T020000Z-mycelix.dump.zst.gpg")));
        samples.put(EventTypes.BACKUP_PRUNED, new BackupPruned("bkp-20251001T020000Z-mycelix", DATABASE,
                "file:/var/backups/mycelix/bkp-20251001T020000Z-mycelix.dump.zst.gpg", "local older than 30 days",
                Instant.parse("2025-10-01T02:00:05Z"), NIGHT));

        Instant corruptionSeen = NIGHT.plusSeconds(3_600);
        samples.put(EventTypes.RESTORE_REQUESTED, new RestoreRequested(RESTORE_REQUEST_ID, DATABASE,
                BackupSelector.latestBefore(corruptionSeen), API_INCIDENT_ID, "alice (drctl)", corruptionSeen));
        samples.put(EventTypes.RESTORE_STARTED, new RestoreStarted(RESTORE_ID, RESTORE_REQUEST_ID, API_INCIDENT_ID,
                BACKUP_ID, DATABASE, corruptionSeen.plusSeconds(5)));
        samples.put(EventTypes.RESTORE_COMPLETED, new RestoreCompleted(RESTORE_ID, RESTORE_REQUEST_ID,
                API_INCIDENT_ID, BACKUP_ID, DATABASE, corruptionSeen.plusSeconds(5), corruptionSeen.plusSeconds(842),
                PRECISE, new RestoreVerification(false, 5, List.of("plays: 1893340 != 1893342"), true, 31,
                        List.of()),
                new java.util.LinkedHashMap<>(java.util.Map.of("fetch", 61_000L)), 837_000L, 14_400_000L,
                List.of("bk-20251201-0200: SHA-256 does not match the manifest"),
                "file:/var/backups/lifeline/safety/mycelix_pre_rst-5a0e44d2.dump.zst.gpg", "mycelix_pre_rst5a0e44d2",
                List.of()));
        samples.put(EventTypes.RESTORE_FAILED, new RestoreFailed("rst-77c1d0aa", "req-19fe2c3d", null, null,
                "mycelix_scratch", corruptionSeen, "select", "no verified backup of mycelix before the given time",
                true, java.util.Map.of("select", 420L), 420L, List.of()));
        samples.put(EventTypes.DRILL_COMPLETED, new DrillCompleted("drill-2025-12-01", BACKUP_ID,
                Instant.parse("2025-12-01T09:00:00Z"), Instant.parse("2025-12-01T09:05:12Z"), true, 312_000L, true,
                List.of("pg_amcheck skipped: extension missing on scratch server"), true, true, true,
                java.util.Map.of("restore", 290_000L), 14_400_000L));

        Instant firstFailure = NIGHT.plusSeconds(570);
        List<ProbeResult> failures = List.of(failedProbe(firstFailure), failedProbe(firstFailure.plusSeconds(15)),
                new ProbeResult("api-http", false, null, 5_000, "timed out after 5000 ms", firstFailure.plusSeconds(30)));
        samples.put(EventTypes.HEALTH_DEGRADED, new HealthDegraded("api", "api-http", firstFailure, 3, failures));
        samples.put(EventTypes.HEALTH_RECOVERED, new HealthRecovered("api", "api-http", NIGHT.plusSeconds(1_800),
                firstFailure, List.of(new ProbeResult("api-http", true, "200", 38, null, NIGHT.plusSeconds(1_800)))));
        samples.put(EventTypes.HEALTH_HEARTBEAT, new HealthHeartbeat("health-monitor", "hm-7f3a", 1_042L,
                NIGHT.plusSeconds(615), 30, 6, 1, 1));
        samples.put(EventTypes.MAINTENANCE_STARTED, new MaintenanceStarted("mw-sunday-db-20251130", List.of("postgres",
                "api"), Instant.parse("2025-11-30T03:00:00Z"), Instant.parse("2025-11-30T04:00:00Z"),
                "PostgreSQL minor upgrade", "config"));
        samples.put(EventTypes.MAINTENANCE_ENDED, new MaintenanceEnded("mw-sunday-db-20251130", List.of("postgres",
                "api"), Instant.parse("2025-11-30T04:00:00Z"), MaintenanceEnded.EXPIRED));

        Instant opened = NIGHT.plusSeconds(600);
        samples.put(EventTypes.INCIDENT_OPENED, new IncidentOpened(API_INCIDENT_ID, API_DEDUP_KEY, Severity.HIGH, "api",
                "down", "API /health failing: 3 consecutive failures", List.of(probeSignal(opened)),
                "https://runbooks.example.org/api-down", opened, "health-monitor"));
        samples.put(EventTypes.INCIDENT_UPDATED, new IncidentUpdated(API_INCIDENT_ID, API_DEDUP_KEY, Severity.CRITICAL,
                "API down: /health unreachable for 5 minutes",
                List.of(probeSignal(opened), probeSignal(opened.plusSeconds(300))), 2, opened.plusSeconds(300), "api"));
        samples.put(EventTypes.INCIDENT_ACKNOWLEDGED, new IncidentAcknowledged(API_INCIDENT_ID, "alice", "pagerduty",
                opened.plusSeconds(420)));
        samples.put(EventTypes.INCIDENT_ESCALATED, new IncidentEscalated(API_INCIDENT_ID, 1, "devops-lead", "Bob",
                "not acknowledged within 5 minutes", opened.plusSeconds(300)));
        samples.put(EventTypes.INCIDENT_RESOLVED, new IncidentResolved(API_INCIDENT_ID, API_DEDUP_KEY,
                "api-http passes again", "health-monitor", NIGHT.plusSeconds(1_800), "api"));

        Map<String, String> values = new LinkedHashMap<>();
        values.put("oldTreasury", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        values.put("newTreasury", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        values.put("sender", "0x90F79bf6EB2c4f870365E785982E1f101E93b906");
        samples.put(EventTypes.CONTRACT_ANOMALY, new ContractAnomaly("anm-4c2e9b10", "100:" + ROUTER.toLowerCase()
                + ":treasury-changed:" + TX_HASH + ":3", 100L, ROUTER, "treasury-changed", Severity.CRITICAL, TX_HASH,
                3L, 38_112_405L, BLOCK_HASH, 12L, values, NIGHT.plusSeconds(7_200)));
        samples.put(EventTypes.CONTRACT_PAUSED, new ContractPaused(100L, ROUTER, PAUSE_TX_HASH, 38_112_431L,
                "inc-2b7e2f6c-8f1e-3c8e-9a53-0a1b2c3d4e5f", "anm-4c2e9b10", "alice", NIGHT.plusSeconds(7_380)));

        samples.put(EventTypes.IPFS_CONTENT_MISSING, new IpfsContentMissing(CID, "song-0042", List.of("local-node"),
                List.of("https://ipfs.io", "https://gateway.pinata.cloud"), NIGHT.plusSeconds(900)));
        samples.put(EventTypes.IPFS_CONTENT_REPINNED, new IpfsContentRepinned(CID, "song-0042", "local-node",
                "https://ipfs.io", null, NIGHT.plusSeconds(960)));
        samples.put(EventTypes.IPFS_CONTENT_LOST, new IpfsContentLost(LOST_CID, "song-0043",
                List.of("local-node", "https://ipfs.io", "https://gateway.pinata.cloud"),
                "inc-0c8d1f2e-5b6a-3c7d-8e9f-a0b1c2d3e4f5", NIGHT.plusSeconds(1_000)));

        samples.put(EventTypes.NOTIFICATION_SENT, new NotificationSent("ntf-0001", API_INCIDENT_ID,
                NotificationSent.CHANNEL_PAGERDUTY, "devops-lead", API_DEDUP_KEY, opened.plusSeconds(2)));
        samples.put(EventTypes.NOTIFICATION_FAILED, new NotificationFailed("ntf-0002", API_INCIDENT_ID,
                NotificationSent.CHANNEL_SLACK, "#incidents", "429 rate limited", false, opened.plusSeconds(2)));
        return Map.copyOf(samples);
    }
}
