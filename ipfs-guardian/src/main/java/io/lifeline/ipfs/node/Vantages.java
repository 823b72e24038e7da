package io.lifeline.ipfs.node;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.gateway.GatewayClient;
import io.lifeline.ipfs.gateway.GatewayHealth;
import io.lifeline.ipfs.pinning.PinningServiceClient;

/**
 * The vantage points a CID is checked from, built once from configuration: the own node, the
 * pinning services and the gateways (whose health and circuits live as long as the service).
 */
@ApplicationScoped
public class Vantages {

    private final KuboRpcClient node;
    private final String nodeName;
    private final List<GatewayClient> gateways = new ArrayList<>();
    private final List<PinningServiceClient> pinning = new ArrayList<>();

    public Vantages(GuardianConfig config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "ipfs-http");
                    t.setDaemon(true);
                    return t;
                })).build();
        this.node = new KuboRpcClient(http, config.node().apiUrl(), config.node().timeout(),
                config.node().localTimeout());
        this.nodeName = config.node().name();
        Clock clock = Clock.systemUTC();
        for (Map.Entry<String, GuardianConfig.Gateway> g : new TreeMap<>(config.gateways()).entrySet()) {
            gateways.add(new GatewayClient(g.getKey(), g.getValue(), http, new GatewayHealth(g.getKey(),
                    config.breaker().failureThreshold(), config.breaker().openFor(), clock)));
        }
        for (Map.Entry<String, GuardianConfig.PinningService> p : new TreeMap<>(config.pinning()).entrySet()) {
            pinning.add(new PinningServiceClient(p.getKey(), p.getValue(), http));
        }
    }

    public KuboRpcClient node() {
        return node;
    }

    public String nodeName() {
        return nodeName;
    }

    public List<GatewayClient> gateways() {
        return gateways;
    }

    public List<PinningServiceClient> pinning() {
        return pinning;
    }
}
