package io.lifeline.archive.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The layout both services rely on: names, keys, and manifests that survive a round trip. */
class ManifestCodecTest {

    private final ManifestCodec codec = new ManifestCodec();

    @Test
    void namesAndKeysFollowTheBackupLayout() {
        assertThat(ManifestCodec.objectName("bk-1", "custom", ".zst")).isEqualTo("bk-1.dump.zst.gpg");
        assertThat(ManifestCodec.objectName("bk-1", "plain", ".gz")).isEqualTo("bk-1.sql.gz.gpg");
        assertThat(ManifestCodec.s3Key("backups/", "mycelix", "bk-1.manifest.json"))
                .isEqualTo("backups/mycelix/bk-1.manifest.json");
        assertThat(ManifestCodec.backupIdOf("backups/mycelix/bk-1.manifest.json")).isEqualTo("bk-1");
        assertThat(ManifestCodec.backupIdOf("backups/mycelix/bk-1.dump.zst.gpg")).isNull();
    }

    @Test
    void aManifestRoundTripsAndAnythingElseIsRefused() throws IOException {
        Manifest m = new Manifest(1, "bk-1", "req-1", "mycelix", "scheduled", Instant.parse("2026-01-01T02:00:00Z"),
                Instant.parse("2026-01-01T02:01:00Z"), "15.20", "15.20", "custom", "zstd",
                new Manifest.Encryption("openpgp", "AES-256", true, List.of("ABCD")),
                new Manifest.StoredObject("bk-1.dump.zst.gpg", 10, "ab".repeat(32), 20),
                List.of("file:/x/bk-1.dump.zst.gpg"), Map.of("public.songs", 3L), null);
        assertThat(codec.manifest(codec.encode(m))).isEqualTo(m);
        assertThatThrownBy(() -> codec.manifest("{\"backupId\":\"x\"}".getBytes())).isInstanceOf(IOException.class);
    }
}
