package io.lifeline.drctl.cli;

import java.util.concurrent.Callable;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a restore that waits for approval (the token's subject is recorded as the approver).")
public class ApproveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESTORE_ID")
    String restoreId;

    @Mixin
    OutputOptions output;

    private final ServiceClient client;
    private final DrctlConfig config;

    public ApproveCommand(ServiceClient client, DrctlConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public Integer call() {
        Terminal t = Terminal.system();
        ServiceClient.Reply reply = client.post(config.services().restoreService(), "/restores/" + restoreId + "/approve",
                null);
        if (!reply.ok()) {
            t.error("restore-service refused: " + reply.reason());
            return reply.status() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.FAILED;
        }
        if (output.json) {
            t.json(reply.body());
        } else {
            t.good("restore " + restoreId + " approved by " + reply.body().path("approvedBy").asText());
        }
        return ExitCodes.OK;
    }
}
