package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.db;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/** health-monitor reports corruption; with the policy {@code auto} (the test profile), the restore follows. */
@QuarkusTest
class CorruptionIncidentTest {

    private static final String TARGET = "incident";

    @Test
    void aCorruptionIncidentRestoresTheLatestVerifiedBackup() throws Exception {
        Map<String, Long> original = TestBackups.rowCounts(db(TARGET));
        TestBackups.lifeline(TARGET, Instant.now().minusSeconds(900), RestoreFaultsTest.key("recipient"), false);
        TestBackups.execute(db(TARGET), "DELETE FROM plays WHERE id % 2 = 0");
        String incidentId = "inc-" + System.nanoTime();
        IncidentOpened incident = new IncidentOpened(incidentId, TARGET + "/database.corruption", Severity.CRITICAL,
                TARGET, "database.corruption", "pg_amcheck found corruption",
                List.of(new Signal("probe.database.corruption", "health-monitor/" + TARGET + "-amcheck", Instant.now(),
                        Map.of("tool", "pg_amcheck"))), null, Instant.now(), "health-monitor");
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw("incident.opened", incidentId, EventCodec.encode(EventTypes.INCIDENT_OPENED, incident),
                    Map.of());
            RestoreStarted started = topics.awaitEvents(EventTypes.RESTORE_STARTED, 1,
                    e -> incidentId.equals(e.incidentId()), Duration.ofSeconds(120)).get(0).payload();
            assertThat(started.requestId()).isEqualTo("incident-" + incidentId);
            RestoreCompleted done = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> incidentId.equals(e.incidentId()), Duration.ofSeconds(120)).get(0).payload();
            assertThat(done.target()).isEqualTo(TARGET);
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(original);
        }
    }
}
