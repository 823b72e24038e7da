package io.lifeline.drctl.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "drctl", mixinStandardHelpOptions = true, version = "drctl 0.1.0",
        description = "Lifeline's operator CLI: status, backups, restores, drills, incidents, and the event log "
                + "replayed into timelines and postmortems.",
        footer = {"", ExitCodes.HELP,
                "Configuration: LIFELINE_KAFKA_BOOTSTRAP, LIFELINE_<SERVICE>_URL, LIFELINE_TOKEN (operator actions)."},
        subcommands = {StatusCommand.class, BackupCommand.class, BackupsCommand.class, RestoreCommand.class,
                ApproveCommand.class, DrillCommand.class,
                IncidentsCommand.class, AckCommand.class, EventsCommand.class,
                ReplayCommand.class, PostmortemCommand.class})
public class DrctlCommand {
}
