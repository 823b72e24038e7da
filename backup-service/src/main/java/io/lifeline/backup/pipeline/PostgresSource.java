package io.lifeline.backup.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.lifeline.backup.config.BackupConfig;

/**
 * A read-only transaction on the protected database that exports its snapshot: pg_dump dumps that
 * very snapshot, and the row counts taken here describe exactly what the dump holds.
 */
public final class PostgresSource implements AutoCloseable {

    private final Connection connection;
    private final String snapshot;
    private final String serverVersion;
    private final int serverMajor;
    private volatile boolean counting;
    private volatile boolean closed;

    private PostgresSource(Connection connection, String snapshot, String serverVersion, int serverMajor) {
        this.connection = connection;
        this.snapshot = snapshot;
        this.serverVersion = serverVersion;
        this.serverMajor = serverMajor;
    }

    public static PostgresSource open(String name, BackupConfig.Database db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        db.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "lifeline-backup");
        Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.dbname().orElse(name), props);
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), current_setting('server_version'),"
                        + " current_setting('server_version_num')::int / 10000");
                rs.next();
                return new PostgresSource(c, rs.getString(1), rs.getString(2), rs.getInt(3));
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    public String snapshot() {
        return snapshot;
    }

    public String serverVersion() {
        return serverVersion;
    }

    public int serverMajor() {
        return serverMajor;
    }

    /** Exact rows of every user table, schema-qualified, in the exported snapshot. */
    public Map<String, Long> rowCounts() throws SQLException {
        counting = true;
        try {
            return countRows();
        } finally {
            counting = false;
        }
    }

    private Map<String, Long> countRows() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                        + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                        + " AND table_schema NOT LIKE 'pg_toast%' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            if (closed) {
                throw new SQLException("the backup ended before the rows of " + table + " were counted");
            }
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        return counts;
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (counting) {
                // A backup that failed (or was stopped) while the rows were still being counted: the count
                // holds the connection, and rollback would wait for it (a count waiting for a lock, without
                // end). Cancelling it lets the backup end now (issue 17: SIGTERM mid-backup).
                connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
            }
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // The snapshot only had to live while pg_dump started; nothing to undo.
        }
    }
}
