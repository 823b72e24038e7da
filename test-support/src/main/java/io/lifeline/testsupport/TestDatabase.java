package io.lifeline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, uniquely named database on the machine's PostgreSQL server, dropped on {@link #close()}.
 * The server is the shared one (never stopped by a test); host, port and user come from
 * {@code LIFELINE_PG_HOST}, {@code LIFELINE_PG_PORT}, {@code LIFELINE_PG_USER} (defaults
 * 127.0.0.1, 5432, postgres), the same variables the local run uses.
 */
public final class TestDatabase implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        TestDatabase db = new TestDatabase(
                env("LIFELINE_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("LIFELINE_PG_PORT", "5432")),
                env("LIFELINE_PG_USER", "postgres"),
                env("LIFELINE_PG_PASSWORD", ""),
                name);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The URL form of Quarkus's reactive PostgreSQL client. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** A connection to another database on the same server, e.g. one a test resource created. */
    public static Connection connect(String databaseName) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env("LIFELINE_PG_HOST", "127.0.0.1") + ":"
                + env("LIFELINE_PG_PORT", "5432") + "/" + databaseName, env("LIFELINE_PG_USER", "postgres"),
                env("LIFELINE_PG_PASSWORD", ""));
    }

    public boolean exists() {
        try (Connection c = DriverManager.getConnection(adminUrl(), user, password);
                var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            return ps.executeQuery().next();
        } catch (SQLException e) {
            throw new IllegalStateException(unreachable(), e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl(), user, password);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(unreachable() + " (" + e.getMessage() + ")", e);
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }

    private String unreachable() {
        return "PostgreSQL at " + host + ":" + port + " as " + user
                + " is not usable: run 'bin/lifeline postgres ensure' (or set LIFELINE_PG_HOST/PORT/USER)";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
