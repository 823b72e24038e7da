package io.lifeline.events.backup;

import static io.lifeline.events.internal.Checks.SHA256_HEX;
import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.mapWithoutNullValues;
import static io.lifeline.events.internal.Checks.matches;
import static io.lifeline.events.internal.Checks.nonEmptyList;
import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backup is stored. Enough is carried here for a restore to pick it without reading the store:
 * checksum, format, where the copies live, the manifest beside them, and the row counts the
 * restore verification compares against.
 *
 * @param sha256         lower-case hex SHA-256 of the stored object (after compression and encryption)
 * @param format         {@code custom} (pg_dump -Fc) or {@code plain} (SQL text, e.g. legacy backups)
 * @param compression    {@code zstd}, {@code gzip} or {@code none}
 * @param verified       whether the backup was test-restored or otherwise verified before this event
 * @param locations      every stored copy, e.g. {@code file:/var/backups/...}, {@code s3://bucket/key}
 * @param manifestKey    store key of the manifest that lets a new Lifeline rebuild its catalog
 * @param tableRowCounts rows per table at dump time (may be empty)
 */
public record BackupCompleted(String backupId, String requestId, String database, Instant startedAt,
                              Instant completedAt, long sizeBytes, String sha256, String format,
                              String compression, boolean encrypted, boolean verified, List<String> locations,
                              String manifestKey, String serverVersion, String pgDumpVersion,
                              Map<String, Long> tableRowCounts, List<String> warnings) {

    public static final String FORMAT_CUSTOM = "custom";
    public static final String FORMAT_PLAIN = "plain";
    public static final Set<String> FORMATS = Set.of(FORMAT_CUSTOM, FORMAT_PLAIN);

    public static final String COMPRESSION_ZSTD = "zstd";
    public static final String COMPRESSION_GZIP = "gzip";
    public static final String COMPRESSION_NONE = "none";
    public static final Set<String> COMPRESSIONS = Set.of(COMPRESSION_ZSTD, COMPRESSION_GZIP, COMPRESSION_NONE);

    public BackupCompleted {
        text(backupId, "backupId");
        text(requestId, "requestId");
        text(database, "database");
        required(startedAt, "startedAt");
        required(completedAt, "completedAt");
        atLeast(sizeBytes, 0, "sizeBytes");
        matches(sha256, "sha256", SHA256_HEX);
        oneOf(format, "format", FORMATS);
        oneOf(compression, "compression", COMPRESSIONS);
        locations = nonEmptyList(textList(locations, "locations"), "locations");
        text(manifestKey, "manifestKey");
        text(serverVersion, "serverVersion");
        text(pgDumpVersion, "pgDumpVersion");
        tableRowCounts = mapWithoutNullValues(tableRowCounts, "tableRowCounts");
        tableRowCounts.forEach((table, rows) -> atLeast(rows, 0, "tableRowCounts." + table));
        warnings = textList(warnings, "warnings");
    }

    /** A completion with nothing to warn about. */
    public BackupCompleted(String backupId, String requestId, String database, Instant startedAt, Instant completedAt,
            long sizeBytes, String sha256, String format, String compression, boolean encrypted, boolean verified,
            List<String> locations, String manifestKey, String serverVersion, String pgDumpVersion,
            Map<String, Long> tableRowCounts) {
        this(backupId, requestId, database, startedAt, completedAt, sizeBytes, sha256, format, compression, encrypted,
                verified, locations, manifestKey, serverVersion, pgDumpVersion, tableRowCounts, List.of());
    }
}
