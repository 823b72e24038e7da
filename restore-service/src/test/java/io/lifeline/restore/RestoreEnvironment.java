package io.lifeline.restore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeline.testsupport.PlatformDatabase;
import io.lifeline.testsupport.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The world a restore needs, made real: one platform-shaped database per test target (the
 * allowlist), OpenPGP keys made with gpg (the recipients' pair and a stranger's), empty backup,
 * legacy, safety and work folders, and a pg_restore that can be paused mid-restore on demand.
 */
public class RestoreEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final int SONGS = 500;
    public static final int PLAYS = 5_000;
    public static final List<String> TARGETS = List.of("roundtrip", "faults", "approval", "kill", "legacy", "drill",
            "incident", "fallback", "outbox");
    public static final String LEGACY_PASSWORD = "old-backup-password";

    private final List<TestDatabase> databases = new ArrayList<>();
    private GpgKeys keys;
    private GpgKeys stranger;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        try {
            keys = GpgKeys.generate();
            stranger = GpgKeys.generate("stranger@lifeline.invalid");
            Path root = Files.createTempDirectory("lifeline-restore-test-");
            Path backups = Files.createDirectories(root.resolve("backups"));
            Path legacy = Files.createDirectories(root.resolve("legacy"));
            Path marker = root.resolve("pause-pg_restore");
            Path slow = root.resolve("pg_restore-pausable.sh");
            // Paused: restore the schema only (a half-restored scratch database), then wait to be killed.
            Files.writeString(slow, String.join("\n", "#!/bin/bash",
                    "for a in \"$@\"; do [ \"$a\" = --list ] && exec pg_restore \"$@\"; done",
                    "if [ -f '" + marker + "' ]; then",
                    "  pg_restore --section=pre-data \"$@\" || exit $?",
                    "  sleep 120 || exit 137",
                    "  exit 137",
                    "fi",
                    "exec pg_restore \"$@\"", ""));
            Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
            for (String target : TARGETS) {
                TestDatabase db = PlatformDatabase.create(SONGS, PLAYS);
                databases.add(db);
                String p = "lifeline.restore.targets." + target + ".";
                config.put(p + "host", db.host());
                config.put(p + "port", String.valueOf(db.port()));
                config.put(p + "dbname", db.name());
                config.put(p + "user", db.user());
                config.put("lifeline.test.db." + target, db.name());
            }
            // In the allowlist, but its server is down (nothing listens there).
            config.put("lifeline.restore.targets.unreachable.port", String.valueOf(io.lifeline.testsupport.FreePorts.next()));
            config.put("lifeline.restore.decryption-key", keys.secretKey.toString());
            config.put("lifeline.restore.safety-dump.recipients", keys.publicKey.toString());
            config.put("lifeline.restore.safety-dump.dir", root.resolve("safety").toString());
            config.put("lifeline.restore.backup-dir", backups.toString());
            config.put("lifeline.restore.legacy-dir", legacy.toString());
            config.put("lifeline.restore.legacy-password", LEGACY_PASSWORD);
            config.put("lifeline.restore.work-dir", root.resolve("work").toString());
            config.put("lifeline.restore.pg-restore-command", slow.toString());
            config.put("lifeline.test.recipient-key", keys.publicKey.toString());
            config.put("lifeline.test.stranger-key", stranger.publicKey.toString());
            config.put("lifeline.test.gnupghome", keys.home.toString());
            config.put("lifeline.test.pause-marker", marker.toString());
            config.put("lifeline.test.root", root.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    @Override
    public void stop() {
        // The targets, and every copy a restore left beside them (<db>_pre_*, scratch databases).
        for (TestDatabase db : databases) {
            try (Connection c = TestDatabase.connect("postgres"); Statement st = c.createStatement()) {
                List<String> names = new ArrayList<>();
                ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + db.name() + "%'");
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                for (String name : names) {
                    st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                }
            } catch (Exception e) {
                db.close();
            }
        }
        if (keys != null) {
            keys.stopAgent();
        }
        if (stranger != null) {
            stranger.stopAgent();
        }
    }
}
