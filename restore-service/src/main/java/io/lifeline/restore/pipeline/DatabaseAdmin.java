package io.lifeline.restore.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.lifeline.restore.config.RestoreConfig;

/**
 * The administration statements a restore needs on the target's server, over JDBC to its
 * maintenance database: create, drop, the swap (two renames in one transaction), listing copies.
 */
public final class DatabaseAdmin {

    private final RestoreConfig.Target target;

    public DatabaseAdmin(RestoreConfig.Target target) {
        this.target = target;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.user());
        target.password().filter(p -> !p.isEmpty()).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "lifeline-restore");
        return DriverManager.getConnection("jdbc:postgresql://" + target.host() + ":" + target.port() + "/" + database,
                props);
    }

    private Connection admin() throws SQLException {
        return connect(target.maintenanceDb());
    }

    public boolean exists(String database) throws SQLException {
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            return ps.executeQuery().next();
        }
    }

    public void create(String database) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + quote(database) + " TEMPLATE template0");
        }
    }

    public void dropIfExists(String database) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
        }
    }

    /** Databases whose name starts with the prefix, in name order. */
    public List<String> namesStartingWith(String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement(
                "SELECT datname FROM pg_database WHERE left(datname, length(?)) = ? ORDER BY datname")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * The one short step that changes the target: stop new connections, end the current ones, then
     * rename target → previous and restored → target in a single transaction, so that the target
     * name always points at a complete database. If anything fails, connections are allowed again
     * and the target is as it was.
     *
     * @param previous null when the target does not exist (restored as a new database)
     */
    public void swap(String targetDb, String restoredDb, String previous) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            if (previous != null) {
                st.execute("ALTER DATABASE " + quote(targetDb) + " WITH ALLOW_CONNECTIONS false");
            }
            try {
                SQLException last = null;
                for (int attempt = 0; attempt < 5; attempt++) {
                    if (previous != null) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid)"
                                + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                            ps.setString(1, targetDb);
                            ps.executeQuery();
                        }
                    }
                    try {
                        c.setAutoCommit(false);
                        if (previous != null) {
                            st.execute("ALTER DATABASE " + quote(targetDb) + " RENAME TO " + quote(previous));
                        }
                        st.execute("ALTER DATABASE " + quote(restoredDb) + " RENAME TO " + quote(targetDb));
                        c.commit();
                        c.setAutoCommit(true);
                        last = null;
                        break;
                    } catch (SQLException e) {
                        // "being accessed by other users": a backend still ending; try again shortly.
                        c.rollback();
                        c.setAutoCommit(true);
                        last = e;
                        sleepQuietly(200L * (attempt + 1));
                    }
                }
                if (last != null) {
                    throw last;
                }
            } finally {
                if (previous != null) {
                    // Whichever name the old database now has, let people connect to it again (to inspect it).
                    String old = exists(previous) ? previous : targetDb;
                    st.execute("ALTER DATABASE " + quote(old) + " WITH ALLOW_CONNECTIONS true");
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
