package io.lifeline.health.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The Kafka cluster answers (at least one broker), and each watched consumer group's total lag
 * (log end offset minus committed offset, over its partitions) stays under {@code max-lag}.
 */
@ApplicationScoped
public class KafkaProber implements Prober {

    private final Clock clock;
    private final String defaultBootstrap;
    private final Map<String, Admin> admins = new ConcurrentHashMap<>();

    public KafkaProber(Clock clock, @ConfigProperty(name = "kafka.bootstrap.servers") String defaultBootstrap) {
        this.clock = clock;
        this.defaultBootstrap = defaultBootstrap;
    }

    @Override
    public ProbeType type() {
        return ProbeType.KAFKA;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        Instant start = clock.instant();
        int timeout = (int) probe.timeout().toMillis();
        Admin admin = admins.computeIfAbsent(probe.bootstrapServers().orElse(defaultBootstrap), servers -> {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "lifeline-health-monitor-probe");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
            return Admin.create(props);
        });
        Uni<Integer> brokers = Uni.createFrom().completionStage(() -> admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes().toCompletionStage())
                .map(nodes -> nodes.size());
        return brokers.chain(count -> lags(admin, probe.consumerGroups().orElse(List.of()), timeout)
                .map(lags -> judge(name, probe, count, lags, start)))
                .ifNoItem().after(probe.timeout().plusMillis(500)).failWith(() ->
                        new java.util.concurrent.TimeoutException("no answer within " + timeout + " ms"))
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }

    private ProbeOutcome judge(String name, HealthMonitorConfig.Probe probe, int brokers, Map<String, Long> lags,
            Instant start) {
        long latency = Failures.elapsed(clock, start);
        if (brokers == 0) {
            return ProbeOutcome.of(new ProbeResult(name, false, "0 brokers", latency, "no broker answered", start));
        }
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("brokers", brokers);
        lags.forEach((group, lag) -> measurements.put("lag." + group, lag));
        ProbeOutcome outcome = new ProbeOutcome(new ProbeResult(name, true, brokers + " brokers", latency, null,
                start), null, measurements);
        for (Map.Entry<String, Long> lag : lags.entrySet()) {
            if (lag.getValue() > probe.maxLag()) {
                outcome = outcome.with(new Finding(Finding.DEGRADED, "consumer group " + lag.getKey() + " lags "
                        + lag.getValue() + " records (max " + probe.maxLag() + ")",
                        Map.of("group", lag.getKey(), "lag", lag.getValue(), "maxLag", probe.maxLag())));
            }
        }
        return outcome;
    }

    private Uni<Map<String, Long>> lags(Admin admin, List<String> groups, int timeout) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(groups)
                .onItem().transformToUniAndConcatenate(group -> lag(admin, group, timeout)
                        .map(lag -> Map.entry(group, lag)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(LinkedHashMap::new);
    }

    private Uni<Long> lag(Admin admin, String group, int timeout) {
        return Uni.createFrom().completionStage(() -> admin.listConsumerGroupOffsets(group,
                new ListConsumerGroupOffsetsOptions().timeoutMs(timeout)).partitionsToOffsetAndMetadata()
                .toCompletionStage())
                .chain(committed -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    if (latest.isEmpty()) {
                        return Uni.createFrom().item(0L);
                    }
                    return Uni.createFrom().completionStage(() -> admin.listOffsets(latest,
                            new ListOffsetsOptions().timeoutMs(timeout)).all().toCompletionStage())
                            .map(ends -> {
                                long total = 0;
                                for (Map.Entry<TopicPartition, OffsetAndMetadata> c : committed.entrySet()) {
                                    if (c.getValue() != null && ends.containsKey(c.getKey())) {
                                        total += Math.max(0, ends.get(c.getKey()).offset() - c.getValue().offset());
                                    }
                                }
                                return total;
                            });
                });
    }

    @PreDestroy
    void close() {
        admins.values().forEach(Admin::close);
    }
}
