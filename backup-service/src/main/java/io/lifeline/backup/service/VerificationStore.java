package io.lifeline.backup.service;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.backup.store.LocalStore;
import io.lifeline.backup.store.S3Store;

/** Writes a verification result as the manifest's companion, beside it in every store. */
@ApplicationScoped
public class VerificationStore {

    private static final Logger LOG = Logger.getLogger(VerificationStore.class);

    private final LocalStore local;
    private final S3Store s3;
    private final ManifestCodec codec;

    public VerificationStore(LocalStore local, S3Store s3, ManifestCodec codec) {
        this.local = local;
        this.s3 = s3;
        this.codec = codec;
    }

    public void write(Manifest manifest, Verification verification) {
        byte[] json = codec.encode(verification);
        String name = ManifestCodec.verificationName(manifest.backupId());
        try {
            local.writeAtomically(manifest.database(), name, json);
        } catch (IOException e) {
            LOG.warnf("backup %s: local verification record not written: %s", manifest.backupId(), e.getMessage());
        }
        if (manifest.locations().stream().anyMatch(S3Store::owns)) {
            try {
                s3.put(manifest.database(), name, json);
            } catch (RuntimeException e) {
                LOG.warnf("backup %s: S3 verification record not written: %s", manifest.backupId(), e.getMessage());
            }
        }
    }
}
