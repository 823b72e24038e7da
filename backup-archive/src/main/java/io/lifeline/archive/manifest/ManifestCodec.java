package io.lifeline.archive.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lifeline.events.EventJson;

/**
 * Manifests and their verification companions as pretty JSON that people read in an incident, and
 * the names of a backup's objects: shared by the service that writes backups and the one that
 * restores them, so that both always agree on the layout.
 */
public class ManifestCodec {

    public static final String MANIFEST_SUFFIX = ".manifest.json";
    public static final String VERIFICATION_SUFFIX = ".verification.json";

    private final ObjectMapper mapper = EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    public static String manifestName(String backupId) {
        return backupId + MANIFEST_SUFFIX;
    }

    public static String artefactsName(String backupId) {
        return backupId + ".artefacts.zip.gpg";
    }

    public static String verificationName(String backupId) {
        return backupId + VERIFICATION_SUFFIX;
    }

    /** The dump object: {@code <id>.dump.zst.gpg} (custom format) or {@code <id>.sql.gz.gpg} (plain). */
    public static String objectName(String backupId, String format, String compressionExtension) {
        return backupId + ("plain".equals(format) ? ".sql" : ".dump") + compressionExtension + ".gpg";
    }

    /** The bucket layout of every object of a backup: {@code <prefix><database>/<name>}. */
    public static String s3Key(String prefix, String database, String name) {
        return prefix + database + "/" + name;
    }

    /** The backup id a manifest's file (or key) name carries, or null if it is no manifest. */
    public static String backupIdOf(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        return name.endsWith(MANIFEST_SUFFIX) ? name.substring(0, name.length() - MANIFEST_SUFFIX.length()) : null;
    }

    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Manifest manifest(byte[] json) throws IOException {
        Manifest m = mapper.readValue(json, Manifest.class);
        if (m.backupId() == null || m.database() == null || m.object() == null || m.locations() == null) {
            throw new IOException("not a Lifeline backup manifest (backupId, database, object, locations required)");
        }
        return m;
    }

    public Verification verification(byte[] json) throws IOException {
        return mapper.readValue(json, Verification.class);
    }
}
