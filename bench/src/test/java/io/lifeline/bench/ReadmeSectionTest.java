package io.lifeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeSectionTest {

    @Test
    void replacesOnlyTheTextBetweenItsOwnMarkers(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "intro\n<!-- a:start -->\nold a\n<!-- a:end -->\nprose\n<!-- b:start -->\nold b\n<!-- b:end -->\n");

        assertThat(ReadmeSection.replace(readme, "b", "new b\n")).isTrue();

        assertThat(Files.readString(readme))
                .isEqualTo("intro\n<!-- a:start -->\nold a\n<!-- a:end -->\nprose\n<!-- b:start -->\nnew b\n<!-- b:end -->\n");
    }

    @Test
    void leavesTheReadmeAloneWithoutMarkers(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "<!-- c:end -->\n<!-- c:start -->\n");

        assertThat(ReadmeSection.replace(readme, "c", "x")).isFalse();
        assertThat(ReadmeSection.replace(readme, "missing", "x")).isFalse();

        assertThat(Files.readString(readme)).isEqualTo("<!-- c:end -->\n<!-- c:start -->\n");
    }
}
