package io.lifeline.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The protected database, really failing: the throwaway cluster killed while the API (which depends
 * on it) fails too, rows deleted from the watched table, a table's file damaged on disk.
 */
@QuarkusTest
class DatabaseProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @AfterEach
    void healthyAgain() {
        ProbeTarget.answer(200);
        Status.awaitUp("postgres");
        Status.awaitUp("api");
        Status.awaitUp("ledger-db");
        Status.awaitUp("mycelix-db");
    }

    @Test
    void theDatabaseDownWithTheApiFailingIsOneIncidentNotTwoPages() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ReceivedEvent<IncidentOpened> opened;
            try {
                ThrowawayPostgres.kill();
                ProbeTarget.answer(503);

                opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1, e -> e.dedupKey().equals("postgres/down")
                        && !e.openedAt().isBefore(testStart), WAIT).get(0);
                assertThat(opened.payload().severity()).isEqualTo(Severity.CRITICAL);
                assertThat(opened.payload().component()).isEqualTo("postgres");
                assertThat(opened.payload().runbookUrl()).contains("database-failure");
                assertThat(opened.payload().summary()).startsWith("postgres is down:");

                // The API is degraded (a health signal), but its failure joins the database's incident.
                ReceivedEvent<HealthDegraded> api = topics.awaitEvents(EventTypes.HEALTH_DEGRADED, 1,
                        e -> e.component().equals("api") && !e.since().isBefore(testStart), WAIT).get(0);
                assertThat(api.payload().results()).last().satisfies(r -> assertThat(r.status()).isEqualTo("503"));
                String incidentId = opened.payload().incidentId();
                topics.awaitEvents(EventTypes.INCIDENT_UPDATED, 1, e -> e.incidentId().equals(incidentId)
                        && e.signals().stream().anyMatch(s -> "api".equals(s.detail().get("component"))
                                && "postgres".equals(s.detail().get("inhibitedBy"))), WAIT);
            } finally {
                ProbeTarget.answer(200);
                ThrowawayPostgres.start();
            }
            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            Status.awaitUp("api");
            Status.awaitUp("ledger-db");

            assertThat(Events.opened(topics, "postgres/down", testStart)).hasSize(1);
            assertThat(Events.opened(topics, "api/down", testStart)).isEmpty();
            assertThat(Events.opened(topics, "ledger-db/down", testStart)).isEmpty();
            assertThat(Events.opened(topics, "mycelix-db/down", testStart)).isEmpty();
            assertThat(Events.resolved(topics, incidentId)).hasSize(1);
        }
    }

    @Test
    void rowsVanishingFromAWatchedTableIsDatabaseCorruption() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ThrowawayPostgres.sql("CREATE TABLE songs_saved AS SELECT * FROM songs",
                    "DELETE FROM songs WHERE plays >= 10"); // 900 of 1000 rows gone
            ReceivedEvent<IncidentOpened> opened;
            try {
                opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                        e -> e.dedupKey().equals("postgres/database.corruption")
                                && !e.openedAt().isBefore(testStart), WAIT).get(0);
            } finally {
                ThrowawayPostgres.sql("INSERT INTO songs SELECT * FROM songs_saved s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM songs t WHERE t.id = s.id)", "DROP TABLE songs_saved");
            }
            assertThat(opened.payload().kind()).isEqualTo("database.corruption");
            assertThat(opened.payload().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(opened.payload().summary()).contains("row count dropped from 1000 to 100");
            assertThat(opened.payload().signals().get(0).detail())
                    .containsEntry("baseline", 1000).containsEntry("count", 100);

            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(Events.opened(topics, "postgres/database.corruption", testStart)).hasSize(1);
            assertThat(Events.opened(topics, "postgres/down", testStart)).isEmpty();
        }
    }

    @Test
    void aDamagedTableFileIsDatabaseCorruptionNotAnOutage() throws Exception {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            damageLedger();
            ReceivedEvent<IncidentOpened> opened;
            try {
                opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                        e -> e.dedupKey().equals("ledger-db/database.corruption")
                                && !e.openedAt().isBefore(testStart), WAIT).get(0);
                topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                        e -> e.dedupKey().equals("mycelix-db/database.corruption")
                                && !e.openedAt().isBefore(testStart), WAIT);
            } finally {
                // The repair restore-service would do: new, good data in a new file.
                ThrowawayPostgres.sql("TRUNCATE ledger",
                        "INSERT INTO ledger (entry) SELECT 'entry ' || g FROM generate_series(1, 500) g");
            }
            assertThat(opened.payload().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(opened.payload().summary()).contains("data corrupted");
            assertThat(opened.payload().signals().get(0).detail()).containsEntry("sqlState", "XX001");
            // pg_amcheck, on its own schedule over the whole database, finds the same damage.
            ReceivedEvent<IncidentOpened> amcheck = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("mycelix-db/database.corruption")
                            && !e.openedAt().isBefore(testStart), WAIT).get(0);
            assertThat(amcheck.payload().summary()).contains("pg_amcheck found corruption")
                    .contains("public.ledger").contains("invalid page");

            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            String amcheckId = amcheck.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(amcheckId), WAIT);
            assertThat(Events.opened(topics, "ledger-db/database.corruption", testStart)).hasSize(1);
            assertThat(Events.opened(topics, "mycelix-db/database.corruption", testStart)).hasSize(1);
            assertThat(Events.opened(topics, "ledger-db/down", testStart)).isEmpty();
            assertThat(Events.opened(topics, "mycelix-db/down", testStart)).isEmpty();
        }
    }

    /**
     * Moves the table to another tablespace (a file copy that bypasses shared buffers, so no page of
     * the new file is cached), then overwrites the new file's first page header while the move's lock
     * still keeps every reader out: the next read comes from disk and fails with SQLSTATE XX001.
     */
    private static void damageLedger() throws Exception {
        try (Connection c = ThrowawayPostgres.connect(ThrowawayPostgres.port(), ThrowawayPostgres.DATABASE);
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("ALTER TABLE ledger SET TABLESPACE elsewhere");
            var rs = st.executeQuery("SELECT pg_relation_filepath('ledger')");
            rs.next();
            Path file = ThrowawayPostgres.dataDir().resolve(rs.getString(1));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                byte[] garbage = new byte[64];
                Arrays.fill(garbage, (byte) 0x7f);
                raf.seek(0);
                raf.write(garbage);
            }
            c.commit();
        }
        assertThat(ThrowawayPostgres.queryFails("SELECT COUNT(*) FROM ledger")).contains("XX001");
    }
}
