package io.lifeline.notifier.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.Topics;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentEscalated;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.notifier.Notification;
import io.lifeline.notifier.TrackedIncident;
import io.lifeline.notifier.TrackedIncident.Status;
import io.lifeline.notifier.messaging.NotifierEventPublisher;
import io.lifeline.notifier.repository.IncidentRepository;
import io.lifeline.notifier.repository.NotificationRepository;
import io.lifeline.notifier.repository.NotificationRepository.Pending;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What each incident event means for the people on call. Every method changes the incident's row
 * and queues its messages in the outbox in one transaction (nothing is sent here: the relay does
 * that after commit). Each is idempotent: the same event twice queues nothing new, because the
 * outbox is keyed by (incident, step, channel) and the incident's status only moves forward.
 * Each returns whether anything was queued, so the caller can wake the relay.
 */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    public static final String VIA_API = "notifier-api";
    /** An acknowledgement that came through PagerDuty's webhook. */
    public static final String VIA_PAGERDUTY = "pagerduty";

    private final IncidentRepository incidents;
    private final NotificationRepository outbox;
    private final Routing routing;
    private final MessageComposer compose;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, NotificationRepository outbox, Routing routing,
            MessageComposer compose, Clock clock) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.routing = routing;
        this.compose = compose;
        this.clock = clock;
    }

    /** The outcome of an acknowledgement through the API. */
    public enum AckResult { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, RESOLVED, NOT_FOUND }

    @WithTransaction
    public Uni<Boolean> opened(IncidentOpened event) {
        return incidents.findForUpdate(event.incidentId()).chain(existing -> {
            if (existing != null && !existing.isPlaceholder()) {
                LOG.debugf("incident %s already known: duplicate delivery ignored", event.incidentId());
                return Uni.createFrom().item(false);
            }
            TrackedIncident incident = existing != null ? existing : newIncident(event.incidentId(), Status.OPEN);
            fill(incident, event.dedupKey(), event.component(), event.kind(), event.severity(), event.summary(),
                    event.runbookUrl(), event.raisedBy(), event.openedAt());
            return save(incident, existing == null).chain(i -> notifyOpened(i, event.signals()));
        });
    }

    @WithTransaction
    public Uni<Boolean> updated(IncidentUpdated event) {
        return incidents.findForUpdate(event.incidentId()).chain(existing -> {
            if (existing == null || existing.isPlaceholder()) {
                // Missed (or not yet seen) incident.opened: the update carries enough to act on it.
                TrackedIncident incident = existing != null ? existing : newIncident(event.incidentId(), Status.OPEN);
                fill(incident, event.dedupKey(), event.component(), kindOf(event.dedupKey()), event.severity(),
                        event.summary(), null, null, event.updatedAt());
                return save(incident, existing == null).chain(i -> notifyOpened(i, event.signals()));
            }
            if (existing.status == Status.RESOLVED) {
                return Uni.createFrom().item(false);
            }
            Instant now = clock.instant();
            existing.summary = event.summary();
            existing.updatedAt = now;
            Severity current = Severity.fromWireName(existing.severity);
            if (!event.severity().isMoreSevereThan(current)) {
                return Uni.createFrom().item(false);
            }
            existing.severity = event.severity().wireName();
            if (existing.groupedInto != null) {
                return raiseGrouped(existing, event, now);
            }
            return raise(existing, event, now);
        });
    }

    /**
     * A grouped incident got worse: as long as the incident it is grouped into is open and at least as
     * severe, that one's page covers it (told in its channel); otherwise it leaves the group and pages.
     */
    private Uni<Boolean> raiseGrouped(TrackedIncident existing, IncidentUpdated event, Instant now) {
        return incidents.findById(existing.groupedInto).chain(primary -> {
            if (primary != null && primary.status != Status.RESOLVED && primary.severity != null
                    && !event.severity().isMoreSevereThan(Severity.fromWireName(primary.severity))) {
                if (!slackApplies(primary)) {
                    return Uni.createFrom().item(false);
                }
                return enqueue(List.of(slack(primary, "grouped:" + existing.id + ":severity-" + existing.severity,
                        compose.slackUpdate(primary, "also: incident " + existing.id + " severity raised to "
                                + existing.severity))), now);
            }
            LOG.infof("incident %s leaves the group of %s: now more severe than it, or that one is over",
                    existing.id, existing.groupedInto);
            existing.groupedInto = null;
            return raise(existing, event, now);
        });
    }

    /** A rise in severity notifies the new severity's channels (high → critical pages). */
    private Uni<Boolean> raise(TrackedIncident existing, IncidentUpdated event, Instant now) {
        List<Pending> rows = new ArrayList<>();
        Set<String> channels = routing.channels(event.severity());
        Routing.Target paged = null;
        if (existing.status == Status.OPEN && channels.contains("pagerduty")) {
            paged = routing.target(existing.role, 0, now).orElse(null);
            if (paged != null) {
                rows.add(page(existing, event.signals(), paged, note(existing), null));
                startTimer(existing, event.severity(), paged, now);
            }
        }
        if (channels.contains("slack")) {
            rows.add(slack(existing, "severity-" + existing.severity, compose.slackUpdate(existing,
                    "severity raised to " + existing.severity + (paged == null ? "" : "; paged " + paged.describe()))));
        }
        return enqueue(rows, now);
    }

    @WithTransaction
    public Uni<Boolean> acknowledged(IncidentAcknowledged event) {
        return acknowledge(event.incidentId(), event.acknowledgedBy(), event.via(), event.acknowledgedAt(), false)
                .map(result -> result == AckResult.ACKNOWLEDGED);
    }

    /** An acknowledgement through the API: also published as {@code incident.acknowledged} (via the outbox). */
    @WithTransaction
    public Uni<AckResult> acknowledgeByApi(String incidentId, String by) {
        return acknowledge(incidentId, by, VIA_API, clock.instant(), true);
    }

    /**
     * An acknowledgement through PagerDuty's webhook (someone acknowledged the alert there): the same
     * as through the API, published as {@code incident.acknowledged} with via {@code pagerduty}.
     */
    @WithTransaction
    public Uni<AckResult> acknowledgeByPagerDuty(String incidentId, String by) {
        return acknowledge(incidentId, by, VIA_PAGERDUTY, clock.instant(), true);
    }

    @WithTransaction
    public Uni<Boolean> resolved(IncidentResolved event) {
        return incidents.findForUpdate(event.incidentId()).chain(existing -> {
            Instant now = clock.instant();
            if (existing == null) {
                TrackedIncident placeholder = newIncident(event.incidentId(), Status.RESOLVED);
                placeholder.dedupKey = event.dedupKey();
                placeholder.component = event.component();
                placeholder.kind = kindOf(event.dedupKey());
                placeholder.role = routing.route(event.component(), placeholder.kind).role();
                placeholder.resolvedAt = event.resolvedAt();
                return incidents.persist(placeholder).replaceWith(false);
            }
            if (existing.status == Status.RESOLVED) {
                return Uni.createFrom().item(false);
            }
            existing.status = Status.RESOLVED;
            existing.resolvedAt = event.resolvedAt();
            existing.nextEscalationAt = null;
            existing.updatedAt = now;
            return outbox.cancelHeldPages(existing.id, now, "cancelled: resolved before the held page was due")
                    .chain(cancelled -> outbox.pages(existing.id).chain(pages -> {
                        List<Pending> rows = new ArrayList<>(followUps(existing, pages, "resolve"));
                        if (!existing.isPlaceholder() && slackApplies(existing)) {
                            rows.add(slack(existing, "resolved", compose.slackUpdate(existing, "resolved: "
                                    + event.resolution() + " (by " + event.resolvedBy() + ")"
                                    + (cancelled > 0 ? "; recovered within the hold, so its held page was cancelled"
                                            : ""))));
                        }
                        return enqueue(rows, now);
                    }));
        });
    }

    /**
     * A recovery event about an incident (a restore, a pause, a re-pin): told to the incident's
     * Slack channel as a new message. {@code step} is unique per event, so a repeat posts nothing.
     */
    @WithTransaction
    public Uni<Boolean> story(String incidentId, String step, String what) {
        return incidents.findById(incidentId).chain(incident -> {
            if (incident == null || incident.isPlaceholder() || !slackApplies(incident)) {
                LOG.debugf("recovery event for incident %s not posted: unknown incident or no Slack for it", incidentId);
                return Uni.createFrom().item(false);
            }
            return enqueue(List.of(slack(incident, step, compose.slackUpdate(incident, what))), clock.instant());
        });
    }

    /**
     * Pages the next level of every open incident whose timer ran out. The timer is a column, so a
     * restart neither loses nor repeats an escalation. Returns how many incidents escalated.
     */
    @WithTransaction
    public Uni<Integer> escalateDue(int limit) {
        Instant now = clock.instant();
        return incidents.dueForEscalation(now, limit).chain(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(incident -> escalate(incident, now))
                .collect().asList()
                .map(List::size));
    }

    // --- internals -----------------------------------------------------------------------------

    private Uni<Boolean> escalate(TrackedIncident incident, Instant now) {
        int level = incident.escalationLevel + 1;
        Optional<Routing.Target> next = routing.target(incident.role, level, now);
        incident.updatedAt = now;
        if (next.isEmpty()) {
            incident.nextEscalationAt = null;
            LOG.warnf("incident %s: not acknowledged and nobody left to escalate to", incident.id);
            return enqueue(List.of(slack(incident, "escalation-exhausted", compose.slackUpdate(incident,
                    "still not acknowledged, and nobody is left to escalate to"))), now);
        }
        Routing.Target target = next.get();
        String reason = "not acknowledged within " + routing.escalateAfter(routing.target(incident.role,
                incident.escalationLevel, now).orElse(target));
        List<Pending> rows = new ArrayList<>();
        rows.add(page(incident, List.of(), target, note(incident), null));
        rows.add(new Pending(incident.id, Topics.INCIDENT_ESCALATED + "-" + level, Notification.EVENT,
                Topics.INCIDENT_ESCALATED, Topics.INCIDENT_ESCALATED, NotifierEventPublisher.encode(
                        new IncidentEscalated(incident.id, level, target.role(), target.person(), reason, now))));
        if (slackApplies(incident)) {
            rows.add(slack(incident, "escalated-" + level, compose.slackUpdate(incident,
                    "escalated to " + target.describe() + ": " + reason)));
        }
        incident.escalationLevel = level;
        incident.nextEscalationAt = routing.target(incident.role, level + 1, now).isPresent()
                ? now.plus(routing.escalateAfter(target)) : null;
        LOG.infof("incident %s escalated to level %d (%s): %s", incident.id, level, target.describe(), reason);
        return enqueue(rows, now);
    }

    private Uni<AckResult> acknowledge(String incidentId, String by, String via, Instant at, boolean publish) {
        return incidents.findForUpdate(incidentId).chain(existing -> {
            Instant now = clock.instant();
            if (existing == null) {
                if (publish) {
                    return Uni.createFrom().item(AckResult.NOT_FOUND);
                }
                // The ack overtook incident.opened (another topic): remember it so the opening pages nobody.
                TrackedIncident placeholder = newIncident(incidentId, Status.ACKNOWLEDGED);
                placeholder.dedupKey = incidentId;
                placeholder.component = "unknown";
                placeholder.kind = "unknown";
                placeholder.role = routing.route("unknown", "unknown").role();
                placeholder.acknowledgedAt = at;
                placeholder.acknowledgedBy = by;
                return incidents.persist(placeholder).replaceWith(AckResult.ACKNOWLEDGED);
            }
            if (existing.status == Status.RESOLVED) {
                return Uni.createFrom().item(AckResult.RESOLVED);
            }
            if (existing.status == Status.ACKNOWLEDGED) {
                return Uni.createFrom().item(AckResult.ALREADY_ACKNOWLEDGED);
            }
            existing.status = Status.ACKNOWLEDGED;
            existing.acknowledgedAt = at;
            existing.acknowledgedBy = by;
            existing.nextEscalationAt = null;
            existing.updatedAt = now;
            // Someone has it: a page still held (flapping) is no longer owed.
            return outbox.cancelHeldPages(existing.id, now, "cancelled: acknowledged before the held page was due")
                    .chain(() -> outbox.pages(existing.id)).chain(pages -> {
                        List<Pending> rows = new ArrayList<>(followUps(existing, pages, "acknowledge"));
                        if (slackApplies(existing)) {
                            rows.add(slack(existing, "acknowledged", compose.slackUpdate(existing,
                                    "acknowledged by " + by + " (via " + via + "); escalation stopped")));
                        }
                        if (publish) {
                            rows.add(new Pending(existing.id, Topics.INCIDENT_ACKNOWLEDGED, Notification.EVENT,
                                    Topics.INCIDENT_ACKNOWLEDGED, Topics.INCIDENT_ACKNOWLEDGED, NotifierEventPublisher.encode(
                                            new IncidentAcknowledged(existing.id, by, via, at))));
                        }
                        return enqueue(rows, now).replaceWith(AckResult.ACKNOWLEDGED);
                    });
        });
    }

    /**
     * An incident to tell people about: grouped into an open incident of the same component when one
     * opened within the grouping window (no page of its own), else paged, its page held if it flaps.
     */
    private Uni<Boolean> notifyOpened(TrackedIncident incident, List<Signal> signals) {
        if (incident.status == Status.RESOLVED) {
            return Uni.createFrom().item(false);
        }
        Duration window = routing.groupingWindow(incident.component);
        if (window.isZero() || window.isNegative()) {
            return checkFlapping(incident, signals);
        }
        Instant at = incident.openedAt == null ? clock.instant() : incident.openedAt;
        return incidents.lockComponent(incident.component)
                .chain(() -> incidents.groupPrimary(incident.component, incident.id, at.minus(window), at.plus(window)))
                .chain(primary -> primary != null && groupable(incident, primary) ? group(incident, primary)
                        : checkFlapping(incident, signals));
    }

    /** Only into an incident at least as severe: a critical one is never hidden behind a high one's Slack post. */
    private static boolean groupable(TrackedIncident incident, TrackedIncident primary) {
        return primary.severity != null && !Severity.fromWireName(incident.severity)
                .isMoreSevereThan(Severity.fromWireName(primary.severity));
    }

    /** Linked to the first one, told in its channel ("also: ..."), no page, no escalation of its own. */
    private Uni<Boolean> group(TrackedIncident incident, TrackedIncident primary) {
        incident.groupedInto = primary.id;
        LOG.infof("incident %s grouped into %s (component %s, opened within %s): no page of its own", incident.id,
                primary.id, incident.component, routing.groupingWindow(incident.component));
        if (!slackApplies(primary)) {
            return Uni.createFrom().item(false);
        }
        return enqueue(List.of(slack(primary, "grouped:" + incident.id, compose.slackUpdate(primary, "also: "
                + incident.summary + ", incident " + incident.id + " (" + incident.severity
                + ", same component: grouped into this incident, no new page)"))), clock.instant());
    }

    /** Flapping: the same dedup key was resolved within the window before this one opened. */
    private Uni<Boolean> checkFlapping(TrackedIncident incident, List<Signal> signals) {
        Duration window = routing.flappingWindow(incident.component);
        if (window.isZero() || window.isNegative()) {
            return notifyNow(incident, signals);
        }
        Instant at = incident.openedAt == null ? clock.instant() : incident.openedAt;
        return incidents.resolvedSince(incident.dedupKey, incident.id, at.minus(window)).chain(flaps -> {
            incident.flaps = flaps.intValue();
            return notifyNow(incident, signals);
        });
    }

    private Uni<Boolean> notifyNow(TrackedIncident incident, List<Signal> signals) {
        Instant now = clock.instant();
        Severity severity = Severity.fromWireName(incident.severity);
        Set<String> channels = routing.channels(severity);
        String note = note(incident);
        boolean flapping = incident.flaps > 0;
        // A flapping incident's page waits in the outbox: cancelled if it resolves (or is acknowledged) first.
        Instant pageAt = flapping ? now.plus(routing.flappingHold()) : now;
        List<Pending> rows = new ArrayList<>();
        Routing.Target paged = null;
        if (incident.status == Status.OPEN && channels.contains("pagerduty")) {
            paged = routing.target(incident.role, 0, now).orElse(null);
            if (paged == null) {
                LOG.errorf("incident %s: role %s has no one on call; nobody paged", incident.id, incident.role);
            } else {
                rows.add(page(incident, signals, paged, note, flapping ? pageAt : null));
                startTimer(incident, severity, paged, pageAt);
            }
        }
        if (flapping) {
            LOG.infof("incident %s (%s) is flapping: resolved %d time(s) within %s; page held until %s", incident.id,
                    incident.dedupKey, incident.flaps, routing.flappingWindow(incident.component), pageAt);
        }
        if (channels.contains("slack")) {
            rows.add(slack(incident, "opened", flapping ? compose.slackUpdate(incident, flappingNote(incident, paged,
                    pageAt)) : compose.slackOpened(incident, paged, note)));
        }
        if (channels.contains("ticket") && routing.ticketsConfigured()) {
            // Medium: business hours only, in the owning role's time zone (the outbox holds it till then).
            Instant due = severity == Severity.MEDIUM ? routing.ticketTime(incident.role, now) : now;
            rows.add(new Pending(incident.id, "ticket", Notification.TICKET, Notification.TICKET,
                    routing.ticketRecipient(), compose.ticket(incident, routing.roleName(incident.role)), due));
        }
        return enqueue(rows, now);
    }

    private String flappingNote(TrackedIncident incident, Routing.Target paged, Instant pageAt) {
        return "reopened: " + incident.summary + ". Flapping: resolved " + incident.flaps
                + (incident.flaps == 1 ? " time" : " times") + " in the last "
                + human(routing.flappingWindow(incident.component))
                + (paged == null ? "" : "; the page to " + paged.describe() + " is held until " + pageAt
                        + " and cancelled if it recovers first");
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** The clock starts when the page goes out ({@code pagedAt}: later for a held page). */
    private void startTimer(TrackedIncident incident, Severity severity, Routing.Target paged, Instant pagedAt) {
        if (routing.escalates(severity) && incident.nextEscalationAt == null && incident.escalationLevel == 0) {
            incident.nextEscalationAt = pagedAt.plus(routing.escalateAfter(paged));
        }
    }

    /** {@code notBefore}: null to page at once, else the time a held page is due. */
    private Pending page(TrackedIncident incident, List<Signal> signals, Routing.Target target, String note,
            Instant notBefore) {
        return new Pending(incident.id, "page-" + target.level(), Notification.PAGERDUTY, target.routingRef(),
                target.describe(), compose.pagerDutyTrigger(incident, signals, target, note), notBefore);
    }

    /** acknowledge/resolve for every alert the incident triggered, with that alert's own routing key. */
    private List<Pending> followUps(TrackedIncident incident, List<Notification> pages, String action) {
        List<Pending> rows = new ArrayList<>();
        for (Notification page : pages) {
            int level = Integer.parseInt(page.step.substring("page-".length()));
            rows.add(new Pending(incident.id, action + "-" + level, Notification.PAGERDUTY, page.target,
                    page.recipient, compose.pagerDutyFollowUp(action, MessageComposer.dedupKey(incident.id, level))));
        }
        return rows;
    }

    private Pending slack(TrackedIncident incident, String step, String body) {
        String channel = routing.slackChannel(Severity.fromWireName(incident.severity));
        return new Pending(incident.id, step, Notification.SLACK, channel, routing.slackChannelName(channel), body);
    }

    private boolean slackApplies(TrackedIncident incident) {
        return incident.severity != null
                && routing.channels(Severity.fromWireName(incident.severity)).contains("slack");
    }

    private String note(TrackedIncident incident) {
        return incident.routedByDefault ? "no routing for component " + incident.component + ", "
                + routing.roleName(incident.role) + " by default" : null;
    }

    private Uni<Boolean> enqueue(List<Pending> rows, Instant now) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> outbox.enqueue(row, now))
                .collect().asList()
                .map(added -> added.contains(Boolean.TRUE));
    }

    private Uni<TrackedIncident> save(TrackedIncident incident, boolean isNew) {
        return isNew ? incidents.persist(incident) : Uni.createFrom().item(incident);
    }

    private TrackedIncident newIncident(String id, Status status) {
        TrackedIncident incident = new TrackedIncident();
        incident.id = id;
        incident.status = status;
        incident.updatedAt = clock.instant();
        return incident;
    }

    private void fill(TrackedIncident incident, String dedupKey, String component, String kind, Severity severity,
            String summary, String runbookUrl, String raisedBy, Instant openedAt) {
        Routing.Route route = routing.route(component, kind);
        incident.dedupKey = dedupKey;
        incident.component = component;
        incident.kind = kind;
        incident.severity = severity.wireName();
        incident.summary = summary;
        incident.runbookUrl = runbookUrl;
        incident.raisedBy = raisedBy;
        incident.role = route.role();
        incident.routedByDefault = route.byDefault();
        incident.openedAt = openedAt;
        incident.updatedAt = clock.instant();
    }

    private static String kindOf(String dedupKey) {
        int slash = dedupKey.indexOf('/');
        return slash < 0 || slash == dedupKey.length() - 1 ? "unknown" : dedupKey.substring(slash + 1);
    }
}
