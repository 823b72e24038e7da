package io.lifeline.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from wherever the tests run (the module under Maven, the root in an IDE). */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path find() {
        // -Dlifeline.repo.root=DIR checks another tree (e.g. a copy without a module still being written).
        String override = System.getProperty("lifeline.repo.root");
        Path start = override != null ? Path.of(override).toAbsolutePath() : Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("deployment"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml + pom.xml + deployment/) above " + start);
    }
}
