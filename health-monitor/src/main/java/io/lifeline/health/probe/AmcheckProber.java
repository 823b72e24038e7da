package io.lifeline.health.probe;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL's own corruption check on a schedule ({@code every}): {@code pg_amcheck} over every table
 * and B-tree index of the database. Exit 0: clean. Exit 2: corruption, a {@code database.corruption}
 * finding quoting what it found. Anything else (cannot connect): the probe fails.
 */
@ApplicationScoped
public class AmcheckProber implements Prober {

    private static final int MAX_LINES = 10;

    private final Clock clock;

    public AmcheckProber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.AMCHECK;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        URI url = Prober.require(probe.url(), name, "url");
        Instant start = clock.instant();
        return BlockingProbe.run(() -> check(name, probe, url, start), probe.timeout())
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }

    private ProbeOutcome check(String name, HealthMonitorConfig.Probe probe, URI url, Instant start)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(probe.amcheckCommand(), "--host", url.getHost(), "--port",
                String.valueOf(url.getPort() < 0 ? 5432 : url.getPort()), "--no-password", "--install-missing",
                "--database", url.getPath().replaceFirst("^/", "")));
        if (url.getUserInfo() != null) {
            command.addAll(List.of("--username", url.getUserInfo().split(":")[0]));
        }
        File output = File.createTempFile("lifeline-amcheck", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output));
            probe.password().ifPresent(p -> builder.environment().put("PGPASSWORD", p));
            Process process = builder.start();
            if (!process.waitFor(probe.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return ProbeOutcome.of(new ProbeResult(name, false, null, Failures.elapsed(clock, start),
                        "pg_amcheck did not finish within " + probe.timeout().toMillis() + " ms", start));
            }
            List<String> lines = Files.readAllLines(output.toPath(), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("NOTICE:")).toList();
            String text = String.join(" ", lines.subList(0, Math.min(MAX_LINES, lines.size())));
            long latency = Failures.elapsed(clock, start);
            int exit = process.exitValue();
            if (exit == 0) {
                return ProbeOutcome.of(new ProbeResult(name, true, "clean", latency, null, start));
            }
            ProbeResult failed = new ProbeResult(name, false, "exit " + exit, latency,
                    Failures.truncate(text.isEmpty() ? "pg_amcheck exited with " + exit : text), start);
            if (exit == 2) {
                return ProbeOutcome.of(failed).with(new Finding(Finding.DATABASE_CORRUPTION,
                        Failures.truncate("pg_amcheck found corruption: " + text),
                        Map.of("tool", "pg_amcheck", "findings", lines.subList(0, Math.min(MAX_LINES, lines.size())))));
            }
            return ProbeOutcome.of(failed);
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
