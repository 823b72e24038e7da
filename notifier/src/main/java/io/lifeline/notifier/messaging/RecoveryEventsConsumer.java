package io.lifeline.notifier.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.notifier.service.IncidentService;
import io.lifeline.notifier.service.NotificationRelay;
import io.smallrye.mutiny.Uni;

/**
 * The recovery events that tell an incident's story — restores, a contract paused, content re-pinned
 * or lost — posted to the incident's Slack channel. Events that answer no incident are left alone;
 * unreadable ones go to {@code dlq.notifier} like any other.
 */
@ApplicationScoped
public class RecoveryEventsConsumer {

    public static final String RESTORE_STARTED = "restore-started";
    public static final String RESTORE_COMPLETED = "restore-completed";
    public static final String RESTORE_FAILED = "restore-failed";
    public static final String CONTRACT_PAUSED = "contract-paused";
    public static final String IPFS_CONTENT_LOST = "ipfs-content-lost";
    public static final String IPFS_CONTENT_REPINNED = "ipfs-content-repinned";

    private final IncidentService incidents;
    private final NotificationRelay relay;

    public RecoveryEventsConsumer(IncidentService incidents, NotificationRelay relay) {
        this.incidents = incidents;
        this.relay = relay;
    }

    @Incoming(RESTORE_STARTED)
    public Uni<Void> onRestoreStarted(String json) {
        return decode(EventTypes.RESTORE_STARTED, json).chain((RestoreStarted e) -> tell(e.incidentId(),
                Topics.RESTORE_STARTED + ":" + e.restoreId(), "restore " + e.restoreId() + " of " + e.target()
                        + " from backup " + e.backupId() + " started"));
    }

    @Incoming(RESTORE_COMPLETED)
    public Uni<Void> onRestoreCompleted(String json) {
        return decode(EventTypes.RESTORE_COMPLETED, json).chain((RestoreCompleted e) -> tell(e.incidentId(),
                Topics.RESTORE_COMPLETED + ":" + e.restoreId(), "restore " + e.restoreId() + " of " + e.target()
                        + " completed from backup " + e.backupId() + " taken at " + e.backupTakenAt()));
    }

    @Incoming(RESTORE_FAILED)
    public Uni<Void> onRestoreFailed(String json) {
        return decode(EventTypes.RESTORE_FAILED, json).chain((RestoreFailed e) -> tell(e.incidentId(),
                Topics.RESTORE_FAILED + ":" + e.restoreId(), "restore " + e.restoreId() + " of " + e.target()
                        + " FAILED at " + e.stage() + ": " + e.reason()));
    }

    @Incoming(CONTRACT_PAUSED)
    public Uni<Void> onContractPaused(String json) {
        return decode(EventTypes.CONTRACT_PAUSED, json).chain((ContractPaused e) -> tell(e.incidentId(),
                Topics.CONTRACT_PAUSED + ":" + e.txHash(), "contract " + e.contract() + " paused in transaction "
                        + e.txHash() + (e.approvedBy() == null ? "" : ", approved by " + e.approvedBy())));
    }

    @Incoming(IPFS_CONTENT_LOST)
    public Uni<Void> onContentLost(String json) {
        return decode(EventTypes.IPFS_CONTENT_LOST, json).chain((IpfsContentLost e) -> tell(e.incidentId(),
                Topics.IPFS_CONTENT_LOST + ":" + e.cid(), "content " + e.cid() + " (song " + e.songId()
                        + ") is LOST: no copy found in " + e.checked().size() + " places checked"));
    }

    @Incoming(IPFS_CONTENT_REPINNED)
    public Uni<Void> onContentRepinned(String json) {
        return decode(EventTypes.IPFS_CONTENT_REPINNED, json).chain((IpfsContentRepinned e) -> tell(e.incidentId(),
                Topics.IPFS_CONTENT_REPINNED + ":" + e.cid() + "@" + e.pinnedAt().toEpochMilli(), "content " + e.cid()
                        + " re-pinned to " + e.pinnedTo() + " from " + e.source()));
    }

    private static <T> Uni<T> decode(EventType<T> type, String json) {
        return Uni.createFrom().item(() -> EventCodec.decode(type, json));
    }

    private Uni<Void> tell(String incidentId, String step, String what) {
        if (incidentId == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Boolean>deferred(() -> incidents.story(incidentId, step, what))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .invoke(queued -> {
                    if (queued) {
                        relay.kick();
                    }
                })
                .replaceWithVoid();
    }
}
