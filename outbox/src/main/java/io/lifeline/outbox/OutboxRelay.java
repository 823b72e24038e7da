package io.lifeline.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.lifeline.events.CloudEventAttributes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the service's outbox to Kafka: oldest row first, each with the CloudEvents id fixed when it
 * was written, through an idempotent producer with {@code acks=all}; a row is marked published only once
 * the broker acknowledged it, so a broker away for an hour loses nothing and a crash re-sends (same id)
 * rather than drops. One relay per schema at a time across replicas: the one holding a PostgreSQL
 * advisory lock on its own connection, which the server releases when that connection dies, so a
 * SIGKILLed leader is replaced within a standby interval. The commit's NOTIFY wakes it at once.
 *
 * <p>Blocking, on a thread of its own, whatever the service's own style: it shares nothing with the
 * service's work but the table, and it must keep going when the event loop is busy or the broker hangs.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final OutboxSchema schema;
    private final Map<String, Object> kafka;
    private final long lockKey;

    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile KafkaProducer<String, String> producer;
    private volatile boolean leader;
    private volatile Instant failingSince;
    private volatile String lastError;
    private volatile Instant lastPublishedAt;
    private Instant lastCleanup = Instant.EPOCH;

    @Inject
    public OutboxRelay(DataSource dataSource, OutboxConfig config, Config mpConfig) {
        this(dataSource, config, KafkaSettings.of(mpConfig));
    }

    /** Outside CDI (the module's own tests): the Kafka settings given as a map ({@code bootstrap.servers}, ...). */
    OutboxRelay(DataSource dataSource, OutboxConfig config, Map<String, String> kafka) {
        this.dataSource = dataSource;
        this.config = config;
        this.schema = new OutboxSchema(config.schema());
        this.kafka = KafkaSettings.producer(kafka, config.deliveryTimeout());
        this.lockKey = lockKey(schema.name());
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    void start() {
        if (!config.enabled()) {
            LOG.warn("outbox relay disabled (lifeline.outbox.enabled=false): this service's events stay in its outbox");
            return;
        }
        Thread t = new Thread(this::run, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop() {
        stopping = true;
        Thread t = thread;
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2)); // fails what waits for the broker: those rows stay unpublished
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the relay is doing, for readiness, logs and the monitor's own checks. */
    public Status status() {
        return new Status(config.enabled(), leader, lastPublishedAt, failingSince, lastError);
    }

    /**
     * @param failingSince when publishing started to fail (broker away); null while it succeeds
     * @param lastError the last failure, by type and message of the client (no secret is in them)
     */
    public record Status(boolean enabled, boolean leader, Instant lastPublishedAt, Instant failingSince,
                         String lastError) {
    }

    // ------------------------------------------------------------------ the loop

    private void run() {
        Connection connection = null;
        Duration backoff = Duration.ZERO;
        while (!stopping) {
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(true);
                    try (Statement st = connection.createStatement()) {
                        st.execute("LISTEN " + schema.channel());
                    }
                }
                if (!leader) {
                    leader = tryLead(connection);
                    if (!leader) {
                        awaitCommit(connection, config.standbyInterval());
                        continue;
                    }
                    LOG.infof("this instance relays the outbox of schema %s", schema.name());
                }
                List<Row> rows = due(connection);
                if (rows.isEmpty()) {
                    cleanup(connection);
                    awaitCommit(connection, config.pollInterval());
                    continue;
                }
                Sent sent = publish(rows);
                markPublished(connection, sent.published());
                if (sent.failure() == null) {
                    backoff = Duration.ZERO;
                    recovered();
                } else {
                    recordFailure(connection, sent.unpublished(), sent.failure());
                    backoff = next(backoff);
                    pause(backoff);
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    break;
                }
                failed("database: " + describe(e));
                close(connection);
                connection = null;
                leader = false;
                backoff = next(backoff);
                pause(backoff);
            }
        }
        close(connection);
        leader = false;
    }

    private boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, lockKey);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Waits for a NOTIFY from a commit that wrote to the outbox, at most {@code timeout}. */
    private void awaitCommit(Connection connection, Duration timeout) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        // getNotifications(ms) blocks on the socket until a notification or the timeout; never 0 (forever).
        pg.getNotifications((int) Math.max(1, Math.min(timeout.toMillis(), 1000)));
    }

    private record Row(long seq, OutboxEvent event) {
    }

    private List<Row> due(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT seq, id, topic, event_key, type, source, "
                + "subject, event_time, data FROM " + schema.table() + " WHERE published_at IS NULL ORDER BY seq LIMIT ?")) {
            st.setInt(1, config.batchSize());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), new OutboxEvent(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class), rs.getString(9))));
                }
            }
        }
        return rows;
    }

    private record Sent(List<String> published, List<String> unpublished, String failure) {
    }

    /**
     * Sends the rows in order and waits for each acknowledgement. Order per key is the promise, so a
     * batch stops at its first failure: a send refused at once (no metadata from an absent broker)
     * stops the sending, and a row acknowledged after an earlier one failed is not marked either; it
     * goes again after it (the same id: a consumer skips the repeat). After a failure the next attempt
     * sends the oldest row alone, so that the broker's return is met by one record, not a race of many.
     */
    private Sent publish(List<Row> rows) {
        KafkaProducer<String, String> p = producer();
        List<Row> batch = failingSince == null ? rows : rows.subList(0, 1);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        String refused = null;
        for (Row row : batch) {
            Future<RecordMetadata> ack;
            try {
                ack = p.send(record(row.event()));
            } catch (RuntimeException e) {
                refused = "kafka: " + describe(e);
                break;
            }
            acks.add(ack);
            if (ack.isDone() && failed(ack)) {
                break; // the client gave up on it at once (metadata timeout): the rest would only race it
            }
        }
        List<String> published = new ArrayList<>();
        String failure = null;
        long deadline = System.nanoTime() + config.deliveryTimeout().plusSeconds(5).toNanos();
        for (int i = 0; i < acks.size() && failure == null; i++) {
            failure = awaitAck(acks.get(i), deadline);
            if (failure == null) {
                published.add(batch.get(i).event().id());
            }
        }
        if (failure == null && refused != null) {
            failure = refused;
        }
        List<String> unpublished = batch.subList(published.size(), batch.size()).stream()
                .map(r -> r.event().id()).toList();
        return new Sent(published, unpublished, failure);
    }

    /** Null once acknowledged; otherwise why not. */
    private String awaitAck(Future<RecordMetadata> ack, long deadline) {
        try {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return "kafka: " + describe(e.getCause());
        } catch (TimeoutException e) {
            return "kafka: no acknowledgement within " + config.deliveryTimeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "stopped";
        }
    }

    private static boolean failed(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return false;
        } catch (ExecutionException | InterruptedException e) {
            return true;
        }
    }

    private ProducerRecord<String, String> record(OutboxEvent e) {
        ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.data());
        // CloudEvents 1.0 Kafka binding, binary mode: the same headers SmallRye's connector writes.
        header(record, "ce_specversion", CloudEventAttributes.SPEC_VERSION);
        header(record, "ce_id", e.id());
        header(record, "ce_source", e.source());
        header(record, "ce_type", e.type());
        header(record, "ce_subject", e.subject());
        header(record, "ce_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time()));
        header(record, "content-type", CloudEventAttributes.DATA_CONTENT_TYPE);
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void markPublished(Connection connection, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("UPDATE " + schema.table()
                + " SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY(?)")) {
            Array array = connection.createArrayOf("text", ids.toArray());
            st.setArray(1, array);
            st.executeUpdate();
        }
        lastPublishedAt = Instant.now();
    }

    private void recordFailure(Connection connection, List<String> ids, String reason) throws SQLException {
        failed(reason);
        try (PreparedStatement st = connection.prepareStatement("UPDATE " + schema.table()
                + " SET attempts = attempts + 1, last_error = ? WHERE id = ANY(?)")) {
            st.setString(1, reason);
            st.setArray(2, connection.createArrayOf("text", ids.toArray()));
            st.executeUpdate();
        }
    }

    private void cleanup(Connection connection) throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(lastCleanup.plus(CLEANUP_EVERY))) {
            return;
        }
        lastCleanup = now;
        try (PreparedStatement published = connection.prepareStatement("DELETE FROM " + schema.table()
                + " WHERE published_at < now() - make_interval(secs => ?)");
                PreparedStatement handled = connection.prepareStatement("DELETE FROM " + schema.handledTable()
                        + " WHERE handled_at < now() - make_interval(secs => ?)")) {
            published.setDouble(1, config.keepPublished().toSeconds());
            handled.setDouble(1, config.keepHandled().toSeconds());
            int p = published.executeUpdate();
            int h = handled.executeUpdate();
            if (p + h > 0) {
                LOG.debugf("outbox cleanup: %d published row(s), %d handled id(s) removed", p, h);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(kafka);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void failed(String reason) {
        if (failingSince == null) {
            failingSince = Instant.now();
            LOG.warnf("outbox of %s not published, retrying until it is: %s", schema.name(), reason);
        } else if (!reason.equals(lastError)) {
            LOG.warnf("outbox of %s still not published: %s", schema.name(), reason);
        }
        lastError = reason;
    }

    private void recovered() {
        if (failingSince != null) {
            LOG.infof("outbox of %s published again after %d s", schema.name(),
                    Duration.between(failingSince, Instant.now()).toSeconds());
            failingSince = null;
            lastError = null;
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.isZero() ? config.minBackoff() : backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone already; the server released the lock with it
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** One advisory lock per schema: a stable 64-bit number from its name. */
    static long lockKey(String schema) {
        long h = 1125899906842597L;
        for (char c : ("lifeline.outbox." + schema).toCharArray()) {
            h = 31 * h + c;
        }
        return h;
    }
}
