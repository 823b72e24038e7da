package io.lifeline.backup.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lifeline.backup.config.BackupConfig;

/**
 * The real {@code pg_dump}, run as a child process whose stdout is the backup stream. The password
 * goes through the environment, so it never appears in a process listing, a log or an error.
 */
public final class PgDump {

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
    private static final int STDERR_KEPT = 4000;

    private PgDump() {
    }

    /** {@code pg_dump --version}, e.g. "15.20"; a clear error when pg_dump is missing. */
    public static String version(String command) throws BackupStageException {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = VERSION.matcher(out.replaceFirst("^[^0-9]*", ""));
            if (p.exitValue() != 0 || !m.find()) {
                throw new BackupStageException("preflight", "'" + command + " --version' failed: " + out);
            }
            return m.group(0);
        } catch (IOException e) {
            throw new BackupStageException("preflight", "pg_dump not found ('" + command
                    + "'): install the PostgreSQL client matching the server, or set lifeline.backup.pg-dump-command");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupStageException("preflight", "interrupted while checking pg_dump");
        }
    }

    /** A dump by another major version may not restore cleanly: refuse it, saying what to install. */
    public static void requireMatching(String pgDumpVersion, String serverVersion) throws BackupStageException {
        if (major(pgDumpVersion) != major(serverVersion)) {
            throw new BackupStageException("preflight", "pg_dump " + pgDumpVersion + " does not match the server's "
                    + serverVersion + ": install pg_dump " + major(serverVersion)
                    + " (or set lifeline.backup.require-matching-pg-dump=false)");
        }
    }

    public static int major(String version) {
        Matcher m = VERSION.matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Starts pg_dump; its stderr goes to a file so that a chatty failure can never block the pipe. */
    public static Process start(String command, String name, BackupConfig.Database db, String snapshot, String format,
            Path stderrFile) throws IOException {
        List<String> args = new ArrayList<>(List.of(command,
                "--host=" + db.host(), "--port=" + db.port(), "--username=" + db.user(),
                "--dbname=" + db.dbname().orElse(name), "--no-password",
                "--snapshot=" + snapshot,
                "--format=" + ("plain".equals(format) ? "plain" : "custom")));
        if (!"plain".equals(format)) {
            args.add("--compress=0"); // Lifeline compresses, better than pg_dump 15's gzip.
        }
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().remove("PGPASSWORD");
        db.password().ifPresent(p -> builder.environment().put("PGPASSWORD", p));
        builder.redirectError(stderrFile.toFile());
        return builder.start();
    }

    /** The last part of pg_dump's stderr: enough to say why it failed, never unbounded. */
    public static String stderrTail(Path stderrFile) {
        try {
            byte[] all = Files.readAllBytes(stderrFile);
            String text = new String(all, Math.max(0, all.length - STDERR_KEPT), Math.min(all.length, STDERR_KEPT),
                    StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "(no output)" : text;
        } catch (IOException e) {
            return "(stderr unreadable)";
        }
    }
}
