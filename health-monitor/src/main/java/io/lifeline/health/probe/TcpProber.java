package io.lifeline.health.probe;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/** A TCP connect to {@code tcp://host:port}: something is listening, or it is not. */
@ApplicationScoped
public class TcpProber implements Prober {

    private final Clock clock;

    public TcpProber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.TCP;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        URI url = Prober.require(probe.url(), name, "url");
        Instant start = clock.instant();
        return BlockingProbe.run(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) probe.timeout().toMillis());
            }
            return ProbeOutcome.of(new ProbeResult(name, true, "connected", Failures.elapsed(clock, start), null,
                    start));
        }, probe.timeout()).onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }
}
