package io.lifeline.notifier.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.notifier.service.IncidentService;
import io.lifeline.notifier.service.NotificationRelay;
import io.lifeline.notifier.service.OperationsNotices;
import io.smallrye.mutiny.Uni;

/**
 * The recovery events that tell an incident's story — restores, a contract paused, content re-pinned
 * or lost — posted to the incident's Slack channel. Events that answer no incident (and those that
 * never do: a failed backup, a drill, content found missing) go to the operations channel, once per
 * event identity; unreadable ones go to {@code dlq.notifier} like any other.
 */
@ApplicationScoped
public class RecoveryEventsConsumer {

    public static final String RESTORE_STARTED = "restore-started";
    public static final String RESTORE_COMPLETED = "restore-completed";
    public static final String RESTORE_FAILED = "restore-failed";
    public static final String CONTRACT_PAUSED = "contract-paused";
    public static final String IPFS_CONTENT_LOST = "ipfs-content-lost";
    public static final String IPFS_CONTENT_REPINNED = "ipfs-content-repinned";
    public static final String IPFS_CONTENT_MISSING = "ipfs-content-missing";
    public static final String BACKUP_FAILED = "backup-failed";
    public static final String DRILL_COMPLETED = "drill-completed";

    private final IncidentService incidents;
    private final OperationsNotices operations;
    private final NotificationRelay relay;

    public RecoveryEventsConsumer(IncidentService incidents, OperationsNotices operations, NotificationRelay relay) {
        this.incidents = incidents;
        this.operations = operations;
        this.relay = relay;
    }

    @Incoming(BACKUP_FAILED)
    public Uni<Void> onBackupFailed(String json) {
        return decode(EventTypes.BACKUP_FAILED, json).chain((BackupFailed e) -> tell(null,
                Topics.BACKUP_FAILED + ":" + e.backupId(), ":x: Backup failed: " + e.database(),
                "backup " + e.backupId() + " of " + e.database() + " FAILED at " + e.stage() + ": " + e.reason()
                        + (e.copiesKept().isEmpty() ? "; nothing usable was written"
                                : "; copies kept: " + String.join(", ", e.copiesKept()))));
    }

    @Incoming(DRILL_COMPLETED)
    public Uni<Void> onDrillCompleted(String json) {
        return decode(EventTypes.DRILL_COMPLETED, json).chain((DrillCompleted e) -> tell(null,
                Topics.DRILL_COMPLETED + ":" + e.drillId(), e.success() ? ":white_check_mark: Restore drill passed"
                        : ":x: Restore drill FAILED",
                "drill " + e.drillId() + " of backup " + e.backupId() + (e.success() ? " passed" : " FAILED")
                        + " in " + Math.round(e.durationMillis() / 1000.0) + " s"
                        + (e.rtoMillis() == null ? "" : " (RTO " + Math.round(e.rtoMillis() / 60000.0) + " min)")
                        + (e.rowCountsMatch() ? "; row counts match" : "; row counts DIFFER")
                        + (e.issues().isEmpty() ? "" : "; issues: " + String.join("; ", e.issues()))));
    }

    @Incoming(IPFS_CONTENT_MISSING)
    public Uni<Void> onContentMissing(String json) {
        return decode(EventTypes.IPFS_CONTENT_MISSING, json).chain((IpfsContentMissing e) -> tell(null,
                Topics.IPFS_CONTENT_MISSING + ":" + e.cid() + "@" + e.checkedAt().toEpochMilli(),
                ":warning: IPFS content missing", "content " + e.cid()
                        + (e.songId() == null ? "" : " (song " + e.songId() + ")") + " missing from "
                        + String.join(", ", e.missingFrom()) + (e.foundAt().isEmpty() ? "; no known copy left"
                                : "; still at " + String.join(", ", e.foundAt()))));
    }

    @Incoming(RESTORE_STARTED)
    public Uni<Void> onRestoreStarted(String json) {
        return decode(EventTypes.RESTORE_STARTED, json).chain((RestoreStarted e) -> tell(e.incidentId(),
                Topics.RESTORE_STARTED + ":" + e.restoreId(), "Restore", "restore " + e.restoreId() + " of " + e.target()
                        + " from backup " + e.backupId() + " started"));
    }

    @Incoming(RESTORE_COMPLETED)
    public Uni<Void> onRestoreCompleted(String json) {
        return decode(EventTypes.RESTORE_COMPLETED, json).chain((RestoreCompleted e) -> tell(e.incidentId(),
                Topics.RESTORE_COMPLETED + ":" + e.restoreId(), "Restore", "restore " + e.restoreId() + " of " + e.target()
                        + " completed from backup " + e.backupId() + " taken at " + e.backupTakenAt()));
    }

    @Incoming(RESTORE_FAILED)
    public Uni<Void> onRestoreFailed(String json) {
        return decode(EventTypes.RESTORE_FAILED, json).chain((RestoreFailed e) -> tell(e.incidentId(),
                Topics.RESTORE_FAILED + ":" + e.restoreId(), "Restore", "restore " + e.restoreId() + " of " + e.target()
                        + " FAILED at " + e.stage() + ": " + e.reason()));
    }

    @Incoming(CONTRACT_PAUSED)
    public Uni<Void> onContractPaused(String json) {
        return decode(EventTypes.CONTRACT_PAUSED, json).chain((ContractPaused e) -> tell(e.incidentId(),
                Topics.CONTRACT_PAUSED + ":" + e.txHash(), ":octagonal_sign: Contract paused", "contract " + e.contract() + " paused in transaction "
                        + e.txHash() + (e.approvedBy() == null ? "" : ", approved by " + e.approvedBy())));
    }

    @Incoming(IPFS_CONTENT_LOST)
    public Uni<Void> onContentLost(String json) {
        return decode(EventTypes.IPFS_CONTENT_LOST, json).chain((IpfsContentLost e) -> tell(e.incidentId(),
                Topics.IPFS_CONTENT_LOST + ":" + e.cid(), ":x: IPFS content lost", "content " + e.cid() + " (song " + e.songId()
                        + ") is LOST: no copy found in " + e.checked().size() + " places checked"));
    }

    @Incoming(IPFS_CONTENT_REPINNED)
    public Uni<Void> onContentRepinned(String json) {
        return decode(EventTypes.IPFS_CONTENT_REPINNED, json).chain((IpfsContentRepinned e) -> tell(e.incidentId(),
                Topics.IPFS_CONTENT_REPINNED + ":" + e.cid() + "@" + e.pinnedAt().toEpochMilli(),
                ":pushpin: IPFS content re-pinned", "content " + e.cid()
                        + " re-pinned to " + e.pinnedTo() + " from " + e.source()));
    }

    private static <T> Uni<T> decode(EventType<T> type, String json) {
        return Uni.createFrom().item(() -> EventCodec.decode(type, json));
    }

    /** To the incident's channel; without an incident, to the operations channel ({@code headline} used there). */
    private Uni<Void> tell(String incidentId, String step, String headline, String what) {
        return Uni.createFrom().<Boolean>deferred(() -> incidentId == null ? operations.post(step, headline, what)
                : incidents.story(incidentId, step, what))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .invoke(queued -> {
                    if (queued) {
                        relay.kick();
                    }
                })
                .replaceWithVoid();
    }
}
