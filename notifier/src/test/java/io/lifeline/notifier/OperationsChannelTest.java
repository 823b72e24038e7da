package io.lifeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Recovery events that answer no incident are posted to the operations channel, once per event
 * identity however often Kafka delivers them (each delivery here has a CloudEvents id of its own).
 */
@QuarkusTest
class OperationsChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aFailedBackupIsPostedOnceHoweverOftenItIsDelivered() {
        Receivers receivers = Receivers.fromConfig();
        String suffix = UUID.randomUUID().toString();
        BackupFailed failed = new BackupFailed("bk-" + suffix, "req-" + suffix, "mycelix", Instant.now(), "upload",
                "S3 answered 503 SlowDown");
        BackupFailed marker = new BackupFailed("bk-marker-" + suffix, "req-m-" + suffix, "mycelix", Instant.now(),
                "dump", "pg_dump exited with 1");
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.publish(topics, EventTypes.BACKUP_FAILED, failed);
            Incidents.publish(topics, EventTypes.BACKUP_FAILED, failed);
            Incidents.publish(topics, EventTypes.BACKUP_FAILED, failed);
            // Same key, same partition, behind the three: once it is posted, they were all handled.
            Incidents.publish(topics, EventTypes.BACKUP_FAILED, marker, failed.backupId());

            await().atMost(WAIT).until(() -> receivers.slackOperations(marker.backupId()), p -> !p.isEmpty());
            List<Received> posts = await().atMost(WAIT).until(() -> receivers.slackOperations(failed.backupId() + " "),
                    p -> !p.isEmpty());
            assertThat(posts).hasSize(1);
            Received post = posts.get(0);
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.violation()).isNull();
            assertThat(post.text()).contains("Backup failed: mycelix", "FAILED at upload: S3 answered 503 SlowDown",
                    "nothing usable was written");

            ReceivedEvent<NotificationSent> sent = topics.awaitEvent(EventTypes.NOTIFICATION_SENT,
                    e -> e.incidentId().equals("ops:backup.failed:" + failed.backupId()));
            assertThat(sent.payload().channel()).isEqualTo("slack");
            assertThat(sent.payload().recipient()).isEqualTo("#operations");
            assertThat(receivers.slackOperations(failed.backupId() + " ")).hasSize(1);
        }
    }

    @Test
    void aDrillIsToldWhetherItPassedOrNot() {
        Receivers receivers = Receivers.fromConfig();
        String suffix = UUID.randomUUID().toString();
        Instant end = Instant.now();
        DrillCompleted failed = new DrillCompleted("drill-" + suffix, "bk-" + suffix, end.minusSeconds(95), end, false,
                95_000, false, List.of("row counts differ in public.songs"));
        DrillCompleted passed = new DrillCompleted("drill-ok-" + suffix, "bk-" + suffix, end.minusSeconds(60), end,
                true, 60_000, true, List.of());
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.publish(topics, EventTypes.DRILL_COMPLETED, failed);
            Incidents.publish(topics, EventTypes.DRILL_COMPLETED, passed);
            Incidents.publish(topics, EventTypes.DRILL_COMPLETED, failed);

            Received bad = await().atMost(WAIT).until(() -> receivers.slackOperations(failed.drillId() + " "),
                    p -> !p.isEmpty()).get(0);
            assertThat(bad.text()).contains("Restore drill FAILED", "FAILED in 95 s", "row counts DIFFER",
                    "row counts differ in public.songs");
            Received good = await().atMost(WAIT).until(() -> receivers.slackOperations(passed.drillId() + " "),
                    p -> !p.isEmpty()).get(0);
            assertThat(good.text()).contains("Restore drill passed", "passed in 60 s", "row counts match");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receivers.slackOperations(failed.drillId() + " ").size() == 1);
        }
    }
}
