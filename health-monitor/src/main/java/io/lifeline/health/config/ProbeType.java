package io.lifeline.health.config;

/** The kinds of probe; each has one {@link io.lifeline.health.probe.Prober} implementation. */
public enum ProbeType {
    HTTP, POSTGRES, AMCHECK, REDIS, TCP, DISK, KAFKA, PROMETHEUS, METRICS
}
