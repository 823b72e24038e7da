package io.lifeline.drctl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.lifeline.drctl.output.Terminal;
import io.lifeline.drctl.postmortem.EventLines;
import io.lifeline.drctl.replay.EventLogReader;
import io.lifeline.drctl.replay.JsonLinesWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "events", mixinStandardHelpOptions = true, description = "Watch Lifeline's events.",
        subcommands = EventsCommand.Tail.class)
public class EventsCommand {

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print events as they arrive: one readable line each (or JSON lines with --json).")
    public static class Tail implements Callable<Integer> {

        @Option(names = {"-t", "--topic"}, description = "Topic to follow (repeatable; default: every Lifeline topic).")
        List<String> topics;

        @Option(names = "--from-beginning", description = "Start at the oldest retained event.")
        boolean fromBeginning;

        @Option(names = "--max", description = "Exit after this many events.")
        Integer max;

        @Option(names = "--json", description = "JSON lines (the replay format) instead of readable lines.")
        boolean json;

        private final EventLog log;

        public Tail(EventLog log) {
            this.log = log;
        }

        @Override
        public Integer call() {
            Terminal t = Terminal.system();
            var writer = new JsonLinesWriter(System.out);
            AtomicInteger seen = new AtomicInteger();
            try (EventLogReader reader = log.reader()) {
                List<String> names = topics == null || topics.isEmpty() ? reader.lifelineTopics() : topics;
                reader.follow(names, fromBeginning, event -> {
                    if (json) {
                        writer.write(event);
                    } else {
                        String line;
                        try {
                            line = EventLines.describe(event.topic(),
                                    io.lifeline.events.EventJson.mapper().readTree(event.value()));
                        } catch (Exception e) {
                            line = "(not JSON) " + event.value();
                        }
                        t.line(event.eventTime() + "  " + t.paint("36", String.format("%-22s", event.topic())) + " "
                                + line);
                    }
                    return max == null || seen.incrementAndGet() < max;
                });
            }
            return ExitCodes.OK;
        }
    }
}
