package io.lifeline.restore.archive;

import java.time.Instant;
import java.util.List;

import io.lifeline.archive.manifest.Manifest;

/**
 * A backup a restore could use: a Lifeline backup (with its manifest) or a file of the old script
 * (no manifest: {@code manifest} is null).
 *
 * @param locations where its object can be read, preferred first (S3, then the local copy)
 * @param verified  backup-service's last verification passed (never true for an old backup)
 */
public record Candidate(String backupId, Instant takenAt, Manifest manifest, boolean verified, List<String> locations,
        LegacyKind legacy) {

    public enum LegacyKind {
        ENCRYPTED, PLAIN
    }

    public boolean isLegacy() {
        return manifest == null;
    }

    /** Plain SQL is applied with psql; a custom-format archive with pg_restore. */
    public boolean plainSql() {
        return isLegacy() || "plain".equals(manifest.format());
    }
}
