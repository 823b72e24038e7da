package io.lifeline.restore.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.restore.RestoreVerification;
import io.lifeline.restore.config.RestoreConfig;

/**
 * Proves a restored database complete before it may take the target's name: exact row counts per
 * table, every table, index and constraint of the archive present, and pg_amcheck clean when
 * installed. The old backups' tables the plan checks by hand ({@code songs}, {@code plays}) must exist.
 */
@ApplicationScoped
public class RestoreVerifier {

    static final List<String> PLAN_TABLES = List.of("songs", "plays");

    private final RestoreConfig config;

    public RestoreVerifier(RestoreConfig config) {
        this.config = config;
    }

    public record Result(RestoreVerification verification, List<String> notes) {
    }

    public Result verify(DatabaseAdmin admin, RestoreConfig.Target target, String database, Prepared prepared)
            throws StageException {
        List<String> mismatches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int objects = 0;
        try (Connection c = admin.connect(database)) {
            for (Map.Entry<String, Long> expected : prepared.expectedRows().entrySet()) {
                Long actual = count(c, expected.getKey());
                if (actual == null) {
                    mismatches.add(expected.getKey() + ": table missing");
                } else if (actual.longValue() != expected.getValue()) {
                    mismatches.add(expected.getKey() + ": " + actual + " != " + expected.getValue());
                }
            }
            for (String line : prepared.tocEntries()) {
                Optional<TocEntry> entry = TocEntry.parse(line);
                if (entry.isPresent()) {
                    objects++;
                    if (!present(c, entry.get())) {
                        missing.add(entry.get().toString());
                    }
                }
            }
            if (prepared.backup().isLegacy()) {
                for (String table : PLAN_TABLES) {
                    Long rows = count(c, "public." + table);
                    if (rows == null) {
                        missing.add("TABLE public." + table);
                    } else {
                        notes.add(table + ": " + rows + " rows");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StageException("verify-restore", "cannot check the restored database: " + e.getMessage(), e);
        }
        Boolean amcheck = amcheck(target, database, admin, notes);
        return new Result(new RestoreVerification(mismatches.isEmpty(), prepared.expectedRows().size(), mismatches,
                amcheck, prepared.tocEntries().isEmpty() ? null : objects, missing), notes);
    }

    /** Rows of a table (a quoted, schema-qualified name from a manifest or a COPY line); null if it is missing. */
    private static Long count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
            ps.setString(1, table);
            ResultSet rs = ps.executeQuery();
            if (!rs.next() || rs.getString(1) == null) {
                return null;
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean present(Connection c, TocEntry e) throws SQLException {
        String sql = switch (e.type()) {
            case "TABLE" -> "SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = ?";
            case "INDEX" -> "SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?";
            default -> "SELECT 1 FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid"
                    + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? AND r.relname = ?"
                    + " AND k.conname = ?";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.schema());
            if (e.table() != null) {
                ps.setString(2, e.table());
                ps.setString(3, e.name());
            } else {
                ps.setString(2, e.name());
            }
            return ps.executeQuery().next();
        }
    }

    /**
     * pg_amcheck over every table and B-tree index; null when it is not installed (or "off"). The
     * amcheck extension it needs is removed again if this check installed it.
     */
    private Boolean amcheck(RestoreConfig.Target target, String database, DatabaseAdmin admin, List<String> notes)
            throws StageException {
        if ("off".equals(config.pgAmcheckCommand())) {
            return null;
        }
        String command = PgTools.resolve(config.pgAmcheckCommand());
        if (command == null) {
            notes.add("pg_amcheck not installed: skipped");
            return null;
        }
        boolean hadExtension;
        try (Connection c = admin.connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")) {
            hadExtension = rs.next();
        } catch (SQLException e) {
            throw new StageException("verify-restore", "cannot check the restored database: " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(List.of(command, "--install-missing", "--host=" + target.host(),
                "--port=" + target.port(), "--username=" + target.user(), "--no-password", "--database=" + database));
        java.nio.file.Path output = null;
        try {
            output = java.nio.file.Files.createTempFile("lifeline-amcheck-", ".out");
            ProcessBuilder builder = PgTools.builder(target, args).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            int exit = PgTools.await(PgTools.start(builder));
            if (exit == 0) {
                return true;
            }
            if (exit == 2) { // pg_amcheck: corruption found
                notes.add("pg_amcheck found corruption: " + PgTools.tail(output));
                return false;
            }
            notes.add("pg_amcheck could not check (exit " + exit + "): " + PgTools.tail(output));
            return null;
        } catch (java.io.IOException e) {
            notes.add("pg_amcheck could not run: " + e.getMessage());
            return null;
        } finally {
            PgTools.deleteQuietly(output);
            if (!hadExtension) {
                try (Connection c = admin.connect(database); Statement st = c.createStatement()) {
                    st.execute("DROP EXTENSION IF EXISTS amcheck");
                } catch (SQLException e) {
                    notes.add("could not remove the amcheck extension again: " + e.getMessage());
                }
            }
        }
    }
}
