package io.lifeline.restore.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.EventJson;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.outbox.OutboxEvent;
import io.lifeline.restore.RestoreRecord;

/**
 * Restores in {@code restore_service.restores}, over JDBC: the restore itself is blocking work on a
 * worker thread, and so is its bookkeeping. Uniqueness of the request id and of the active restore
 * per target is the database's job (constraints), so two instances cannot both start one. Every
 * write takes the events that report it: the row and its events are one transaction.
 */
@ApplicationScoped
public class RestoreRepository {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final String COLUMNS = "restore_id, request_id, target, selector_kind, selector_backup,"
            + " selector_before, incident_id, requested_by, trigger, status, stage, backup_id, reason, target_untouched,"
            + " approval_required, approval_deadline, approved_by, approved_at, requested_at, started_at, finished_at,"
            + " stages, skipped, result";

    private static final String UPDATE = "UPDATE restores SET status = ?, stage = ?, backup_id = ?, reason = ?,"
            + " target_untouched = ?, approval_deadline = ?, approved_by = ?, approved_at = ?, started_at = ?,"
            + " finished_at = ?, stages = ?, skipped = ?, result = ? WHERE restore_id = ?";

    private final DataSource db;
    private final Transactions transactions;

    public RestoreRepository(DataSource db, Transactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** Records a new restore with its events; false (and no event) if a uniqueness rule refused it. */
    public boolean insert(RestoreRecord r, OutboxEvent... events) {
        return transactions.inTransaction(c -> {
            boolean inserted = insert(c, r);
            if (inserted) {
                transactions.append(c, events);
            }
            return inserted;
        });
    }

    /**
     * Inside the caller's transaction; false if the request id is known already or the target has an
     * active restore. {@code ON CONFLICT DO NOTHING} rather than a caught error: a violation would
     * abort the whole transaction, and the caller may go on in it (to record a refusal).
     */
    public boolean insert(Connection c, RestoreRecord r) throws SQLException {
        String sql = "INSERT INTO restores (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT DO NOTHING";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, r);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces every mutable column, with the events that report the change. */
    public void update(RestoreRecord r, OutboxEvent... events) {
        transactions.inTransaction(c -> {
            update(c, r, null);
            transactions.append(c, events);
            return null;
        });
    }

    /**
     * Moves a restore on to {@code next} only if it is still {@code from}, with the events that report
     * it: approval and timeout cannot both win, nor two instances both start it.
     */
    public boolean transition(String from, RestoreRecord next, OutboxEvent... events) {
        return transactions.inTransaction(c -> {
            if (update(c, next, from) != 1) {
                return false;
            }
            transactions.append(c, events);
            return true;
        });
    }

    /** A running restore reached {@code stage}; {@code timings} are those of the stages so far. */
    public void stage(String restoreId, String stage, Map<String, Long> timings) {
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE restores SET stage = ?, stages = ? WHERE restore_id = ?")) {
                ps.setString(1, stage);
                ps.setString(2, json(timings));
                ps.setString(3, restoreId);
                return ps.executeUpdate();
            }
        });
    }

    /** The backup passed its checks and the restore proper begins: recorded with {@code restore.started}. */
    public void backupChosen(String restoreId, String backupId, List<String> skipped, OutboxEvent started) {
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE restores SET backup_id = ?, skipped = ? WHERE restore_id = ?")) {
                ps.setString(1, backupId);
                ps.setString(2, json(skipped));
                ps.setString(3, restoreId);
                ps.executeUpdate();
            }
            transactions.append(c, started);
            return null;
        });
    }

    /** Replaces every mutable column; only while the status is {@code from}, unless that is null. */
    private static int update(Connection c, RestoreRecord r, String from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(from == null ? UPDATE : UPDATE + " AND status = ?")) {
            ps.setString(1, r.status());
            ps.setString(2, r.stage());
            ps.setString(3, r.backupId());
            ps.setString(4, r.reason());
            setBoolean(ps, 5, r.targetUntouched());
            ps.setTimestamp(6, ts(r.approvalDeadline()));
            ps.setString(7, r.approvedBy());
            ps.setTimestamp(8, ts(r.approvedAt()));
            ps.setTimestamp(9, ts(r.startedAt()));
            ps.setTimestamp(10, ts(r.finishedAt()));
            ps.setString(11, json(r.stages()));
            ps.setString(12, json(r.skipped()));
            ps.setString(13, r.result());
            ps.setString(14, r.restoreId());
            if (from != null) {
                ps.setString(15, from);
            }
            return ps.executeUpdate();
        }
    }

    public Optional<RestoreRecord> find(String restoreId) {
        return one("SELECT " + COLUMNS + " FROM restores WHERE restore_id = ?", restoreId);
    }

    public Optional<RestoreRecord> findByRequest(String requestId) {
        return one("SELECT " + COLUMNS + " FROM restores WHERE request_id = ?", requestId);
    }

    /** Inside the caller's transaction. */
    public Optional<RestoreRecord> findByRequest(Connection c, String requestId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM restores WHERE request_id = ?", requestId);
    }

    /** Inside the caller's transaction. */
    public Optional<RestoreRecord> activeFor(Connection c, String target) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM restores WHERE target = ? AND status IN"
                + " ('awaiting-approval', 'queued', 'running')", target);
    }

    public List<RestoreRecord> withStatus(String status) {
        return many("SELECT " + COLUMNS + " FROM restores WHERE status = ? ORDER BY requested_at", status);
    }

    public List<RestoreRecord> recent(int limit) {
        return many("SELECT " + COLUMNS + " FROM restores ORDER BY requested_at DESC LIMIT " + Math.max(1, limit),
                null);
    }

    private Optional<RestoreRecord> one(String sql, String arg) {
        List<RestoreRecord> all = many(sql, arg);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static Optional<RestoreRecord> one(Connection c, String sql, String arg) throws SQLException {
        List<RestoreRecord> all = many(c, sql, arg);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<RestoreRecord> many(String sql, String arg) {
        try (Connection c = db.getConnection()) {
            return many(c, sql, arg);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read restores: " + e.getMessage(), e);
        }
    }

    private static List<RestoreRecord> many(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<RestoreRecord> all = new ArrayList<>();
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                all.add(map(rs));
            }
            return all;
        }
    }

    private static RestoreRecord map(ResultSet rs) throws SQLException {
        String kind = rs.getString("selector_kind");
        BackupSelector selector = new BackupSelector(kind, rs.getString("selector_backup"),
                instant(rs.getTimestamp("selector_before")));
        Boolean untouched = rs.getObject("target_untouched") == null ? null : rs.getBoolean("target_untouched");
        return new RestoreRecord(rs.getString("restore_id"), rs.getString("request_id"), rs.getString("target"),
                selector, rs.getString("incident_id"), rs.getString("requested_by"), rs.getString("trigger"),
                rs.getString("status"), rs.getString("stage"), rs.getString("backup_id"), rs.getString("reason"),
                untouched, rs.getBoolean("approval_required"), instant(rs.getTimestamp("approval_deadline")),
                rs.getString("approved_by"), instant(rs.getTimestamp("approved_at")),
                instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                read(rs.getString("stages"), new TypeReference<LinkedHashMap<String, Long>>() {
                }), read(rs.getString("skipped"), new TypeReference<List<String>>() {
                }), rs.getString("result"));
    }

    private static void bind(PreparedStatement ps, RestoreRecord r) throws SQLException {
        ps.setString(1, r.restoreId());
        ps.setString(2, r.requestId());
        ps.setString(3, r.target());
        ps.setString(4, r.selector().kind());
        ps.setString(5, r.selector().backupId());
        ps.setTimestamp(6, ts(r.selector().before()));
        ps.setString(7, r.incidentId());
        ps.setString(8, r.requestedBy());
        ps.setString(9, r.trigger());
        ps.setString(10, r.status());
        ps.setString(11, r.stage());
        ps.setString(12, r.backupId());
        ps.setString(13, r.reason());
        setBoolean(ps, 14, r.targetUntouched());
        ps.setBoolean(15, r.approvalRequired());
        ps.setTimestamp(16, ts(r.approvalDeadline()));
        ps.setString(17, r.approvedBy());
        ps.setTimestamp(18, ts(r.approvedAt()));
        ps.setTimestamp(19, ts(r.requestedAt()));
        ps.setTimestamp(20, ts(r.startedAt()));
        ps.setTimestamp(21, ts(r.finishedAt()));
        ps.setString(22, json(r.stages()));
        ps.setString(23, json(r.skipped()));
        ps.setString(24, r.result());
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, value);
        }
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
