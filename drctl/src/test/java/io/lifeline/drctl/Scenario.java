package io.lifeline.drctl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lifeline.drctl.replay.RecordedEvent;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.health.ProbeResult;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.notification.NotificationFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreStarted;

/**
 * The plan's Scenario 1 as the services publish it (database corruption → incident → page →
 * acknowledgement → restore → recovery → resolution), each event valid against its schema, plus
 * unrelated traffic that a postmortem must leave out. Times are offsets from {@code t0}.
 */
final class Scenario {

    final Instant t0;
    final String incidentId;
    final String otherIncidentId;
    final String backupId = "bk-20261126-0200";
    final Instant backupTakenAt;
    final List<Entry> entries = new ArrayList<>();

    record Entry(String topic, String key, Map<String, String> headers, String value, Instant at) {
    }

    Scenario(Instant t0) {
        this.t0 = t0;
        this.backupTakenAt = t0.minus(Duration.ofHours(9));
        String dedup = IncidentTracker.dedupKey("postgres", "database.corruption");
        this.incidentId = IncidentTracker.incidentId(dedup, at(60));
        String otherDedup = IncidentTracker.dedupKey("api", "component.down");
        this.otherIncidentId = IncidentTracker.incidentId(otherDedup, at(30));

        // The backup restored later was taken the night before: its own story.
        add(EventTypes.BACKUP_STARTED, new BackupStarted(backupId, "req-nightly", "mycelix", "schedule", backupTakenAt),
                backupTakenAt);
        // First failing probe at +0 s, degraded after 3 failures at +40 s.
        ProbeResult fail = new ProbeResult("postgres-songs", false, "XX001", 12, "invalid page in block 0", at(0));
        add(EventTypes.HEALTH_DEGRADED, new HealthDegraded("postgres", "postgres-songs", at(0), 3, List.of(fail)), at(40));
        // An unrelated incident on another component in between.
        add(EventTypes.INCIDENT_OPENED, new IncidentOpened(otherIncidentId, otherDedup, Severity.CRITICAL, "api",
                "component.down", "API is down", List.of(), null, at(30), "health-monitor"), at(30));
        add(EventTypes.INCIDENT_OPENED, new IncidentOpened(incidentId, dedup, Severity.CRITICAL, "postgres",
                "database.corruption", "songs table corrupted (XX001)",
                List.of(new Signal("probe.failed", "health-monitor", at(0), Map.of("sqlstate", "XX001"))),
                "https://runbooks.example/db-corruption", at(60), "health-monitor"), at(60));
        add(EventTypes.NOTIFICATION_SENT, new NotificationSent("n-1", incidentId, "slack", "#incidents", null, at(61)),
                at(61));
        add(EventTypes.NOTIFICATION_SENT, new NotificationSent("n-2", incidentId, "pagerduty", "devops-lead", "pd-1",
                at(62)), at(62));
        add(EventTypes.NOTIFICATION_FAILED, new NotificationFailed("n-3", incidentId, "ticket", "tickets", "HTTP 503",
                false, at(63)), at(63));
        add(EventTypes.NOTIFICATION_SENT, new NotificationSent("n-9", otherIncidentId, "pagerduty", "devops-lead",
                "pd-9", at(64)), at(64));
        add(EventTypes.INCIDENT_ACKNOWLEDGED, new IncidentAcknowledged(incidentId, "alice", "api", at(300)), at(300));
        add(EventTypes.RESTORE_STARTED, new RestoreStarted("rs-1", "rq-1", incidentId, backupId, "mycelix", at(320)),
                at(320));
        add(EventTypes.RESTORE_COMPLETED, restoreCompleted(), at(920));
        add(EventTypes.HEALTH_RECOVERED, new HealthRecovered("postgres", "postgres-songs", at(930), at(0),
                List.of(new ProbeResult("postgres-songs", true, "ok", 3, null, at(930)))), at(930));
        add(EventTypes.INCIDENT_RESOLVED, new IncidentResolved(incidentId, dedup, "restored from " + backupId,
                "health-monitor", at(935), "postgres"), at(935));
        // Long after: a drill of the same backup is not part of this incident.
        add(EventTypes.RESTORE_STARTED, new RestoreStarted("rs-drill", "rq-drill", null, backupId, "mycelix_drill",
                at(5_000)), at(5_000));
    }

    private RestoreCompleted restoreCompleted() {
        String json = """
                {"restoreId":"rs-1","requestId":"rq-1","incidentId":"%s","backupId":"%s","target":"mycelix",
                 "startedAt":"%s","completedAt":"%s","backupTakenAt":"%s",
                 "verification":{"rowCountsMatch":true,"tablesChecked":5,"mismatches":[],"amcheckClean":true}}
                """.formatted(incidentId, backupId, at(320), at(920), backupTakenAt);
        return EventCodec.decode(EventTypes.RESTORE_COMPLETED, json);
    }

    Instant at(long seconds) {
        return t0.plusSeconds(seconds);
    }

    private <T> void add(EventType<T> type, T payload, Instant at) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", type.topic() + "-" + entries.size());
        headers.put("ce_type", type.cloudEventType());
        headers.put("ce_source", "urn:lifeline:test");
        headers.put("ce_time", at.toString());
        entries.add(new Entry(type.topic(), type.key(payload), headers, EventCodec.encode(type, payload), at));
    }

    /** As drctl would read them back, without Kafka in between. */
    List<RecordedEvent> recorded() {
        List<RecordedEvent> events = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, String> attributes = new HashMap<>();
            e.headers.forEach((k, v) -> attributes.put(k.substring(3), v));
            events.add(new RecordedEvent(e.topic, 0, events.size(), e.at, e.key, attributes, e.value));
        }
        return events;
    }

    /** Publishes every entry with its event time as the record timestamp, as the services' producers do. */
    void publish(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Entry e : entries) {
                var record = new ProducerRecord<>(e.topic, null, e.at.toEpochMilli(), e.key, e.value);
                e.headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
