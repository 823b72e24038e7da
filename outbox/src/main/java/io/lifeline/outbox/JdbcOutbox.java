package io.lifeline.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

import io.lifeline.events.EventType;

/**
 * The outbox for a service that keeps its state with plain JDBC or Hibernate ORM (blocking): the event
 * row is written on the connection of the state change, inside its transaction, so both commit
 * together. {@link OutboxRelay} publishes it after the commit.
 */
public final class JdbcOutbox {

    private final OutboxSchema schema;
    private final String serviceName;
    private final Clock clock;

    public JdbcOutbox(OutboxSchema schema, String serviceName, Clock clock) {
        this.schema = schema;
        this.serviceName = serviceName;
        this.clock = clock;
    }

    public <T> OutboxEvent append(Connection connection, EventType<T> type, T payload) throws SQLException {
        OutboxEvent event = OutboxEvent.of(type, payload, serviceName, clock);
        append(connection, event);
        return event;
    }

    public void append(Connection connection, OutboxEvent event) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(schema.insertEventJdbc())) {
            st.setString(1, event.id());
            st.setString(2, event.topic());
            st.setString(3, event.key());
            st.setString(4, event.type());
            st.setString(5, event.source());
            st.setString(6, event.subject());
            st.setObject(7, event.time());
            st.setString(8, event.data());
            st.executeUpdate();
        }
    }

    /** True the first time this service handles event {@code id}; inside the handling's transaction. */
    public boolean firstDelivery(Connection connection, String id, String topic) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(schema.insertHandledJdbc())) {
            st.setString(1, id);
            st.setString(2, topic);
            return st.executeUpdate() > 0;
        }
    }
}
