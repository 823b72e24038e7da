package io.lifeline.ipfs.shard;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lifeline.ipfs.config.GuardianConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Which CIDs this instance checks: all of them (sharding off, one instance), a fixed set of
 * partitions from configuration, or the partitions the guardians' consumer group gives it.
 */
@ApplicationScoped
public class ShardAssignment {

    private final GuardianConfig.Sharding config;
    private final String bootstrapServers;
    private volatile ShardMembership membership;
    private volatile Shards fixed;

    public ShardAssignment(GuardianConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config.sharding();
        this.bootstrapServers = bootstrapServers;
    }

    /** Joins the group at start, so that the first pass already has its shards. */
    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && config.partitions().isEmpty()) {
            shards();
        }
    }

    /** Empty: every CID is this instance's. Otherwise the shards, possibly none yet. */
    public Optional<Shards> shards() {
        if (!config.enabled()) {
            return Optional.empty();
        }
        if (config.partitions().isPresent()) {
            return Optional.of(fixedShards());
        }
        ShardMembership m = membership;
        if (m == null) {
            synchronized (this) {
                if (membership == null) {
                    membership = new ShardMembership(bootstrapServers, config.topic(), config.group()).start();
                }
                m = membership;
            }
        }
        return Optional.of(m.current());
    }

    private Shards fixedShards() {
        if (fixed == null) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                int partitions = admin.describeTopics(java.util.List.of(config.topic())).allTopicNames()
                        .get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .get(config.topic()).partitions().size();
                fixed = new Shards(partitions, new HashSet<>(config.partitions().get()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the partitions of " + config.topic() + ": " + e.getMessage(), e);
            }
        }
        return fixed;
    }

    @PreDestroy
    void stop() {
        ShardMembership m = membership;
        if (m != null) {
            m.close();
        }
    }
}
