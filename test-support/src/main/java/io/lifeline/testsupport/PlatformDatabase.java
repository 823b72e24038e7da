package io.lifeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh database shaped like the protected platform's: its tables, constraints and indexes,
 * filled with generated rows (songs, plays with their foreign keys, indexer state, strategies).
 */
public final class PlatformDatabase {

    public static final List<String> TABLES = List.of("public.indexer_poison", "public.indexer_state", "public.plays",
            "public.songs", "public.strategy_configs");

    private PlatformDatabase() {
    }

    public static TestDatabase create(int songs, int plays) {
        TestDatabase db = TestDatabase.create("mycelix_test");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(schema());
            st.execute("INSERT INTO songs (id, title, artist, artist_address, genre, ipfs_hash, song_hash, plays, earnings)"
                    + " SELECT 'song-' || g, 'Title ' || g, 'Artist ' || (g % 97), '0x' || lpad(to_hex(g), 40, '0'),"
                    + " (ARRAY['ambient','techno','folk','jazz'])[1 + g % 4],"
                    + " 'bafybeig' || md5(g::text), md5('song' || g), g % 50, (g % 50) * 0.01"
                    + " FROM generate_series(1, " + songs + ") g");
            st.execute("INSERT INTO plays (song_id, listener_address, amount, payment_type, tx_hash, log_index,"
                    + " block_number, protocol_fee, net_amount)"
                    + " SELECT 'song-' || (1 + g % " + songs + "), '0x' || lpad(to_hex(g * 7), 40, '0'), 0.01,"
                    + " 'stream', '0x' || md5('tx' || g) || md5('t' || g), g % 4, 1000000 + g / 10, 0.0001, 0.0099"
                    + " FROM generate_series(1, " + plays + ") g");
            st.execute("INSERT INTO indexer_state (name, last_block) VALUES ('router', 1000000 + " + plays + " / 10)");
            st.execute("INSERT INTO strategy_configs (name, payload, published) VALUES"
                    + " ('pay-per-stream', '{\"bps\": 100}', true), ('patronage', '{\"tiers\": [5, 10]}', false)");
            st.execute("ANALYZE");
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("could not build the platform test database: " + e.getMessage(), e);
        }
        return db;
    }

    /** Exact row counts of the platform's tables, keyed like Lifeline's manifests ({@code public.songs}). */
    public static Map<String, Long> rowCounts(TestDatabase db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Constraints per table: a restore must bring back every one of them. */
    public static long constraintCount(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return constraintCount(c);
        }
    }

    public static long constraintCount(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_constraint con JOIN pg_namespace n"
                        + " ON n.oid = con.connamespace WHERE n.nspname = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String schema() {
        try (InputStream in = PlatformDatabase.class.getResourceAsStream("/lifeline-test/platform-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
