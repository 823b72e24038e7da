package io.lifeline.restore.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;

import io.lifeline.archive.compress.Compression;
import io.lifeline.archive.crypto.OpenPgpEncryption;
import io.lifeline.archive.crypto.OpenPgpKeys;
import io.lifeline.archive.crypto.OpenSslDecryption;
import io.lifeline.archive.manifest.Manifest;
import io.lifeline.restore.archive.BackupCatalog;
import io.lifeline.restore.archive.BackupStores;
import io.lifeline.restore.archive.Candidate;
import io.lifeline.restore.config.RestoreConfig;

/**
 * Everything that can be checked before the target is touched: fetch (S3, else the local copy),
 * SHA-256 against the manifest, decryption (OpenPGP with its integrity check, or the old openssl
 * format), decompression (gzip CRC, zstd frames), and the archive itself ({@code pg_restore --list},
 * or a complete plain dump). A backup that fails here is never restored.
 */
@ApplicationScoped
public class BackupPreparer {

    private static final Pattern COPY = Pattern.compile("^COPY ([^ ]+) .*FROM stdin;$");
    private static final String PLAIN_DUMP_END = "-- PostgreSQL database dump complete";

    private final RestoreConfig config;
    private final BackupStores stores;

    public BackupPreparer(RestoreConfig config, BackupStores stores) {
        this.config = config;
        this.stores = stores;
    }

    public Prepared prepare(Candidate backup, Path workDir, StageClock clock) throws StageException {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String lastStage = "fetch";
        if (backup.locations().isEmpty()) {
            throw new StageException("fetch", "no stored copy of " + backup.backupId() + " was found");
        }
        for (String location : backup.locations()) {
            Path fetched = workDir.resolve("fetched");
            try {
                clock.start("fetch");
                String sha256 = fetch(location, fetched);
                clock.start("verify");
                if (backup.manifest() != null && !sha256.equals(backup.manifest().object().sha256())) {
                    throw new StageException("verify", "SHA-256 of the copy at " + location + " is " + sha256
                            + ", the manifest says " + backup.manifest().object().sha256());
                }
                clock.start("decrypt");
                Path dump = workDir.resolve(backup.plainSql() ? "dump.sql" : "dump.archive");
                decrypt(backup, fetched, dump);
                PgTools.deleteQuietly(fetched);
                clock.start("check");
                Prepared prepared = backup.plainSql() ? checkPlain(backup, dump, location, notes)
                        : checkArchive(backup, dump, location, notes);
                clock.stop();
                if (!problems.isEmpty()) {
                    notes.add("other copies failed: " + String.join("; ", problems));
                }
                return prepared;
            } catch (StageException e) {
                clock.stop();
                PgTools.deleteQuietly(fetched);
                // A bad copy at one location: the next location may hold a good one (same bytes, same checks).
                problems.add(e.getMessage());
                lastStage = e.stage();
                if (!"fetch".equals(e.stage()) && !"verify".equals(e.stage())) {
                    // Decryption or archive problems are the backup's, not one copy's.
                    throw e;
                }
            }
        }
        throw new StageException(lastStage, String.join("; ", problems));
    }

    /** Downloads one copy to the work folder, hashing on the way. */
    private String fetch(String location, Path target) throws StageException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(stores.open(location), sha256);
                OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            throw new StageException("fetch", "cannot read " + location + ": " + BackupCatalog.describe(e), e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void decrypt(Candidate backup, Path fetched, Path dump) throws StageException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(fetched), 1 << 16);
                OutputStream out = Files.newOutputStream(dump)) {
            if (backup.isLegacy()) {
                InputStream clear = raw;
                if (backup.legacy() == Candidate.LegacyKind.ENCRYPTED) {
                    char[] password = config.legacyPassword().filter(p -> !p.isEmpty())
                            .orElseThrow(() -> new StageException("decrypt", backup.backupId()
                                    + " is an old openssl-encrypted backup and no legacy password is configured"
                                    + " (lifeline.restore.legacy-password)")).toCharArray();
                    clear = OpenSslDecryption.decrypt(raw, password);
                }
                try (InputStream sql = new GZIPInputStream(clear, 1 << 16)) {
                    sql.transferTo(out); // gzip checks its CRC and length at the end: a truncated file fails here
                }
                return;
            }
            Manifest m = backup.manifest();
            PGPSecretKeyRingCollection key = config.decryptionKey().map(OpenPgpKeys::secretKeys)
                    .orElseThrow(() -> new StageException("decrypt",
                            "no decryption key is configured (lifeline.restore.decryption-key)"));
            char[] passphrase = config.decryptionKeyPassphrase().orElse("").toCharArray();
            try (InputStream decrypted = OpenPgpEncryption.decrypt(raw, key, passphrase);
                    InputStream clear = Compression.of(m.compression()).decompress(decrypted)) {
                clear.transferTo(out);
                // The decompressor may stop at its frame's end: read on to where the integrity check runs.
                decrypted.transferTo(OutputStream.nullOutputStream());
            }
        } catch (OpenPgpKeys.KeyException e) {
            throw new StageException("decrypt", e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            PgTools.deleteQuietly(dump);
            String what = backup.isLegacy() ? "decryption or gunzip failed" : "decryption or decompression failed";
            throw new StageException("decrypt", what + ": " + BackupCatalog.describe(e), e);
        }
    }

    private Prepared checkArchive(Candidate backup, Path dump, String location, List<String> notes)
            throws StageException {
        Path listing = dump.resolveSibling("toc.txt");
        ProcessBuilder list = new ProcessBuilder(config.pgRestoreCommand(), "--list", dump.toString())
                .redirectOutput(listing.toFile());
        PgTools.run("check", "pg_restore --list", list);
        List<String> toc;
        try {
            toc = Files.readAllLines(listing).stream().filter(l -> !l.isBlank() && !l.startsWith(";")).toList();
        } catch (IOException e) {
            throw new StageException("check", "cannot read the archive listing: " + e.getMessage(), e);
        }
        Map<String, Long> expected = backup.manifest().tableRowCounts();
        List<String> tables = toc.stream().map(TocEntry::parse).flatMap(Optional::stream)
                .filter(e -> e.type().equals("TABLE")).map(e -> (e.schema() + "." + e.name()).toLowerCase(Locale.ROOT))
                .toList();
        List<String> missing = expected.keySet().stream()
                .filter(t -> !tables.contains(t.replace("\"", "").toLowerCase(Locale.ROOT))).toList();
        if (!missing.isEmpty()) {
            throw new StageException("check", "the archive does not contain tables " + missing);
        }
        return new Prepared(backup, dump, toc, expected, location, notes);
    }

    /** A plain dump must be complete (pg_dump's closing line); its COPY blocks give the rows to expect. */
    private Prepared checkPlain(Candidate backup, Path dump, String location, List<String> notes)
            throws StageException {
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean complete = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(dump),
                StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            String copying = null;
            long count = 0;
            while ((line = reader.readLine()) != null) {
                if (copying != null) {
                    if (line.equals("\\.")) {
                        rows.put(copying, count);
                        copying = null;
                    } else {
                        count++;
                    }
                    continue;
                }
                Matcher copy = COPY.matcher(line);
                if (copy.matches()) {
                    copying = copy.group(1);
                    count = 0;
                } else if (line.startsWith(PLAIN_DUMP_END)) {
                    complete = true;
                }
            }
        } catch (IOException e) {
            throw new StageException("check", "cannot read the SQL dump: " + e.getMessage(), e);
        }
        if (!complete) {
            throw new StageException("check", "the SQL dump is incomplete (no '" + PLAIN_DUMP_END + "' line)");
        }
        Map<String, Long> expected = backup.manifest() != null ? backup.manifest().tableRowCounts() : rows;
        if (backup.isLegacy()) {
            notes.add("old-format backup: no manifest; rows checked against the dump's own COPY data");
        }
        return new Prepared(backup, dump, List.of(), expected, location, notes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
