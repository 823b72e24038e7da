package io.lifeline.health.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lifeline.events.incident.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * What the monitor probes and when it calls a component degraded. Probes are configuration:
 * adding one is a few {@code lifeline.health.probes.<name>.*} lines, no code. Which settings a probe
 * reads depends on its {@link ProbeType}; the others are ignored.
 */
@ConfigMapping(prefix = "lifeline.health")
public interface HealthMonitorConfig {

    /** How often every probe runs (the scheduler reads the same property). */
    @WithDefault("30s")
    Duration interval();

    Map<String, Probe> probes();

    Flapping flapping();

    Heartbeat heartbeat();

    Bus bus();

    Self self();

    Rpo rpo();

    Drill drill();

    /** Maintenance windows declared in configuration (more can be declared over REST). */
    Map<String, MaintenanceWindow> maintenance();

    interface MaintenanceWindow {

        /** The components whose failures open no incident during the window; {@code *} for all. */
        List<String> components();

        /** Recurring: a Quartz cron expression for each start, e.g. {@code 0 0 3 ? * SUN} (Sundays 03:00). */
        Optional<String> cron();

        /** One-off: the start, ISO-8601 ({@code 2026-12-01T03:00:00Z}). */
        Optional<String> start();

        Duration duration();

        /** The zone the cron expression is read in. */
        @WithDefault("UTC")
        String timeZone();

        /** No occurrence starts after this instant (ISO-8601): the window expires. */
        Optional<String> until();

        @WithDefault("planned maintenance")
        String reason();
    }

    interface Probe {

        @WithDefault("http")
        ProbeType type();

        /** The component the probe speaks for: the key of its health events, part of the dedup key. */
        String component();

        /**
         * What to reach: {@code http(s)://host:port/path} (http, prometheus, metrics),
         * {@code postgresql://user@host:port/database}, {@code redis://host:port}, {@code tcp://host:port}.
         */
        Optional<URI> url();

        @WithDefault("GET")
        String method();

        @WithDefault("200")
        int expectedStatus();

        /** Optional text the body must contain, e.g. {@code "status":"ok"}. */
        Optional<String> bodyContains();

        @WithDefault("5s")
        Duration timeout();

        /** Consecutive failures before the component is degraded (no paging on a single blip). */
        @WithDefault("3")
        int failureThreshold();

        /** Consecutive successes before a degraded component is recovered. */
        @WithDefault("2")
        int recoveryThreshold();

        /** Severity of the component being down (the plan: database or API down is critical). */
        @WithDefault("critical")
        Severity severity();

        /** Severity of a degradation short of down: slow answers, error rate, lag, memory (the plan: high). */
        @WithDefault("high")
        Severity degradedSeverity();

        /** Severity of data corruption found by this probe. */
        @WithDefault("critical")
        Severity corruptionSeverity();

        Optional<String> runbookUrl();

        /**
         * Components this one needs (e.g. the API depends on {@code postgres}). While one of them is
         * degraded, this component failing is part of that incident, not a second page.
         */
        Optional<List<String>> dependsOn();

        /** Answers slower than this are a degradation (kind {@code latency}). */
        Optional<Duration> maxLatency();

        /** Password (postgres, redis); from the environment, never in a URL. */
        Optional<String> password();

        /** postgres: the query to run, e.g. {@code SELECT COUNT(*) FROM songs}. */
        @WithDefault("SELECT 1")
        String query();

        /** postgres: the first column of the first row must equal this text. */
        Optional<String> expected();

        /** postgres: the first column is a number that must be at least this. */
        Optional<Long> minValue();

        /**
         * postgres: the query returns a row count; a drop by more than this fraction (0.5 = half the
         * rows gone) from the last good count is {@code database.corruption}.
         */
        Optional<Double> rowCountDrop();

        /** redis: used memory above this many bytes is a degradation. */
        Optional<Long> maxMemoryBytes();

        /** disk: the path whose file system is watched. */
        Optional<String> path();

        /** disk: minimum free bytes. */
        Optional<Long> minFreeBytes();

        /** disk: minimum free share of the file system, 0..1. */
        Optional<Double> minFreeRatio();

        /** kafka: the cluster to reach; defaults to the monitor's own {@code kafka.bootstrap.servers}. */
        Optional<String> bootstrapServers();

        /** kafka: consumer groups whose lag is watched. */
        Optional<List<String>> consumerGroups();

        /** kafka: total lag of a watched group above this is a degradation. */
        @WithDefault("10000")
        long maxLag();

        /** metrics: the 5xx share of requests between two runs above which the API is degraded. */
        @WithDefault("0.05")
        double maxErrorRate();

        /** Runs this probe at most this often (e.g. {@code 1h} for pg_amcheck); default every round. */
        Optional<Duration> every();

        /** amcheck: the pg_amcheck executable. */
        @WithDefault("pg_amcheck")
        String amcheckCommand();

        /** Overrides {@code lifeline.health.flapping.max-flips} for this probe. */
        Optional<Integer> maxFlips();

        /** Overrides {@code lifeline.health.flapping.window} for this probe. */
        Optional<Duration> flapWindow();

        /** metrics: the counter to read. */
        @WithDefault("http_requests_total")
        String metric();
    }

    interface Flapping {

        /** A component that changes state more than this many times within {@link #window()} is flapping. */
        @WithDefault("4")
        int maxFlips();

        @WithDefault("10m")
        Duration window();

        @WithDefault("high")
        Severity severity();
    }

    interface Heartbeat {

        @WithDefault("30s")
        Duration interval();
    }

    /**
     * The page that does not need the bus: when the event bus (the probes of {@link #component()}) has
     * been down for {@link #pageAfter()}, the monitor pages PagerDuty and posts to the fallback Slack
     * webhook itself, since no incident can travel over Kafka then.
     */
    interface Bus {

        /** The component whose probes speak for the event bus. */
        @WithDefault("kafka")
        String component();

        @WithDefault("60s")
        Duration pageAfter();

        /** How often the bus's state is looked at (read by the scheduler too). */
        @WithDefault("5s")
        Duration checkInterval();

        /** After the bus is back, the direct page is resolved this much later, once the normal path has told its story. */
        @WithDefault("5m")
        Duration resolveGrace();

        /** PagerDuty Events API v2 endpoint. */
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        URI pagerdutyUrl();

        /** A secret: from the environment only. Unset: no direct page (the Slack post still goes). */
        Optional<String> pagerdutyRoutingKey();

        /** The fallback Slack channel's incoming webhook (a secret). */
        Optional<URI> slackWebhookUrl();

        @WithDefault("5s")
        Duration timeout();
    }

    /** Backup freshness: the recovery point objective and the backup schedule's dead-man's switch. */
    interface Rpo {

        /** The newest verified backup of a database may be at most this old. */
        @WithDefault("24h")
        Duration maxAge();

        @WithDefault("1m")
        Duration checkInterval();

        @WithDefault("high")
        Severity severity();

        /** Severity of an expected scheduled backup that never started. */
        @WithDefault("high")
        Severity missedSeverity();

        /** Databases whose backups are watched from the start, even before their first backup event. */
        Optional<List<String>> databases();

        /**
         * Per database, the backup schedule to hold the backup-service to (dead-man's switch): no scheduled
         * {@code backup.started} within {@code grace} after a fire time of {@code cron} raises the alarm.
         */
        Map<String, Schedule> schedules();

        Optional<String> runbookUrl();

        interface Schedule {

            /** What a schedule without {@code cron} or {@code every} follows: the plan's 02:00 UTC daily. */
            String DEFAULT_CRON = "0 0 2 * * ?";

            /**
             * The backup-service's schedule ({@code lifeline.backup.schedule}): a Quartz cron, seconds first,
             * e.g. {@code 0 0 2 * * ?}; {@code off} watches nothing. Wins over {@code every}.
             */
            Optional<String> cron();

            /** The zone {@link #cron()} is read in; the backup-service's scheduler runs in UTC. */
            @WithDefault("UTC")
            String timeZone();

            /** Without a cron: a backup starts at least this often, none for {@code every + grace} is the alarm. */
            Optional<Duration> every();

            /** How long after a fire time the scheduled backup may take to start. */
            @WithDefault("1h")
            Duration grace();
        }
    }

    /** Restore drills: the last successful one may be at most {@code max-age} old. */
    /** Lifeline watching itself: every service's heartbeat, every dead-letter topic. */
    interface Self {

        /** Services whose heartbeat must be seen even before the first one (a service never started). */
        Optional<List<String>> expected();

        /** A service silent for this many of its own heartbeat intervals opens {@code <service>/silent}. */
        @WithDefault("3")
        int missedBeats();

        /** The interval assumed for an expected service never heard from. */
        @WithDefault("30s")
        Duration assumedInterval();

        @WithDefault("high")
        Severity silentSeverity();

        @WithDefault("high")
        Severity deadLetterSeverity();

        /** A dead-letter incident is resolved after this long without a new record (they stay on the topic). */
        @WithDefault("24h")
        Duration deadLetterQuiet();

        /**
         * A dead-man ping: an HTTP GET to this URL every {@code dead-man-interval} while the monitor's
         * probe rounds run (Healthchecks.io, a PagerDuty heartbeat, ...), so that someone outside notices
         * when all of Lifeline is gone. A secret (it identifies the check): from the environment. Unset: off.
         */
        Optional<URI> deadManUrl();

        /** Read by the scheduler too. */
        @WithDefault("60s")
        Duration deadManInterval();

        /** How often silence and quiet are looked for (read by the scheduler too). */
        @WithDefault("5s")
        Duration checkInterval();
    }

    interface Drill {

        @WithDefault("35d")
        @WithName("max-age")
        Duration maxAge();

        @WithDefault("medium")
        Severity severity();

        @WithDefault("true")
        boolean enabled();
    }
}
