package io.lifeline.drctl.cli;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.KafkaException;

import io.lifeline.drctl.client.ServiceUnreachableException;
import io.lifeline.drctl.output.Terminal;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/** Turns failures into one clear line on stderr and an exit code from {@link ExitCodes}, never a stack trace. */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Terminal terminal = Terminal.system();
            if (e instanceof ServiceUnreachableException) {
                terminal.error(e.getMessage());
                return ExitCodes.UNREACHABLE;
            }
            if (e instanceof org.apache.kafka.common.errors.TimeoutException || e instanceof KafkaException) {
                terminal.error("Kafka did not answer (" + e.getMessage() + "); is it running? (bin/lifeline up)");
                return ExitCodes.UNREACHABLE;
            }
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                terminal.error(e.getMessage());
                return ExitCodes.USAGE;
            }
            terminal.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        });
    }
}
