package io.lifeline.drctl.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true, description = "Take backups.",
        subcommands = BackupCommand.Now.class)
public class BackupCommand {

    @Command(name = "now", mixinStandardHelpOptions = true,
            description = "Start a backup now (or join the one already running for that database).",
            footer = {"", "With --wait: exit 0 when the backup completed and was verified, 1 when it failed."})
    public static class Now implements Callable<Integer> {

        @Option(names = "--database", defaultValue = "mycelix", description = "Database to back up (default: ${DEFAULT-VALUE}).")
        String database;

        @Option(names = "--request-id", description = "Idempotency key: the same id twice starts one backup.")
        String requestId;

        @Option(names = "--wait", description = "Follow the backup to its end, with progress.")
        boolean waitForIt;

        @Mixin
        OutputOptions output;

        private final ServiceClient client;
        private final DrctlConfig config;

        public Now(ServiceClient client, DrctlConfig config) {
            this.client = client;
            this.config = config;
        }

        @Override
        public Integer call() throws InterruptedException {
            Terminal t = Terminal.system();
            var body = new java.util.LinkedHashMap<String, Object>();
            body.put("database", database);
            if (requestId != null) {
                body.put("requestId", requestId);
            }
            ServiceClient.Reply accepted = client.post(config.services().backupService(), "/backups", body);
            if (!accepted.ok()) {
                t.error("backup-service refused: " + accepted.reason());
                return accepted.status() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.FAILED;
            }
            String backupId = accepted.body().path("backupId").asText();
            if (!waitForIt) {
                if (output.json) {
                    t.json(accepted.body());
                } else {
                    t.line("backup " + backupId + " " + accepted.body().path("outcome").asText("started")
                            + " (follow it: drctl backups list, or drctl backup now --wait)");
                }
                return ExitCodes.OK;
            }
            JsonNode backup = follow(t, backupId);
            boolean completed = "completed".equals(backup.path("status").asText());
            if (output.json) {
                t.json(backup);
            } else if (completed) {
                t.good("backup " + backupId + " completed: " + backup.path("sizeBytes").asLong() + " bytes, verified="
                        + backup.path("verified").asBoolean() + ", stored in " + backup.path("locations"));
            } else {
                t.bad("backup " + backupId + " failed at " + backup.path("failureStage").asText("?") + ": "
                        + backup.path("failureReason").asText("?"));
            }
            return completed ? ExitCodes.OK : ExitCodes.FAILED;
        }

        private JsonNode follow(Terminal t, String backupId) throws InterruptedException {
            long started = System.nanoTime();
            while (true) {
                ServiceClient.Reply reply = client.get(config.services().backupService(), "/backups/" + backupId);
                if (reply.ok() && !"running".equals(reply.body().path("status").asText())) {
                    t.endProgress();
                    return reply.body();
                }
                JsonNode p = reply.body().path("progress");
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                t.progress("backup " + backupId, -1, String.format("%s  %d MB dumped  %d MB stored  %d MB/s  %ds",
                        p.path("stage").asText("starting"), p.path("dumpBytes").asLong() >> 20,
                        p.path("storedBytes").asLong() >> 20, p.path("bytesPerSecond").asLong() >> 20,
                        elapsed.toSeconds()));
                Thread.sleep(500);
            }
        }
    }
}
