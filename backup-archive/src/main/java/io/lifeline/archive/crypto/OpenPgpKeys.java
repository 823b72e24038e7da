package io.lifeline.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** Reads armored OpenPGP keys as gpg exports them; any problem is a {@link KeyException} saying which file. */
public final class OpenPgpKeys {

    private OpenPgpKeys() {
    }

    /** The encryption key of each file: a subkey marked for encryption, or an encryption-capable primary. */
    public static List<PGPPublicKey> encryptionKeys(List<Path> files) {
        if (files.isEmpty()) {
            throw new KeyException("no recipient public key is configured (lifeline.backup.encryption.recipients):"
                    + " refusing to write an unencrypted backup");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(encryptionKey(file));
        }
        return keys;
    }

    static PGPPublicKey encryptionKey(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            for (Iterator<PGPPublicKeyRing> r = rings.getKeyRings(); r.hasNext();) {
                for (Iterator<PGPPublicKey> k = r.next().getPublicKeys(); k.hasNext();) {
                    PGPPublicKey key = k.next();
                    if (key.isEncryptionKey() && !key.hasRevocation() && !expired(key)) {
                        return key;
                    }
                }
            }
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyException("recipient key " + file + " is not a readable OpenPGP public key: "
                    + e.getClass().getSimpleName(), e);
        }
        throw new KeyException("recipient key " + file + " has no valid encryption key");
    }

    public static PGPSecretKeyRingCollection secretKeys(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyException("verification key " + file + " is not a readable OpenPGP secret key: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    public static String keyId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }

    private static boolean expired(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds > 0 && key.getCreationTime().toInstant().plusSeconds(seconds).isBefore(java.time.Instant.now());
    }

    /** A key that cannot be used: the backup fails closed, before anything is written. */
    public static final class KeyException extends RuntimeException {
        public KeyException(String message) {
            super(message);
        }

        public KeyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
