package io.lifeline.restore.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lifeline.restore.archive.Candidate;

/**
 * A backup that passed every check before the target is touched, decrypted and decompressed into
 * the work folder, ready for pg_restore (custom format) or psql (plain SQL).
 *
 * @param tocEntries    the archive's table of contents (custom format), for the object check after the restore
 * @param expectedRows  rows per table the dump holds: the manifest's counts, or the COPY rows counted in a plain dump
 * @param fetchedFrom   the location whose copy was used
 * @param notes         what did not go perfectly (a location that failed, a missing manifest)
 */
public record Prepared(Candidate backup, Path dump, List<String> tocEntries, Map<String, Long> expectedRows,
        String fetchedFrom, List<String> notes) {
}
