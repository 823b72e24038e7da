package io.lifeline.restore.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import io.lifeline.restore.config.RestoreConfig;

/**
 * Runs the PostgreSQL client tools as child processes. Passwords go through PGPASSWORD only, never
 * a command line; stderr goes to a file so that a chatty tool cannot block, and only its tail is kept.
 */
public final class PgTools {

    private static final int STDERR_KEPT = 2000;
    /** Children still running, so that a shutdown does not leave a pg_restore behind. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private PgTools() {
    }

    /** Connection arguments for a database on the target's server. */
    public static List<String> connection(RestoreConfig.Target target, String database) {
        return List.of("--host=" + target.host(), "--port=" + target.port(), "--username=" + target.user(),
                "--no-password", "--dbname=" + database);
    }

    public static ProcessBuilder builder(RestoreConfig.Target target, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PGPASSWORD");
        target.password().filter(p -> !p.isEmpty()).ifPresent(p -> builder.environment().put("PGPASSWORD", p));
        builder.environment().put("PGAPPNAME", "lifeline-restore");
        return builder;
    }

    /** Runs to completion; a non-zero exit is a StageException carrying the stderr tail. */
    public static void run(String stage, String what, ProcessBuilder builder) throws StageException {
        Path stderr = null;
        try {
            stderr = Files.createTempFile("lifeline-restore-", ".err");
            builder.redirectError(stderr.toFile());
            if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = start(builder);
            int exit = await(p);
            if (exit != 0) {
                throw new StageException(stage, what + " exited with " + exit + ": " + tail(stderr));
            }
        } catch (IOException e) {
            throw new StageException(stage, what + " could not run: " + e.getMessage(), e);
        } finally {
            deleteQuietly(stderr);
        }
    }

    public static Process start(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        RUNNING.add(p);
        p.onExit().thenRun(() -> RUNNING.remove(p));
        return p;
    }

    public static int await(Process p) throws StageException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StageException("interrupted", "interrupted");
        }
    }

    /** Stops every child still running (service shutdown). */
    public static void stopAll() {
        RUNNING.forEach(Process::destroyForcibly);
    }

    public static String tail(Path stderrFile) {
        try {
            byte[] all = Files.readAllBytes(stderrFile);
            String text = new String(all, Math.max(0, all.length - STDERR_KEPT), Math.min(all.length, STDERR_KEPT),
                    StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "(no output)" : text;
        } catch (IOException e) {
            return "(stderr unreadable)";
        }
    }

    /** The tool itself, or the same tool in the PostgreSQL install folders (pg_amcheck is not on PATH on Debian). */
    public static String resolve(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command)) ? command : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (var versions = Files.list(root)) {
                List<Path> found = new ArrayList<>(versions.map(v -> v.resolve("bin").resolve(command))
                        .filter(Files::isExecutable).sorted().toList());
                return found.isEmpty() ? null : found.get(found.size() - 1).toString();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
