package io.lifeline.ipfs.inventory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.ipfs.config.GuardianConfig;

/** Reads the platform's database (read-only): the songs' CIDs and, for an incident, who the artist is. */
@ApplicationScoped
public class PlatformSongs {

    private final GuardianConfig.Platform config;

    public PlatformSongs(GuardianConfig config) {
        this.config = config.platform();
    }

    /** Streams (song id, CID text) rows of the configured query, a few thousand at a time. */
    public void forEachSong(BiConsumer<String, String> row) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(5000);
                try (ResultSet rs = st.executeQuery(config.query())) {
                    while (rs.next()) {
                        row.accept(rs.getString(1), rs.getString(2));
                    }
                }
            }
            c.commit();
        }
    }

    public Optional<Song> song(String songId) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(config.songQuery())) {
            ps.setString(1, songId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Song(songId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().orElse(""));
    }

    public record Song(String id, String title, String artist, String artistAddress, String ipfsHash) {
    }
}
