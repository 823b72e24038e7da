package io.lifeline.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.restore.archive.BackupCatalog;
import io.lifeline.restore.archive.BackupStores;
import io.lifeline.restore.config.RestoreConfig;
import io.lifeline.restore.pipeline.BackupPreparer;
import io.lifeline.restore.pipeline.Prepared;
import io.lifeline.restore.pipeline.StageClock;
import io.lifeline.testsupport.FreePorts;
import io.lifeline.testsupport.PlatformDatabase;
import io.lifeline.testsupport.TestDatabase;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * S3 is down (nothing listens on its port): backups are found from the local manifests and read,
 * checked and decrypted from the local copies. Without the application (a second one with another
 * S3 endpoint would cost a restart of the suite's servers): the same classes, wired by hand.
 */
class S3DownTest {

    private static TestDatabase database;
    private static GpgKeys keys;
    private static Path root;

    @BeforeAll
    static void setUp() throws Exception {
        database = PlatformDatabase.create(100, 1000);
        keys = GpgKeys.generate("s3down@lifeline.invalid");
        root = Files.createTempDirectory("lifeline-s3down-");
    }

    @AfterAll
    static void tearDown() {
        database.close();
        keys.stopAgent();
    }

    @Test
    void withS3DownTheLocalCopiesAreFoundAndUsed() throws Exception {
        Manifest backup = TestBackups.lifeline("s3down", database.name(), root.resolve("backups"),
                Instant.now().minusSeconds(60), keys.publicKey, false);
        RestoreConfig config = config(Map.of(
                "lifeline.restore.s3.endpoint", "http://127.0.0.1:" + FreePorts.next(),
                "lifeline.restore.s3.bucket", "lifeline-test-backups",
                "lifeline.restore.s3.access-key", "x", "lifeline.restore.s3.secret-key", "y",
                "lifeline.restore.targets.s3down.dbname", database.name(),
                "lifeline.restore.decryption-key", keys.secretKey.toString(),
                "lifeline.restore.backup-dir", root.resolve("backups").toString(),
                "lifeline.restore.safety-dump.dir", root.resolve("safety").toString(),
                "lifeline.restore.work-dir", root.resolve("work").toString()));
        BackupStores stores = new BackupStores(config);
        BackupCatalog catalog = new BackupCatalog(stores, new ManifestCodec(), config);

        BackupCatalog.Selection selection = catalog.select("s3down", BackupSelector.latestVerified());
        assertThat(selection.notes()).anySatisfy(n -> assertThat(n).startsWith("S3 unreachable, local copies only"));
        assertThat(selection.toTry()).hasSize(1);
        assertThat(selection.toTry().get(0).backupId()).isEqualTo(backup.backupId());
        assertThat(selection.toTry().get(0).locations()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("file:"));

        Path work = Files.createDirectories(root.resolve("work").resolve("w1"));
        Prepared prepared = new BackupPreparer(config, stores).prepare(selection.toTry().get(0), work, new StageClock());
        assertThat(prepared.fetchedFrom()).startsWith("file:");
        assertThat(prepared.expectedRows()).containsEntry("public.plays", 1000L);
        assertThat(prepared.tocEntries()).anySatisfy(l -> assertThat(l).contains("TABLE public songs"));
        assertThat(prepared.dump()).exists();
    }

    static RestoreConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        // Quarkus's own converter: durations such as "4h", as in application.properties.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RestoreConfig.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500)).build();
        return config.getConfigMapping(RestoreConfig.class);
    }
}
