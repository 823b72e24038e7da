package io.lifeline.health;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real server tools the tests start and kill (pg_ctl, redis-server), as the right user. */
final class Processes {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Processes() {
    }

    /** PostgreSQL refuses to run as root: its tools then run as the postgres user. */
    static String run(boolean asPostgres, String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgres && ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            File log = File.createTempFile("lifeline-proc", ".log");
            log.deleteOnExit();
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", full));
            }
            String output = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", full)
                        + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void chownToPostgres(File dir) {
        if (ROOT) {
            run(false, "chown", "-R", "postgres:postgres", dir.getAbsolutePath());
        }
    }
}
