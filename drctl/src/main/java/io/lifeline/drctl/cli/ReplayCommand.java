package io.lifeline.drctl.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.lifeline.drctl.output.Terminal;
import io.lifeline.drctl.replay.EventLogReader;
import io.lifeline.drctl.replay.JsonLinesWriter;
import io.lifeline.drctl.replay.RehearsalPublisher;
import io.lifeline.drctl.replay.ReplayWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Read the Lifeline topics back by time, merged in time order, as JSON lines.",
                "Reads only: nothing is published to live topics. With --into-prefix the events are also copied "
                        + "to <prefix><topic> for a rehearsal."})
public class ReplayCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "Start (inclusive): ISO-8601, or a time ago like 2h, 7d.")
    String from;

    @Option(names = "--to", defaultValue = "now", description = "End (exclusive), same forms (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--topics", split = ",", description = "Only these topics (comma-separated; default: every Lifeline topic).")
    List<String> topics;

    @Option(names = {"-o", "--out"}, description = "Write the JSON lines to this file instead of stdout.")
    Path out;

    @Option(names = "--into-prefix", description = "Also copy every event to <prefix><topic>, e.g. 'rehearsal.'.")
    String intoPrefix;

    private final EventLog log;

    public ReplayCommand(EventLog log) {
        this.log = log;
    }

    @Override
    public Integer call() throws IOException {
        ReplayWindow window = new ReplayWindow(EventLog.parseTime(from, "--from"), EventLog.parseTime(to, "--to"));
        Terminal t = Terminal.system();
        long started = System.nanoTime();
        long count;
        try (OutputStream writer = new BufferedOutputStream(
                out == null ? keepOpen(System.out) : Files.newOutputStream(out), 1 << 16);
             EventLogReader reader = log.reader();
             RehearsalPublisher rehearsal = intoPrefix == null ? null
                     : new RehearsalPublisher(log.bootstrapServers(), intoPrefix)) {
            JsonLinesWriter lines = new JsonLinesWriter(writer);
            List<String> names = topics == null || topics.isEmpty() ? reader.lifelineTopics() : topics;
            count = reader.replay(window, names, event -> {
                lines.write(event);
                if (rehearsal != null) {
                    rehearsal.publish(event);
                }
            });
            lines.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("replayed %d events from %s to %s in %.1f s%s%n", count, window.from(), window.to(), seconds,
                intoPrefix == null ? "" : " (copied to " + intoPrefix + "<topic>)");
        return ExitCodes.OK;
    }

    /** stdout is flushed at the end of a replay, never closed: the process may still print. */
    private static OutputStream keepOpen(OutputStream stdout) {
        return new FilterOutputStream(stdout) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
