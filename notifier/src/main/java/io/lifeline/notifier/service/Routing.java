package io.lifeline.notifier.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.config.NotifierConfig;

/**
 * The routing table of the configuration, as answers: which role owns an incident, which channels
 * a severity uses, and who is paged at each escalation level right now.
 */
@ApplicationScoped
public class Routing {

    private static final Logger LOG = Logger.getLogger(Routing.class);

    /** Escalation level 0 is the primary, 1 the backup, then the next role's primary and backup, and so on. */
    public record Target(int level, String role, String roleName, String person, String personName, String position) {

        /** What the outbox stores to find the routing key at send time: {@code role/person}. */
        public String routingRef() {
            return role + "/" + person;
        }

        /** For people and events, e.g. {@code Alice Martin (DevOps Lead, primary)}. */
        public String describe() {
            return personName + " (" + roleName + ", " + position + ")";
        }
    }

    public record Route(String role, boolean byDefault, String reason) {
    }

    private final NotifierConfig config;
    private final Map<String, OnCall> rotations = new ConcurrentHashMap<>();

    public Routing(NotifierConfig config) {
        this.config = config;
    }

    /** Component first, then kind, then the default role (said so in the reason). */
    public Route route(String component, String kind) {
        String byComponent = config.routing().components().get(lower(component));
        if (byComponent != null && config.roles().containsKey(byComponent)) {
            return new Route(byComponent, false, "component " + component);
        }
        String byKind = config.routing().kinds().get(lower(kind));
        if (byKind != null && config.roles().containsKey(byKind)) {
            return new Route(byKind, false, "kind " + kind);
        }
        String fallback = config.routing().defaultRole();
        LOG.warnf("no routing for component %s (kind %s): routed to %s by default", component, kind, fallback);
        return new Route(fallback, true, "no routing for component " + component + ", " + roleName(fallback)
                + " by default");
    }

    public Set<String> channels(Severity severity) {
        NotifierConfig.SeverityPolicy policy = config.severities().get(severity);
        return policy == null ? Set.of() : new LinkedHashSet<>(policy.channels());
    }

    public boolean escalates(Severity severity) {
        NotifierConfig.SeverityPolicy policy = config.severities().get(severity);
        return policy != null && policy.escalate() && policy.channels().contains("pagerduty");
    }

    public String slackChannel(Severity severity) {
        NotifierConfig.SeverityPolicy policy = config.severities().get(severity);
        return policy == null ? config.slack().fallbackChannel() : policy.slackChannel();
    }

    /** Where recovery events that answer no incident are posted. */
    public String operationsSlackChannel() {
        return config.slack().operationsChannel();
    }

    /** The grouping window of a component (its own, else the default); zero: no grouping. */
    public java.time.Duration groupingWindow(String component) {
        return config.grouping().components().getOrDefault(lower(component), config.grouping().window());
    }

    /** The flapping window of a component (its own, else the default); zero: no flapping detection. */
    public java.time.Duration flappingWindow(String component) {
        return config.flapping().components().getOrDefault(lower(component), config.flapping().window());
    }

    /** How long a flapping incident's page waits, to see whether it resolves by itself first. */
    public java.time.Duration flappingHold() {
        return config.flapping().hold();
    }

    public String fallbackSlackChannel() {
        return config.slack().fallbackChannel();
    }

    public String slackChannelName(String channel) {
        NotifierConfig.SlackChannel c = config.slack().channels().get(channel);
        return c == null ? "#" + channel : c.name();
    }

    /** Who is paged at {@code level} for an incident owned by {@code role}, at {@code now}; empty past the last level. */
    public Optional<Target> target(String role, int level, Instant now) {
        String current = role;
        int remaining = level;
        Set<String> seen = new HashSet<>();
        while (current != null && seen.add(current)) {
            NotifierConfig.Role r = config.roles().get(current);
            if (r == null) {
                return Optional.empty();
            }
            OnCall.Shift shift = rotation(current, r).at(now);
            if (remaining == 0) {
                return Optional.of(target(level, current, r, shift.primary(), "primary"));
            }
            if (shift.backup().isPresent()) {
                if (remaining == 1) {
                    return Optional.of(target(level, current, r, shift.backup().get(), "backup"));
                }
                remaining -= 2;
            } else {
                remaining -= 1;
            }
            current = r.escalateTo().orElse(null);
        }
        return Optional.empty();
    }

    /** How long the person paged at this level has before the next level is paged. */
    public java.time.Duration escalateAfter(Target target) {
        return config.roles().get(target.role()).escalateAfter();
    }

    /** The routing key for a stored {@code role/person} reference; empty when none is configured. */
    public Optional<String> routingKey(String routingRef) {
        int slash = routingRef.indexOf('/');
        String role = slash < 0 ? routingRef : routingRef.substring(0, slash);
        String person = slash < 0 ? "" : routingRef.substring(slash + 1);
        NotifierConfig.Person p = config.people().get(person);
        if (p != null && p.pagerdutyRoutingKey().isPresent()) {
            return p.pagerdutyRoutingKey().filter(k -> !k.isBlank());
        }
        NotifierConfig.Role r = config.roles().get(role);
        return r == null ? Optional.empty() : r.pagerdutyRoutingKey().filter(k -> !k.isBlank());
    }

    /** The role's time zone (its rotation's): business hours are counted there. */
    public java.time.ZoneId zone(String role) {
        NotifierConfig.Role r = config.roles().get(role);
        return r == null ? java.time.ZoneOffset.UTC : r.rotation().zone();
    }

    /** When a medium incident's ticket may go out: now in business hours, else the next opening. */
    public Instant ticketTime(String role, Instant now) {
        NotifierConfig.BusinessHours hours = config.businessHours();
        return new BusinessHours(hours.start(), hours.end(), hours.days()).nextOpening(now, zone(role));
    }

    public boolean ticketsConfigured() {
        return config.ticket().url().isPresent();
    }

    public String ticketRecipient() {
        return config.ticket().name();
    }

    public String roleName(String role) {
        NotifierConfig.Role r = config.roles().get(role);
        return r == null ? role : r.displayName();
    }

    private Target target(int level, String role, NotifierConfig.Role r, String person, String position) {
        NotifierConfig.Person p = config.people().get(person);
        return new Target(level, role, r.displayName(), person, p == null ? person : p.name(), position);
    }

    private OnCall rotation(String role, NotifierConfig.Role r) {
        return rotations.computeIfAbsent(role, k -> new OnCall(r.rotation().people(), r.rotation().zone(),
                r.rotation().start(), r.rotation().period(), r.rotation().overrides().stream()
                        .map(o -> new OnCall.Override(o.from(), o.to(), o.person())).toList()));
    }

    private static String lower(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
