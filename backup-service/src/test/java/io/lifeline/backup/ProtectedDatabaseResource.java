package io.lifeline.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.lifeline.testsupport.FreePorts;
import io.lifeline.testsupport.PlatformDatabase;
import io.lifeline.testsupport.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The database under protection (shaped like the platform's, thousands of rows), a second one
 * that is down (a closed port), the recipients' keys made with gpg, and an empty backup folder.
 */
public class ProtectedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    public static final int SONGS = 2_000;
    public static final int PLAYS = 20_000;

    private TestDatabase database;
    private GpgKeys keys;
    private Path backupDir;
    private Path artefacts;

    @Override
    public Map<String, String> start() {
        try {
            database = PlatformDatabase.create(SONGS, PLAYS);
            keys = GpgKeys.generate();
            backupDir = Files.createTempDirectory("lifeline-backups-");
            artefacts = Files.createTempDirectory("lifeline-artefacts-");
            Files.writeString(artefacts.resolve(".env.example"), "DATABASE_URL=postgresql://...\nROUTER_ADDRESS=\n");
            Files.createDirectories(artefacts.resolve("contracts"));
            Files.writeString(artefacts.resolve("contracts/addresses.json"), "{\"router\": \"0x0\"}\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("lifeline.backup.databases.mycelix.host", database.host());
        config.put("lifeline.backup.databases.mycelix.port", String.valueOf(database.port()));
        config.put("lifeline.backup.databases.mycelix.dbname", database.name());
        config.put("lifeline.backup.databases.mycelix.user", database.user());
        config.put("lifeline.backup.databases.down.host", "127.0.0.1");
        config.put("lifeline.backup.databases.down.port", String.valueOf(FreePorts.next()));
        config.put("lifeline.backup.encryption.recipients", keys.publicKey.toString());
        config.put("lifeline.backup.encryption.verify-key", keys.secretKey.toString());
        config.put("lifeline.backup.local.dir", backupDir.toString());
        config.put("lifeline.backup.artefacts", artefacts.toString());
        config.put("lifeline.test.protected-db", database.name());
        config.put("lifeline.test.gnupghome", keys.home.toString());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (keys != null) {
            keys.stopAgent();
        }
    }
}
