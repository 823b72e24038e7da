package io.lifeline.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lifeline.outbox.*}: where a service's outbox lives and how its relay behaves. */
@ConfigMapping(prefix = "lifeline.outbox")
public interface OutboxConfig {

    /** The service's own schema of Lifeline's database (where Flyway created outbox_event). */
    String schema();

    /** Off only for a test of one handler; a service without its relay publishes nothing. */
    @WithDefault("true")
    boolean enabled();

    /** How long the relay waits for a commit's NOTIFY before it looks anyway (a lost notification). */
    @WithDefault("1s")
    Duration pollInterval();

    /** A standby replica's pause between attempts to take over the relay. */
    @WithDefault("2s")
    Duration standbyInterval();

    @WithDefault("500")
    int batchSize();

    /** Backoff after a failed publish (broker away): doubles from {@code min-backoff} up to {@code max-backoff}. */
    @WithDefault("250ms")
    Duration minBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** How long one batch may wait for the broker's acknowledgement before it is tried again. */
    @WithDefault("20s")
    Duration deliveryTimeout();

    /** Published rows are deleted after this (the event log in Kafka is the record). */
    @WithDefault("7d")
    Duration keepPublished();

    /** Handled event ids are forgotten after this; longer than any re-delivery takes. */
    @WithDefault("30d")
    Duration keepHandled();
}
