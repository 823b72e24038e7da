package io.lifeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Java producers cannot build what the schemas reject. */
class PayloadRecordsTest {

    private static final Instant AT = SampleEvents.NIGHT;

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertThatThrownBy(() -> new HealthDegraded(null, "api-http", AT, 3, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("component is required");
        assertThatThrownBy(() -> new BackupRequested("req-1", " ", "schedule", "cron", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("database must not be blank");
        assertThatThrownBy(() -> new HealthDegraded("api", "api-http", null, 3, List.of()))
                .hasMessage("since is required");
    }

    @Test
    void enumeratedStringsAreChecked() {
        assertThatThrownBy(() -> new BackupRequested("req-1", "mycelix", "cron", "me", AT))
                .hasMessage("trigger must be one of [drctl, event, rest, schedule]");
        assertThatThrownBy(() -> new NotificationSent("n-1", "inc-1", "email", "ops", null, AT))
                .hasMessageStartingWith("channel must be one of");
    }

    @Test
    void nullListsAndMapsBecomeEmptyAndEverythingIsImmutable() {
        HealthDegraded degraded = new HealthDegraded("api", "api-http", AT, 1, null);
        Signal signal = new Signal("probe.failed", "health-monitor", AT, null);

        assertThat(degraded.results()).isEmpty();
        assertThat(signal.detail()).isEmpty();
        assertThatThrownBy(() -> degraded.results().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsCopyTheirCollections() {
        List<String> missingFrom = new ArrayList<>(List.of("local-node"));
        IpfsContentMissing missing = new IpfsContentMissing(SampleEvents.CID, null, missingFrom, null, AT);

        missingFrom.add("pinata");

        assertThat(missing.missingFrom()).containsExactly("local-node");
    }

    @Test
    void freeFormDetailMayHoldJsonNull() {
        Map<String, Object> detail = new HashMap<>();
        detail.put("lastStatus", null);

        Signal signal = new Signal("probe.failed", "health-monitor", AT, detail);

        assertThat(signal.detail()).containsEntry("lastStatus", null);
        assertThat(EventCodec.encode(signal)).contains("\"detail\":{\"lastStatus\":null}");
    }

    @Test
    void backupSelectorCarriesExactlyWhatItsKindNeeds() {
        assertThat(BackupSelector.id("bkp-1").backupId()).isEqualTo("bkp-1");
        assertThat(BackupSelector.latestBefore(AT).before()).isEqualTo(AT);
        assertThat(BackupSelector.latestVerified()).isEqualTo(new BackupSelector("latest-verified", null, null));

        assertThatThrownBy(() -> BackupSelector.id(null)).hasMessage("backupId is required");
        assertThatThrownBy(() -> BackupSelector.latestBefore(null))
                .hasMessage("before is required when kind is 'latest-before'");
        assertThatThrownBy(() -> new BackupSelector("latest-verified", "bkp-1", null))
                .hasMessage("backupId is only allowed when kind is 'id'");
        assertThatThrownBy(() -> new BackupSelector("id", "bkp-1", AT))
                .hasMessage("before is only allowed when kind is 'latest-before'");
        assertThatThrownBy(() -> new BackupSelector("newest", null, null)).hasMessageStartingWith("kind must be one of");
    }

    @Test
    void patternsAndBoundsMirrorTheSchemas() {
        BackupCompleted ok = SampleEvents.of(EventTypes.BACKUP_COMPLETED);
        assertThatThrownBy(() -> new BackupCompleted(ok.backupId(), ok.requestId(), ok.database(), ok.startedAt(),
                ok.completedAt(), ok.sizeBytes(), ok.sha256().toUpperCase(), ok.format(), ok.compression(),
                ok.encrypted(), ok.verified(), ok.locations(), ok.manifestKey(), ok.serverVersion(),
                ok.pgDumpVersion(), ok.tableRowCounts())).hasMessageStartingWith("sha256 does not match");
        assertThatThrownBy(() -> new BackupCompleted(ok.backupId(), ok.requestId(), ok.database(), ok.startedAt(),
                ok.completedAt(), -1, ok.sha256(), ok.format(), ok.compression(), ok.encrypted(), ok.verified(),
                ok.locations(), ok.manifestKey(), ok.serverVersion(), ok.pgDumpVersion(), ok.tableRowCounts()))
                .hasMessage("sizeBytes must be >= 0");
        assertThatThrownBy(() -> new BackupCompleted(ok.backupId(), ok.requestId(), ok.database(), ok.startedAt(),
                ok.completedAt(), 1, ok.sha256(), ok.format(), ok.compression(), ok.encrypted(), ok.verified(),
                List.of(), ok.manifestKey(), ok.serverVersion(), ok.pgDumpVersion(), ok.tableRowCounts()))
                .hasMessage("locations must not be empty");

        ContractAnomaly a = SampleEvents.of(EventTypes.CONTRACT_ANOMALY);
        assertThatThrownBy(() -> new ContractAnomaly(a.anomalyId(), a.dedupKey(), a.chainId(), "0xabc", a.rule(),
                a.severity(), a.txHash(), a.logIndex(), a.blockNumber(), a.blockHash(), a.confirmations(),
                a.values(), a.detectedAt())).hasMessageStartingWith("contract does not match");
        assertThatThrownBy(() -> new RestoreVerification(true, -1, null, null))
                .hasMessage("tablesChecked must be >= 0");
    }

    @Test
    void severityIsLowerCaseOnTheWireAndOrderedBySeriousness() {
        assertThat(EventCodec.encode(Severity.CRITICAL)).isEqualTo("\"critical\"");
        assertThat(Severity.fromWireName("HIGH")).isEqualTo(Severity.HIGH);
        assertThat(Severity.CRITICAL.isMoreSevereThan(Severity.HIGH)).isTrue();
        assertThat(Severity.MEDIUM.isMoreSevereThan(Severity.HIGH)).isFalse();
        assertThat(Severity.mostSevere(Severity.MEDIUM, Severity.HIGH)).isEqualTo(Severity.HIGH);
        assertThat(Severity.mostSevere(Severity.CRITICAL, Severity.HIGH)).isEqualTo(Severity.CRITICAL);
        assertThatThrownBy(() -> Severity.fromWireName("urgent"))
                .hasMessage("severity must be one of [critical, high, medium]");
    }

    @Test
    void contractKeyIsTheLowerCaseAddressWhateverTheConfiguredCase() {
        ContractAnomaly anomaly = SampleEvents.of(EventTypes.CONTRACT_ANOMALY);

        assertThat(anomaly.contract()).isEqualTo(SampleEvents.ROUTER);
        assertThat(EventTypes.CONTRACT_ANOMALY.key(anomaly)).isEqualTo("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    }

    @Test
    void castRefusesAPayloadOfAnotherTopic() {
        Object wrong = SampleEvents.of(EventTypes.HEALTH_RECOVERED);

        assertThatThrownBy(() -> EventTypes.HEALTH_DEGRADED.cast(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("health.degraded carries io.lifeline.events.health.HealthDegraded");
    }
}
