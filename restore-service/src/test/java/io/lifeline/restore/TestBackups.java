package io.lifeline.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lifeline.archive.compress.Compression;
import io.lifeline.archive.crypto.OpenPgpEncryption;
import io.lifeline.archive.crypto.OpenPgpKeys;
import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.testsupport.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes backups exactly as backup-service stores them, with the same shared code (backup-archive):
 * pg_dump custom format → zstd → OpenPGP to the recipients → SHA-256, the object and its manifest
 * (row counts of the same data) and a passing verification file, in the local folder and S3.
 * And old-format backups with the old script's real commands.
 */
final class TestBackups {

    private static final ManifestCodec CODEC = new ManifestCodec();

    private TestBackups() {
    }

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static String db(String target) {
        return config("lifeline.test.db." + target);
    }

    /** A Lifeline backup of the target's current data, encrypted to {@code recipientKey}. */
    static Manifest lifeline(String target, Instant takenAt, Path recipientKey, boolean toS3) throws Exception {
        return lifeline(target, db(target), Path.of(config("lifeline.restore.backup-dir")), takenAt, recipientKey,
                toS3);
    }

    /** The same, for a database and folder of the caller's (a test without the Quarkus application). */
    static Manifest lifeline(String target, String database, Path backupDir, Instant takenAt, Path recipientKey,
            boolean toS3) throws Exception {
        String backupId = "bk-" + target + "-" + takenAt.toEpochMilli();
        String objectName = ManifestCodec.objectName(backupId, "custom", Compression.ZSTD.extension());
        Path folder = Files.createDirectories(backupDir.resolve(target));
        Path object = folder.resolve(objectName);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Process dump = new ProcessBuilder("pg_dump", "--host=127.0.0.1", "--port=" + env("LIFELINE_PG_PORT", "5432"),
                "--username=" + env("LIFELINE_PG_USER", "postgres"), "--no-password", "--format=custom", "--compress=0",
                "--dbname=" + database).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (InputStream in = dump.getInputStream();
                OutputStream file = new DigestOutputStream(Files.newOutputStream(object), sha256);
                OutputStream out = Compression.ZSTD.compress(OpenPgpEncryption.encrypt(file,
                        OpenPgpKeys.encryptionKeys(List.of(recipientKey)), backupId + ".dump.zst"), 1)) {
            in.transferTo(out);
        }
        if (!dump.waitFor(120, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new IOException("pg_dump failed");
        }
        List<String> locations = new ArrayList<>(List.of(object.toUri().toString()));
        if (toS3) {
            try (S3Client s3 = S3Clients.fromConfig()) {
                String key = "backups/" + target + "/" + objectName;
                s3.putObject(r -> r.bucket(config("lifeline.s3.bucket")).key(key), RequestBody.fromFile(object));
                locations.add("s3://" + config("lifeline.s3.bucket") + "/" + key);
            }
        }
        Manifest manifest = new Manifest(Manifest.VERSION, backupId, "req-" + backupId, target, "scheduled", takenAt,
                takenAt.plusSeconds(5), "15", "15", "custom", "zstd",
                new Manifest.Encryption("openpgp", "AES-256", true, List.of()),
                new Manifest.StoredObject(objectName, Files.size(object), HexFormat.of().formatHex(sha256.digest()), 0),
                locations, rowCounts(database), null);
        Verification verification = new Verification(backupId, takenAt.plusSeconds(10), true, "full", List.of(),
                List.of());
        Files.write(folder.resolve(ManifestCodec.manifestName(backupId)), CODEC.encode(manifest));
        Files.write(folder.resolve(ManifestCodec.verificationName(backupId)), CODEC.encode(verification));
        if (toS3) {
            try (S3Client s3 = S3Clients.fromConfig()) {
                s3.putObject(r -> r.bucket(config("lifeline.s3.bucket"))
                        .key("backups/" + target + "/" + ManifestCodec.manifestName(backupId)),
                        RequestBody.fromBytes(CODEC.encode(manifest)));
                s3.putObject(r -> r.bucket(config("lifeline.s3.bucket"))
                        .key("backups/" + target + "/" + ManifestCodec.verificationName(backupId)),
                        RequestBody.fromBytes(CODEC.encode(verification)));
            }
        }
        return manifest;
    }

    static Path localObject(Manifest m) {
        return Path.of(config("lifeline.restore.backup-dir")).resolve(m.database()).resolve(m.object().name());
    }

    /** Flips one byte in the middle of the local copy. */
    static void tamper(Path file) throws IOException {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long middle = Files.size(file) / 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.position(middle).read(one);
            one.put(0, (byte) (one.get(0) ^ 0x01));
            one.rewind();
            channel.position(middle).write(one);
        }
    }

    /** The old scripts/backup.sh, its very commands: pg_dump | gzip -9 [| openssl enc -aes-256-cbc -salt -pass]. */
    static Path legacy(String target, String name, boolean encrypted, Path dir) throws Exception {
        Path file = dir.resolve(name);
        String script = "pg_dump --host=127.0.0.1 --port=" + env("LIFELINE_PG_PORT", "5432") + " --username="
                + env("LIFELINE_PG_USER", "postgres") + " --format=plain --no-owner --no-privileges '" + db(target)
                + "' | gzip -9" + (encrypted ? " | openssl enc -aes-256-cbc -salt -pass pass:\"$PASS\"" : "")
                + " > '" + file + "'";
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", script).redirectErrorStream(true);
        builder.environment().put("PASS", RestoreEnvironment.LEGACY_PASSWORD);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("the old backup pipeline failed: " + out);
        }
        return file;
    }

    /** Exact rows per table, keyed like manifests ({@code public.songs}). */
    static Map<String, Long> rowCounts(String database) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect(database); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            ResultSet rs = st.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                    + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String t : tables) {
                ResultSet n = st.executeQuery("SELECT count(*) FROM " + t);
                n.next();
                counts.put(t, n.getLong(1));
            }
        }
        return counts;
    }

    static void execute(String database, String sql) throws Exception {
        try (Connection c = TestDatabase.connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static boolean exists(String database) throws Exception {
        try (Connection c = TestDatabase.connect("postgres"); Statement st = c.createStatement()) {
            return st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next();
        }
    }

    static List<String> databasesStartingWith(String prefix) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = TestDatabase.connect("postgres"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE left(datname, "
                    + prefix.length() + ") = '" + prefix + "'");
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
