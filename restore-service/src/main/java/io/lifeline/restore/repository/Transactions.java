package io.lifeline.restore.repository;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.outbox.JdbcOutbox;
import io.lifeline.outbox.OutboxEvent;

/**
 * One transaction on Lifeline's database, on one connection: a state change and the outbox rows of
 * the events that report it commit together (autocommit off, one commit) or not at all, so no event
 * is published for a change that was not stored, nor a change stored without its event.
 */
@ApplicationScoped
public class Transactions {

    /** Work on the transaction's connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource db;
    private final JdbcOutbox outbox;

    public Transactions(DataSource db, JdbcOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** Runs {@code work} and commits; any failure rolls everything back and is rethrown. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Lifeline's database: " + e.getMessage(), e);
        }
    }

    // Explicitly: on close the pool resets autocommit, and that would commit the half-done work.
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Adds the events to the outbox, inside the transaction of {@code connection}. */
    public void append(Connection connection, OutboxEvent... events) throws SQLException {
        for (OutboxEvent event : events) {
            outbox.append(connection, event);
        }
    }

    /** True the first time this service handles event {@code eventId}; inside the handling's transaction. */
    public boolean firstDelivery(Connection connection, String eventId, String topic) throws SQLException {
        return outbox.firstDelivery(connection, eventId, topic);
    }
}
