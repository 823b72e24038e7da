package io.lifeline.ipfs.inventory;

import java.sql.ResultSet;

import io.lifeline.ipfs.shard.Shards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.InvalidCidException;

/**
 * Copies the platform's song CIDs into the inventory: new ones are inserted as {@code new} (checked
 * first on the next pass), known ones are left alone. Streams and batches, so a million songs
 * costs one sequential read and a few hundred batched inserts.
 */
@ApplicationScoped
public class InventorySync {

    private static final Logger LOG = Logger.getLogger(InventorySync.class);
    private static final int BATCH = 1000;
    static final String INSERT = "INSERT INTO ipfs_guardian.cids (cid, song_id, role, parent_cid, state, detail,"
            + " key_hash, first_seen_at, next_check_at) VALUES (?, ?, ?, ?, ?, ?, ?, now(), now())"
            + " ON CONFLICT (cid) DO NOTHING";

    private final PlatformSongs platform;
    private final DataSource lifeline;

    public InventorySync(PlatformSongs platform, DataSource lifeline) {
        this.platform = platform;
        this.lifeline = lifeline;
    }

    /** Returns how many CIDs were new. */
    public long sync() throws SQLException {
        backfillKeyHashes();
        AtomicLong added = new AtomicLong();
        AtomicLong pending = new AtomicLong();
        try (Connection c = lifeline.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            platform.forEachSong((songId, text) -> {
                try {
                    bind(insert, songId, text, "song", null);
                    insert.addBatch();
                    if (pending.incrementAndGet() % BATCH == 0) {
                        added.addAndGet(flush(insert));
                        c.commit();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            added.addAndGet(flush(insert));
            c.commit();
        }
        if (added.get() > 0) {
            LOG.infof("inventory: %d new CIDs from the platform's songs", added.get());
        }
        return added.get();
    }

    /** Rows from before sharding (V2) get their key hash once: Kafka's murmur2 is not computable in SQL. */
    private void backfillKeyHashes() throws SQLException {
        try (Connection c = lifeline.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT cid FROM ipfs_guardian.cids WHERE key_hash IS NULL LIMIT " + BATCH);
                PreparedStatement update = c.prepareStatement(
                        "UPDATE ipfs_guardian.cids SET key_hash = ? WHERE cid = ?")) {
            while (true) {
                int rows = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        update.setInt(1, Shards.keyHash(rs.getString(1)));
                        update.setString(2, rs.getString(1));
                        update.addBatch();
                        rows++;
                    }
                }
                if (rows == 0) {
                    return;
                }
                update.executeBatch();
            }
        }
    }

    /** Adds CIDs found inside a metadata document (audio, cover art). */
    public void addChild(String songId, String cidText, String role, String parentCid) throws SQLException {
        try (Connection c = lifeline.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, songId, cidText, role, parentCid);
            insert.executeUpdate();
        }
    }

    /** Valid CIDs are stored in canonical form (base32 for v1), so one CID is one row. */
    private static void bind(PreparedStatement insert, String songId, String text, String role, String parent)
            throws SQLException {
        String cid = text == null ? "" : text.trim();
        String state = CidRecord.NEW;
        String detail = null;
        try {
            cid = Cid.parse(cid).toString();
        } catch (InvalidCidException e) {
            state = CidRecord.INVALID;
            detail = "not a CID: " + e.getMessage();
            if (cid.isEmpty()) {
                cid = "(empty:" + songId + ")";
            }
        }
        insert.setString(1, cid);
        insert.setString(2, songId);
        insert.setString(3, role);
        insert.setString(4, parent);
        insert.setString(5, state);
        insert.setString(6, detail);
        insert.setInt(7, Shards.keyHash(cid));
    }

    private static long flush(PreparedStatement insert) throws SQLException {
        long n = 0;
        for (int count : insert.executeBatch()) {
            n += Math.max(count, 0);
        }
        return n;
    }
}
