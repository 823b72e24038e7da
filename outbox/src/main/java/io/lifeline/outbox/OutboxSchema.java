package io.lifeline.outbox;

/**
 * The SQL of the outbox, qualified by the service's schema (its own schema of Lifeline's database).
 * The schema name comes from configuration, never from input, and is checked to be a plain identifier.
 */
public record OutboxSchema(String name) {

    public OutboxSchema {
        if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("outbox schema must be a lower-case SQL identifier, not " + name);
        }
    }

    /** Named parameters: id, topic, key, type, source, subject, time, data. */
    String insertEvent() {
        return "INSERT INTO " + name + ".outbox_event (id, topic, event_key, type, source, subject, event_time, data) "
                + "VALUES (:id, :topic, :key, :type, :source, :subject, :time, :data) ON CONFLICT (id) DO NOTHING";
    }

    /** The same with JDBC's positional parameters, in that order. */
    String insertEventJdbc() {
        return insertEvent().replaceAll(":[a-z]+", "?");
    }

    String insertHandledJdbc() {
        return insertHandled().replaceAll(":[a-z]+", "?");
    }

    String insertHandled() {
        return "INSERT INTO " + name + ".handled_event (id, topic) VALUES (:id, :topic) ON CONFLICT (id) DO NOTHING";
    }

    /** The NOTIFY channel of the table's trigger (see R__lifeline_outbox.sql). */
    String channel() {
        return "lifeline_outbox_" + name;
    }

    String table() {
        return name + ".outbox_event";
    }

    String handledTable() {
        return name + ".handled_event";
    }
}
