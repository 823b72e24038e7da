package io.lifeline.drctl.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backups", mixinStandardHelpOptions = true, description = "Look at backups.",
        subcommands = BackupsCommand.ListBackups.class)
public class BackupsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Backups in backup-service's catalog, newest first.")
    public static class ListBackups implements Callable<Integer> {

        @Option(names = "--database", description = "Only this database.")
        String database;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        OutputOptions output;

        private final ServiceClient client;
        private final DrctlConfig config;

        public ListBackups(ServiceClient client, DrctlConfig config) {
            this.client = client;
            this.config = config;
        }

        @Override
        public Integer call() {
            Terminal t = Terminal.system();
            String query = "/backups?limit=" + limit
                    + (database == null ? "" : "&database=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
            ServiceClient.Reply reply = client.get(config.services().backupService(), query);
            if (!reply.ok()) {
                t.error("backup-service answered " + reply.reason());
                return ExitCodes.FAILED;
            }
            if (output.json) {
                t.json(reply.body());
                return ExitCodes.OK;
            }
            t.line(String.format("%-38s %-10s %-10s %-25s %12s %s", "BACKUP", "DATABASE", "STATUS", "STARTED", "BYTES",
                    "VERIFIED"));
            for (JsonNode b : reply.body()) {
                t.line(String.format("%-38s %-10s %-10s %-25s %12s %s", b.path("backupId").asText(),
                        b.path("database").asText(), b.path("status").asText(), b.path("startedAt").asText(),
                        b.path("sizeBytes").asText("-"), b.path("verificationLevel").asText(
                                b.path("verified").asBoolean() ? "yes" : "no")));
            }
            return ExitCodes.OK;
        }
    }
}
