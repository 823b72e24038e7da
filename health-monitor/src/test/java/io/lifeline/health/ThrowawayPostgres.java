package io.lifeline.health;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A PostgreSQL 15 cluster of the tests' own (initdb + pg_ctl on a free port), standing in for the
 * protected platform's database: tests kill it, start it, delete rows and damage a table's file.
 * Never the machine's shared server.
 */
final class ThrowawayPostgres {

    static final String DATABASE = "mycelix";
    static final int SONGS = 1000;

    private ThrowawayPostgres() {
    }

    static String binDir() {
        for (String candidate : new String[] {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin"}) {
            if (new File(candidate, "pg_ctl").canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries (apt-get install postgresql-15)");
    }

    static void init(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir.getParent().resolve("tablespace"));
        Processes.chownToPostgres(dataDir.getParent().toFile());
        Processes.run(true, binDir() + "/initdb", "-D", dataDir.toString(), "-U", "postgres", "-A", "trust",
                "--no-sync", "-E", "UTF8");
        start(dataDir, port);
        try (Connection c = connect(port, "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
            st.execute("CREATE TABLESPACE elsewhere LOCATION '" + dataDir.getParent().resolve("tablespace") + "'");
        }
        try (Connection c = connect(port, DATABASE); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE songs (id text PRIMARY KEY, title text NOT NULL, artist text, "
                    + "ipfs_hash text NOT NULL, plays int NOT NULL DEFAULT 0 CHECK (plays >= 0), "
                    + "created_at timestamptz NOT NULL DEFAULT now())");
            st.execute("INSERT INTO songs (id, title, artist, ipfs_hash, plays) SELECT 'song-' || g, 'Song ' || g, "
                    + "'artist-' || (g % 50), 'bafy' || md5(g::text), g % 100 FROM generate_series(1, " + SONGS + ") g");
            st.execute("CREATE TABLE ledger (id serial PRIMARY KEY, entry text NOT NULL)");
            st.execute("INSERT INTO ledger (entry) SELECT 'entry ' || g FROM generate_series(1, 500) g");
        }
    }

    static void start(Path dataDir, int port) {
        Processes.run(true, binDir() + "/pg_ctl", "-D", dataDir.toString(), "-l", dataDir + ".log", "-w", "-t", "30",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off "
                        + "-c full_page_writes=off -c shared_buffers=16MB -c max_connections=50",
                "start");
    }

    /** Stops the server at once, like a crash (no shutdown checkpoint). */
    static void kill(Path dataDir) {
        Processes.run(true, binDir() + "/pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
    }

    static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    // --- what tests use, from the running test's configuration ---------------------------------------

    static int port() {
        return ConfigProvider.getConfig().getValue("lifeline.test.pg.port", Integer.class);
    }

    static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("lifeline.test.pg.data", String.class));
    }

    static void kill() {
        kill(dataDir());
    }

    static void start() {
        start(dataDir(), port());
    }

    static void sql(String... statements) {
        try (Connection c = connect(port(), DATABASE); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(String sql) {
        try (Connection c = connect(port(), DATABASE); Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SQLSTATE and message of a query that must fail. */
    static String queryFails(String sql) {
        try (Connection c = connect(port(), DATABASE); Statement st = c.createStatement()) {
            st.executeQuery(sql);
            return "succeeded";
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
        }
    }
}
