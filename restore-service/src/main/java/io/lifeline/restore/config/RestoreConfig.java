package io.lifeline.restore.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What restore-service may restore, from where, with which keys, and how carefully. */
@ConfigMapping(prefix = "lifeline.restore")
public interface RestoreConfig {

    /**
     * The allowlist: the only databases a restore may write, by name. A request naming anything
     * else is refused before any work is done.
     */
    Map<String, Target> targets();

    /** Armored OpenPGP secret key that opens Lifeline backups (the recipients' private key). */
    Optional<Path> decryptionKey();

    Optional<String> decryptionKeyPassphrase();

    /** The old scripts/backup.sh password (BACKUP_ENCRYPTION_PASSWORD), for its .sql.gz.enc files. */
    Optional<String> legacyPassword();

    SafetyDump safetyDump();

    /** backup-service's local folder ({@code <dir>/<database>/<backup objects>}), the fallback when S3 is down. */
    Path backupDir();

    /** The old script's folder of {@code mycelix_backup_*.sql.gz[.enc]} files (the plan's /var/backups/mycelix). */
    Optional<Path> legacyDir();

    S3 s3();

    /** Where fetched and decrypted files live during a restore (mode 700, emptied after each one). */
    Path workDir();

    /** Parallel pg_restore jobs for custom-format archives. */
    @WithDefault("2")
    int jobs();

    /**
     * Session settings (PGOPTIONS) of the pg_restore / psql that fill the scratch database. Safe to
     * relax there: nobody reads it before it is verified, a crash only fails the restore, and the swap
     * commits synchronously after it (flushing all earlier WAL).
     */
    @WithDefault("-c synchronous_commit=off -c maintenance_work_mem=256MB")
    String restoreSessionOptions();

    @WithDefault("pg_dump")
    String pgDumpCommand();

    @WithDefault("pg_restore")
    String pgRestoreCommand();

    @WithDefault("psql")
    String psqlCommand();

    /** pg_amcheck; when absent from PATH, the PostgreSQL install folders are searched. "off" disables it. */
    @WithDefault("pg_amcheck")
    String pgAmcheckCommand();

    /** How many pre-restore copies ({@code <target>_pre_<restoreId>}) of each target are kept. */
    @WithDefault("1")
    int keepPrevious();

    /** The plan's recovery time objective, which every restore and drill is measured against. */
    @WithDefault("4h")
    Duration rto();

    Approval approval();

    Incidents incidents();

    Drills drills();

    interface Target {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5432")
        int port();

        /** The database name on the server (defaults to the target's name). */
        Optional<String> dbname();

        @WithDefault("postgres")
        String user();

        /** Given to the PostgreSQL tools through PGPASSWORD only. */
        Optional<String> password();

        /** The database name backup-service's manifests use for this target (defaults to the target's name). */
        Optional<String> backupDatabase();

        /** File name prefix of the old script's backups of this target (default {@code <backup database>_backup_}). */
        Optional<String> legacyPrefix();

        /** The database the administration statements (create, rename, drop) run in. */
        @WithDefault("postgres")
        String maintenanceDb();
    }

    interface SafetyDump {
        /** Public keys the safety dump is encrypted to (the same recipients as backups). Empty: fail closed. */
        Optional<List<Path>> recipients();

        /** Where safety dumps are written. */
        Path dir();
    }

    interface S3 {
        @WithDefault("true")
        boolean enabled();

        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        String bucket();

        /** backup-service's prefix: {@code <prefix><database>/<object>}. */
        @WithDefault("backups/")
        String prefix();

        /** Where the old script uploaded its files ({@code backups/mycelix_backup_*}). */
        @WithDefault("backups/")
        String legacyPrefix();

        Optional<String> accessKey();

        Optional<String> secretKey();
    }

    interface Approval {
        /** How long a restore waits for its approval before it fails. */
        @WithDefault("30m")
        Duration timeout();

        /** How often waiting approvals are checked for their deadline. */
        @WithDefault("10s")
        Duration checkEvery();
    }

    interface Incidents {
        /**
         * What an {@code incident.opened} of kind {@code database.corruption} does: {@code auto}
         * (restore at once), {@code approval} (restore once approved through REST) or {@code off}.
         */
        @WithDefault("approval")
        String policy();

        /** Incident component → target, e.g. {@code postgres=mycelix}; unmapped components use the default target. */
        Map<String, String> components();

        Optional<String> defaultTarget();
    }

    interface Drills {
        /** Quartz cron in UTC; the plan's monthly test: the first Monday of the month (03:00). "off" disables. */
        @WithDefault("0 0 3 ? * MON#1")
        String schedule();

        /** The target whose backups scheduled drills restore (default: the only target, if there is one). */
        Optional<String> target();
    }
}
