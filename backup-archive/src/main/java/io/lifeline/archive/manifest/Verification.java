package io.lifeline.archive.manifest;

import java.time.Instant;
import java.util.List;

/**
 * The manifest's companion: the result of reading the backup back. Kept apart because the
 * manifest is written once and a backup is verified again (drills, on demand).
 *
 * @param level {@code full} (checksum, decrypted, decompressed, archive listed every table) or
 *              {@code checksum} (stored bytes checked at every location; no decryption key here)
 */
public record Verification(String backupId, Instant verifiedAt, boolean ok, String level, List<LocationCheck> locations,
        List<String> problems) {

    public record LocationCheck(String location, boolean ok, String detail) {
    }
}
