package io.lifeline.backup.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lifeline.events.EventJson;

/** Manifests and their verification companions as pretty JSON that people read in an incident. */
@ApplicationScoped
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
