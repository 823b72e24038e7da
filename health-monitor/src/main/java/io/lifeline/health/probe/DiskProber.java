package io.lifeline.health.probe;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/** Free space on the file system holding {@code path}: at least {@code min-free-bytes} and {@code min-free-ratio}. */
@ApplicationScoped
public class DiskProber implements Prober {

    private final Clock clock;

    public DiskProber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.DISK;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        String path = Prober.require(probe.path(), name, "path");
        Instant start = clock.instant();
        return BlockingProbe.run(() -> check(name, probe, Path.of(path), start), probe.timeout())
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }

    private ProbeOutcome check(String name, HealthMonitorConfig.Probe probe, Path path, Instant start)
            throws IOException {
        FileStore store = Files.getFileStore(path);
        long free = store.getUsableSpace();
        long total = store.getTotalSpace();
        double ratio = total == 0 ? 0 : (double) free / total;
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("freeBytes", free);
        measurements.put("totalBytes", total);
        long latency = Failures.elapsed(clock, start);
        String status = free + " bytes free";
        if (probe.minFreeBytes().isPresent() && free < probe.minFreeBytes().get()) {
            return new ProbeOutcome(new ProbeResult(name, false, status, latency,
                    "only " + free + " bytes free on " + path + ", minimum " + probe.minFreeBytes().get(), start),
                    null, measurements);
        }
        if (probe.minFreeRatio().isPresent() && ratio < probe.minFreeRatio().get()) {
            return new ProbeOutcome(new ProbeResult(name, false, status, latency,
                    String.format("only %.1f%% free on %s, minimum %.1f%%", ratio * 100, path,
                            probe.minFreeRatio().get() * 100), start), null, measurements);
        }
        return new ProbeOutcome(new ProbeResult(name, true, status, latency, null, start), null, measurements);
    }
}
