package io.lifeline.backup.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything backup-service needs to know: what to back up, how, where to, and how long to keep it. */
@ConfigMapping(prefix = "lifeline.backup")
public interface BackupConfig {

    /** The databases this service protects, by name; a name is what requests and events refer to. */
    Map<String, Database> databases();

    /** Quartz-style cron of the scheduled backups, in UTC. The plan's time: 02:00 every day. */
    @WithDefault("0 0 2 * * ?")
    String schedule();

    /** {@code custom} (pg_dump -Fc, allows parallel and selective restore) or {@code plain} SQL. */
    @WithDefault("custom")
    String format();

    /** {@code zstd} (default) or {@code gzip}. */
    @WithDefault("zstd")
    String compression();

    /** Level 1 was both faster and smaller than 3 or 6 on the platform's data (bench/README.md). */
    @WithDefault("1")
    int zstdLevel();

    /**
     * zstd's own compression threads (0: compress on the pipeline's thread). One moves compression,
     * the pipeline's largest cost, beside encryption, hashing and writing (bench/README.md).
     */
    @WithDefault("1")
    int zstdWorkers();

    /**
     * Bytes run through compression, encryption and hashing at start ({@code PipelineSelfTest}); 0
     * turns it off. 32 MiB is enough for the JIT to compile the pipeline's loops.
     */
    @WithDefault("33554432")
    long selfTestBytes();

    /** Refuse a pg_dump whose major version differs from the server's (a dump that may not restore). */
    @WithDefault("true")
    boolean requireMatchingPgDump();

    @WithDefault("pg_dump")
    String pgDumpCommand();

    @WithDefault("pg_restore")
    String pgRestoreCommand();

    Encryption encryption();

    /**
     * The plan's other things worth keeping (environment template, contract addresses and ABIs,
     * monitoring configuration): files or folders stored as a second encrypted artefact of each
     * backup, listed in its manifest. Missing paths are reported as warnings, not failures.
     */
    Optional<List<Path>> artefacts();

    Local local();

    S3 s3();

    Retention retention();

    /** How often a running backup logs its progress. */
    @WithDefault("5s")
    Duration progressInterval();

    interface Database {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5432")
        int port();

        /** The database name on the server (defaults to the configured name). */
        Optional<String> dbname();

        @WithDefault("postgres")
        String user();

        /** Passed to pg_dump through PGPASSWORD, never on a command line or in a log. */
        Optional<String> password();
    }

    interface Encryption {
        /**
         * Armored OpenPGP public keys (files) of the recipients: anyone holding one of the matching
         * private keys opens a backup with {@code gpg --decrypt}. Several recipients allow key rotation.
         * Empty means the backup fails closed: nothing is ever written unencrypted.
         */
        Optional<List<Path>> recipients();

        /**
         * Optional armored private key used only to verify a backup end to end (decrypt, decompress,
         * list the archive). Without it, verification checks the stored bytes' SHA-256 at every
         * location and the OpenPGP structure, and decryption is proven by the restore drills.
         */
        Optional<Path> verifyKey();

        Optional<String> verifyKeyPassphrase();
    }

    interface Local {
        /** The local backup folder (the plan's /var/backups/mycelix). */
        Path dir();
    }

    interface S3 {
        @WithDefault("true")
        boolean enabled();

        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        String bucket();

        @WithDefault("backups/")
        String prefix();

        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Multipart part size: the memory one upload holds, whatever the database size. */
        @WithDefault("8388608")
        int partSize();

        /** Attempts to upload the local copy when the streaming upload failed (S3 down). */
        @WithDefault("4")
        int uploadAttempts();

        @WithDefault("2s")
        Duration uploadBackoff();

        /**
         * Write backup objects under an S3 Object Lock retention ({@code governance} or
         * {@code compliance}) where the bucket has Object Lock enabled: not even a stolen
         * credential deletes them early. Off by default; the bucket must be created with locking.
         */
        Optional<String> objectLock();

        /** How long a locked object is retained; defaults to the S3 retention days. */
        Optional<Integer> objectLockDays();
    }

    interface Retention {
        @WithDefault("30")
        int localDays();

        @WithDefault("90")
        int s3Days();

        /** At least this many verified backups per database and location survive any rule. */
        @WithDefault("3")
        int minimumKept();

        /** Grandfather-father-son: keep the newest backup of each of the last N days, weeks, months. */
        @WithDefault("0")
        int keepDaily();

        @WithDefault("0")
        int keepWeekly();

        @WithDefault("0")
        int keepMonthly();
    }
}
