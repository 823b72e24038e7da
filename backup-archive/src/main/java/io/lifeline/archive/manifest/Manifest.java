package io.lifeline.archive.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Written once beside every backup, after the object is complete: all a new Lifeline (or a person
 * with gpg) needs to find, check and restore it, without the catalog. Row counts come from the same
 * snapshot as the dump, so a restore can prove it is complete.
 */
public record Manifest(
        int manifestVersion,
        String backupId,
        String requestId,
        String database,
        String trigger,
        Instant startedAt,
        Instant completedAt,
        String serverVersion,
        String pgDumpVersion,
        String format,
        String compression,
        Encryption encryption,
        StoredObject object,
        List<String> locations,
        Map<String, Long> tableRowCounts,
        Artefacts artefacts) {

    public static final int VERSION = 1;

    /** The second artefact: configuration files, zipped and encrypted like the dump. */
    public record Artefacts(String name, long sizeBytes, String sha256, List<String> files, List<String> locations) {
    }

    public record Encryption(String format, String cipher, boolean integrityProtected, List<String> recipientKeyIds) {
    }

    /**
     * @param name      file name of the object in every location
     * @param sizeBytes stored (compressed, encrypted) size
     * @param sha256    of the stored bytes
     * @param dumpBytes what pg_dump produced before compression
     */
    public record StoredObject(String name, long sizeBytes, String sha256, long dumpBytes) {
    }
}
