package io.lifeline.backup.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

class PgDumpTest {

    @Test
    void readsTheVersionOfTheRealPgDump() throws Exception {
        String version = PgDump.version("pg_dump");
        assertThat(PgDump.major(version)).isGreaterThanOrEqualTo(15);
    }

    @Test
    void aMismatchedPgDumpIsRefusedSayingWhatToInstall() throws Exception {
        Path fake = Files.createTempFile("pg_dump-", ".sh", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.writeString(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.9'\n");
        try {
            String version = PgDump.version(fake.toString());
            assertThat(version).isEqualTo("14.9");
            assertThatThrownBy(() -> PgDump.requireMatching(version, "15.20 (Debian 15.20-0+deb12u1)"))
                    .isInstanceOf(BackupStageException.class)
                    .hasMessageContaining("pg_dump 14.9 does not match the server's 15.20")
                    .hasMessageContaining("install pg_dump 15")
                    .satisfies(e -> assertThat(((BackupStageException) e).stage()).isEqualTo("preflight"));
            PgDump.requireMatching("15.20", "15.19");
        } finally {
            Files.deleteIfExists(fake);
        }
    }

    @Test
    void aMissingPgDumpIsAClearPreflightError() {
        assertThatThrownBy(() -> PgDump.version("/nonexistent/pg_dump"))
                .isInstanceOf(BackupStageException.class)
                .hasMessageContaining("pg_dump not found");
    }
}
