package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The RPO watch and the drill watch, driven by real events on the broker: a backup too old, a
 * scheduled backup that stops arriving (nightly_test: expected every 3 s, 1 s grace; cron_test: the
 * backup-service's cron firing every 5 s, 1 s grace), a drill too old.
 */
@QuarkusTest
class BackupWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aNewestVerifiedBackupOlderThanTheRpoOpensAnIncidentAndAFreshOneResolvesIt() {
        Instant testStart = Instant.now();
        String database = "db_" + UUID.randomUUID().toString().substring(0, 8);
        try (EventTopics topics = EventTopics.fromConfig()) {
            send(topics, EventTypes.BACKUP_COMPLETED, backup(database, Instant.now().minus(Duration.ofHours(25)), true));

            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals(database + "/backup.stale"), WAIT).get(0);
            assertThat(opened.payload().severity()).isEqualTo(Severity.HIGH);
            assertThat(opened.payload().summary()).contains("is 25 h old (RPO 24 h)");

            // An unverified backup does not count; a verified one within the RPO resolves.
            send(topics, EventTypes.BACKUP_COMPLETED, backup(database, Instant.now(), false));
            BackupCompleted fresh = backup(database, Instant.now(), true);
            send(topics, EventTypes.BACKUP_COMPLETED, fresh);
            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            given().when().get("/backups/freshness").then().statusCode(200)
                    .body("find { it.database == '" + database + "' }.backupId", equalTo(fresh.backupId()))
                    .body("find { it.database == '" + database + "' }.withinRpo", equalTo(true));

            assertThat(Events.opened(topics, database + "/backup.stale", testStart)).hasSize(1);
            assertThat(Events.resolved(topics, incidentId)).hasSize(1);
        }
    }

    @Test
    void aScheduledBackupThatNeverStartsRaisesTheDeadMansAlarmOnce() {
        try (EventTopics topics = EventTopics.fromConfig()) {
            // Whatever came before (the monitor alarms too when nothing started since its own start,
            // which may fall just now): a backup starts, then none for longer than 3 s + 1 s.
            send(topics, EventTypes.BACKUP_STARTED, started("nightly_test"));
            Instant started = Instant.now();
            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("nightly_test/backup.missed")
                            && e.openedAt().isAfter(started.plusSeconds(3)),
                    WAIT).get(0);
            assertThat(opened.payload().summary()).contains("no backup of nightly_test has started");

            send(topics, EventTypes.BACKUP_STARTED, started("nightly_test"));
            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(Events.opened(topics, "nightly_test/backup.missed", started.plusSeconds(3))).as("one alarm per silence")
                    .hasSize(1);
        }
    }

    @Test
    void aCronFireWithoutItsScheduledBackupRaisesTheAlarmOnceAndTheNextScheduledStartResolvesIt() {
        try (EventTopics topics = EventTopics.fromConfig()) {
            // cron_test follows a backup-service cron firing every 5 s, 1 s grace. A manual backup does not
            // prove the scheduler alive: the alarm comes after a fire time that no scheduled start answered.
            send(topics, EventTypes.BACKUP_STARTED, started("cron_test"));
            Instant lastScheduled = Instant.now();
            send(topics, EventTypes.BACKUP_STARTED, started("cron_test", BackupRequested.TRIGGER_REST));
            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("cron_test/backup.missed") && e.openedAt().isAfter(lastScheduled),
                    WAIT).get(0);
            assertThat(opened.payload().summary()).contains("the scheduled backup of cron_test due at")
                    .contains("cron '*/5 * * * * ?' UTC").contains("has not started within 1 s");
            Instant due = Instant.parse(String.valueOf(opened.payload().signals().get(0).detail().get("dueAt")));
            assertThat(due).isAfter(lastScheduled.minusSeconds(3));
            assertThat(due.atZone(java.time.ZoneOffset.UTC).getSecond() % 5).as("a fire time of the cron").isZero();
            assertThat(opened.payload().openedAt()).isAfterOrEqualTo(due.plusSeconds(1));

            // The scheduler is back: its next start resolves the alarm, which was raised once.
            send(topics, EventTypes.BACKUP_STARTED, started("cron_test"));
            String incidentId = opened.payload().incidentId();
            ReceivedEvent<IncidentResolved> resolved = topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1,
                    e -> e.incidentId().equals(incidentId), WAIT).get(0);
            assertThat(Events.opened(topics, "cron_test/backup.missed", lastScheduled).stream()
                    .filter(e -> e.openedAt().isBefore(resolved.payload().resolvedAt())))
                    .as("one alarm per silence").hasSize(1);
        }
    }

    @Test
    void noSuccessfulDrillFor35DaysIsAMediumIncidentUntilADrillSucceeds() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            send(topics, EventTypes.DRILL_COMPLETED, drill(Instant.now().minus(Duration.ofDays(36)), true));
            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("restore-drill/drill.overdue") && !e.openedAt().isBefore(testStart),
                    WAIT).get(0);
            assertThat(opened.payload().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(opened.payload().summary()).contains("36 days ago");

            send(topics, EventTypes.DRILL_COMPLETED, drill(Instant.now(), false)); // a failed drill resets nothing
            DrillCompleted good = drill(Instant.now(), true);
            send(topics, EventTypes.DRILL_COMPLETED, good);
            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            given().when().get("/backups/drills").then().statusCode(200)
                    .body("successfulDrillId", equalTo(good.drillId()));
            assertThat(Events.opened(topics, "restore-drill/drill.overdue", testStart)).hasSize(1);
        }
    }

    private static <T> void send(EventTopics topics, EventType<T> type, T payload) {
        topics.sendRaw(type.topic(), type.key(payload), EventCodec.encode(type, payload), Map.of());
    }

    private static BackupCompleted backup(String database, Instant completedAt, boolean verified) {
        String id = "bk-" + UUID.randomUUID();
        return new BackupCompleted(id, "req-" + id, database, completedAt.minusSeconds(60), completedAt, 1024,
                "a".repeat(64), BackupCompleted.FORMAT_CUSTOM, BackupCompleted.COMPRESSION_ZSTD, true, verified,
                List.of("s3://lifeline-backups/" + id), "manifests/" + id + ".json", "15.19", "15.19",
                Map.of("public.songs", 10L));
    }

    private static BackupStarted started(String database) {
        return started(database, BackupRequested.TRIGGER_SCHEDULE);
    }

    private static BackupStarted started(String database, String trigger) {
        String id = "bk-" + UUID.randomUUID();
        return new BackupStarted(id, "req-" + id, database, trigger, Instant.now());
    }

    private static DrillCompleted drill(Instant completedAt, boolean success) {
        return new DrillCompleted("drill-" + UUID.randomUUID(), "bk-" + UUID.randomUUID(),
                completedAt.minusSeconds(300), completedAt, success, 300_000L, success,
                success ? List.of() : List.of("row counts differ"));
    }
}
