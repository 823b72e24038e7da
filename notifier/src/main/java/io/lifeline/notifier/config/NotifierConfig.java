package io.lifeline.notifier.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.lifeline.events.incident.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Who is told what, through which channel, and how hard the notifier tries. Routing is configuration,
 * not code: a new component, role or person is a few {@code lifeline.notifier.*} lines.
 *
 * <p>Secrets (PagerDuty routing keys, Slack webhook URLs) are only read here, by name, at send time;
 * they are never copied into the outbox, an event, a log line or an error message.
 */
@ConfigMapping(prefix = "lifeline.notifier")
public interface NotifierConfig {

    Routing routing();

    /** Per severity (critical, high, medium): which channels are used. */
    Map<Severity, SeverityPolicy> severities();

    /** Roles by id (e.g. {@code devops-lead}). */
    Map<String, Role> roles();

    /** People by id, as named in rotations. */
    Map<String, Person> people();

    PagerDuty pagerduty();

    Slack slack();

    Ticket ticket();

    /** When medium incidents' tickets go out: business hours in the owning role's time zone. */
    BusinessHours businessHours();

    Relay relay();

    Escalation escalation();

    Grouping grouping();

    Flapping flapping();

    interface Routing {
        /** Component → role, e.g. {@code database=backend-lead}. Checked before {@link #kinds()}. */
        Map<String, String> components();

        /** Incident kind → role, e.g. {@code contract-anomaly=smart-contract-lead}. */
        Map<String, String> kinds();

        /** The role of anything unrouted (the plan: "Call DevOps Lead immediately"). */
        @WithDefault("devops-lead")
        String defaultRole();
    }

    interface SeverityPolicy {
        /** {@code pagerduty}, {@code slack}; an empty set notifies nobody. */
        Set<String> channels();

        /** The Slack channel (a key of {@code slack.channels}) that receives this severity. */
        @WithDefault("incidents")
        String slackChannel();

        /** Whether an unacknowledged incident of this severity escalates. */
        @WithDefault("false")
        boolean escalate();
    }

    interface Role {
        /** For people: "DevOps Lead". */
        String displayName();

        /** How long the paged person has to acknowledge before the next level is paged. */
        @WithDefault("15m")
        Duration escalateAfter();

        /** After the primary and the backup: the role paged next (its primary); none stops there. */
        Optional<String> escalateTo();

        /** The role's PagerDuty integration (routing) key: a secret, from the environment. */
        Optional<String> pagerdutyRoutingKey();

        Rotation rotation();
    }

    interface Rotation {
        /** People in order; the one after the primary is the backup. */
        List<String> people();

        /** Time zone of the handovers, e.g. {@code Europe/Paris}. */
        @WithDefault("UTC")
        ZoneId zone();

        /** A handover moment (local time in {@link #zone()}); the first person is primary from then. */
        @WithDefault("2026-01-05T09:00")
        LocalDateTime start();

        /** Length of one shift: {@code 7d} for weekly. */
        @WithDefault("7d")
        Duration period();

        /** Someone else is primary for a while (holiday swap). */
        List<Override> overrides();
    }

    interface Override {
        /** Local times in the rotation's zone, [from, to). */
        LocalDateTime from();

        LocalDateTime to();

        String person();
    }

    interface Person {
        String name();

        /** A PagerDuty routing key of this person's own, used when they are paged; else the role's. */
        Optional<String> pagerdutyRoutingKey();
    }

    interface PagerDuty {
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        URI url();

        /** Shown as the {@code source} of every alert. */
        @WithDefault("lifeline")
        String source();

        @WithDefault("10s")
        Duration timeout();

        /**
         * The signing secret of the V3 webhook subscription ({@code POST /webhooks/pagerduty}); a secret,
         * from the environment. None: the endpoint answers 503 rather than trusting unsigned calls.
         */
        Optional<String> webhookSecret();
    }

    interface Slack {
        /** Channels by name, each with its incoming-webhook URL (a secret). */
        Map<String, SlackChannel> channels();

        /** Where final failures of the other channels are reported ("alert through another channel"). */
        @WithDefault("fallback")
        String fallbackChannel();

        /**
         * Where recovery events that answer no incident are told (a failed backup, a drill, content
         * lost or re-pinned outside any incident): a key of {@link #channels()}.
         */
        @WithDefault("operations")
        String operationsChannel();

        @WithDefault("10s")
        Duration timeout();
    }

    interface SlackChannel {
        /** Human name, e.g. {@code #incidents}: what events and logs show instead of the URL. */
        String name();

        @WithName("webhook-url")
        Optional<URI> webhookUrl();
    }

    interface Ticket {
        /** The issue tracker's JSON webhook (a secret: it usually embeds a token). None: no tickets. */
        Optional<URI> url();

        /** Shown as the recipient in events and logs instead of the URL. */
        @WithDefault("issue-tracker")
        String name();

        /**
         * The JSON body, with {@code {{incidentId}}}, {@code {{severity}}}, {@code {{component}}},
         * {@code {{kind}}}, {@code {{summary}}}, {@code {{role}}}, {@code {{runbookUrl}}} replaced by
         * JSON-escaped values.
         */
        @WithDefault("{\"title\":\"[{{severity}}] {{component}}: {{summary}}\",\"body\":\"Incident {{incidentId}} ({{kind}}), owned by {{role}}. Runbook: {{runbookUrl}}\",\"labels\":[\"lifeline\",\"{{severity}}\"]}")
        String template();

        @WithDefault("10s")
        Duration timeout();
    }

    interface BusinessHours {
        @WithDefault("09:00")
        java.time.LocalTime start();

        @WithDefault("18:00")
        java.time.LocalTime end();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<java.time.DayOfWeek> days();
    }

    interface Relay {
        /** How often pending notifications are looked for (new ones are also sent at once). */
        @WithDefault("1s")
        Duration interval();

        /** A claimed notification not recorded within this time (a crash) is sent again. */
        @WithDefault("60s")
        Duration lease();

        @WithDefault("8")
        int maxAttempts();

        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        @WithDefault("20")
        int batchSize();
    }

    interface Escalation {
        /** How often due escalations are looked for. */
        @WithDefault("5s")
        Duration interval();
    }

    /**
     * Several incidents of one component opened within the window page once: the later ones are
     * linked to the first open one and told in its Slack channel. A zero window turns grouping off.
     */
    interface Grouping {
        @WithDefault("5m")
        Duration window();

        /** Per component, a window of its own (e.g. {@code ipfs=15m}, {@code api=0s}). */
        Map<String, Duration> components();
    }

    /**
     * An incident whose dedup key was resolved less than the window ago is flapping: it is told in
     * Slack, and its page is held for {@link #hold()} and cancelled if it resolves before then, so a
     * flap pages nobody while an outage that stays down still pages once. A zero window: off.
     */
    interface Flapping {
        @WithDefault("30m")
        Duration window();

        @WithDefault("5m")
        Duration hold();

        /** Per component, a window of its own. */
        Map<String, Duration> components();
    }
}
