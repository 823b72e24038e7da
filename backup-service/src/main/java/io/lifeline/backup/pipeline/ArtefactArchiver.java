package io.lifeline.backup.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.openpgp.PGPPublicKey;

import io.lifeline.archive.crypto.OpenPgpEncryption;

/**
 * Zips the configuration artefacts (files or folders) straight into OpenPGP encryption, so that
 * like the dump they never touch a disk in plaintext. {@code gpg --decrypt | unzip} opens it.
 */
public final class ArtefactArchiver {

    private ArtefactArchiver() {
    }

    public record Archived(long sizeBytes, String sha256, List<String> files, List<String> missing) {
    }

    public static Archived archive(List<Path> paths, Path target, List<PGPPublicKey> recipients) throws IOException {
        List<String> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        MessageDigest sha256 = sha256();
        try (OutputStream file = Files.newOutputStream(target);
                DigestOutputStream digest = new DigestOutputStream(file, sha256);
                OutputStream encrypted = OpenPgpEncryption.encrypt(digest, recipients, "artefacts.zip");
                ZipOutputStream zip = new ZipOutputStream(encrypted)) {
            for (Path root : paths) {
                if (!Files.exists(root)) {
                    missing.add(root.toString());
                    continue;
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String name = (root.getFileName() + "/" + root.relativize(p)).replace('\\', '/');
                        zip.putNextEntry(new ZipEntry(Files.isDirectory(root) ? name : root.getFileName().toString()));
                        Files.copy(p, zip);
                        zip.closeEntry();
                        files.add(p.toString());
                    }
                }
            }
        }
        return new Archived(Files.size(target), HexFormat.of().formatHex(sha256.digest()), files, missing);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
