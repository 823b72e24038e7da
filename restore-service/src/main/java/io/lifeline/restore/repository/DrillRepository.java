package io.lifeline.restore.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.outbox.OutboxEvent;

/** Drill reports in {@code restore_service.drills}: the event as JSON and the Markdown report. */
@ApplicationScoped
public class DrillRepository {

    public record DrillRow(String drillId, String target, String backupId, String status, Instant startedAt,
            Instant completedAt, Boolean success, String report, String markdown) {
    }

    private final DataSource db;
    private final Transactions transactions;

    public DrillRepository(DataSource db, Transactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    public void started(String drillId, String target, Instant at) {
        exec("INSERT INTO drills (drill_id, target, status, started_at) VALUES (?, ?, 'running', ?)", ps -> {
            ps.setString(1, drillId);
            ps.setString(2, target);
            ps.setTimestamp(3, RestoreRepository.ts(at));
        });
    }

    /** The drill's report, with {@code drill.completed} and the incident change it caused, in one transaction. */
    public void completed(String drillId, String backupId, Instant at, boolean success, String report,
            String markdown, OutboxEvent... events) {
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE drills SET backup_id = ?, status = 'completed',"
                    + " completed_at = ?, success = ?, report = ?, markdown = ? WHERE drill_id = ?")) {
                ps.setString(1, backupId);
                ps.setTimestamp(2, RestoreRepository.ts(at));
                ps.setBoolean(3, success);
                ps.setString(4, report);
                ps.setString(5, markdown);
                ps.setString(6, drillId);
                ps.executeUpdate();
            }
            transactions.append(c, events);
            return null;
        });
    }

    /** Drills a restart interrupted: they will never complete. */
    public void failRunning(String reason, Instant before) {
        exec("UPDATE drills SET status = 'interrupted', success = false, markdown = ? WHERE status = 'running'"
                + " AND started_at < ?", ps -> {
                    ps.setString(1, "# Drill interrupted\n\n" + reason + "\n");
                    ps.setTimestamp(2, RestoreRepository.ts(before));
                });
    }

    public Optional<DrillRow> find(String drillId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT drill_id, target, backup_id, status, started_at, completed_at, success, report, markdown"
                        + " FROM drills WHERE drill_id = ?")) {
            ps.setString(1, drillId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new DrillRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    RestoreRepository.instant(rs.getTimestamp(5)), RestoreRepository.instant(rs.getTimestamp(6)),
                    rs.getObject(7) == null ? null : rs.getBoolean(7), rs.getString(8), rs.getString(9)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read drill " + drillId + ": " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void exec(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write drills: " + e.getMessage(), e);
        }
    }
}
