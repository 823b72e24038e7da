package io.lifeline.health.bus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.incident.Incident;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.service.IncidentService;
import io.lifeline.health.service.ProbeService;
import io.lifeline.health.service.Readiness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * A page when the bus is down. The bus's own outage is an incident like any other (its probes raise
 * it, the outbox keeps it until Kafka is back), but nobody would hear of it until then: so once the
 * bus has been down for {@code page-after}, the monitor pages PagerDuty and posts to the fallback
 * Slack webhook itself. The page's dedup key is the bus incident's id, the key the notifier pages
 * level 0 with, so when the incident arrives by the normal path PagerDuty folds it into this alert.
 * When the bus is back, Slack is told at once; the direct alert is resolved after {@code
 * resolve-grace}, when the normal path has paged (folded) and resolved it (a resolve in between would
 * make the notifier's late trigger a second alert).
 */
@ApplicationScoped
public class BusWatch {

    private static final Logger LOG = Logger.getLogger(BusWatch.class);

    private final HealthMonitorConfig.Bus config;
    private final ProbeService probes;
    private final IncidentService incidents;
    private final DirectPager pager;
    private final Readiness readiness;
    private final Clock clock;

    // In memory: after a restart mid-outage the trigger is sent again, which PagerDuty folds (same key).
    private volatile String pagedKey;
    private volatile boolean slackToldDown;
    private volatile Instant backSince;
    private volatile boolean slackToldBack;

    public BusWatch(HealthMonitorConfig config, ProbeService probes, IncidentService incidents, DirectPager pager,
            Readiness readiness, Clock clock) {
        this.config = config.bus();
        this.probes = probes;
        this.incidents = incidents;
        this.pager = pager;
        this.readiness = readiness;
        this.clock = clock;
        if (!pager.canPage() && !pager.canPost()) {
            LOG.warn("no direct channel for a bus outage (lifeline.health.bus.pagerduty-routing-key and "
                    + "slack-webhook-url unset): with Kafka down, nobody would be told until it is back");
        }
    }

    @Scheduled(every = "${lifeline.health.bus.check-interval:5s}", identity = "bus-watch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        if (!readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        return check().onFailure().invoke(e -> LOG.errorf(e, "bus watch failed")).onFailure().recoverWithNull();
    }

    /** Whether the direct page is out now (for the status view and tests). */
    public boolean paged() {
        return pagedKey != null;
    }

    // One check at a time (SKIP): the fields are written by the check alone.
    Uni<Void> check() {
        Instant now = clock.instant();
        Optional<Instant> downSince = probes.downSince(config.component());
        if (downSince.isPresent()) {
            backSince = null;
            slackToldBack = false;
            if (Duration.between(downSince.get(), now).compareTo(config.pageAfter()) >= 0) {
                return whileDown(downSince.get(), now);
            }
            return Uni.createFrom().voidItem();
        }
        if (pagedKey == null) {
            return Uni.createFrom().voidItem();
        }
        if (backSince == null) {
            backSince = now;
        }
        return whenBack(now);
    }

    private Uni<Void> whileDown(Instant since, Instant now) {
        Optional<Incident> incident = incidents.find(config.component(), ProbeService.KIND_DOWN);
        // The notifier's level-0 dedup key is the incident id; before the incident exists, the dedup key.
        String key = pagedKey != null ? pagedKey
                : incident.map(Incident::id).orElse(IncidentTracker.dedupKey(config.component(), ProbeService.KIND_DOWN));
        long seconds = Duration.between(since, now).toSeconds();
        String summary = "[CRITICAL] " + config.component() + ": Lifeline's event bus unreachable for " + seconds
                + " s; paged directly by health-monitor (incidents wait in the outbox until it is back)";
        Uni<Void> work = Uni.createFrom().voidItem();
        if (pagedKey == null && pager.canPage()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("component", config.component());
            details.put("down_since", since.toString());
            details.put("incident_id", incident.map(Incident::id).orElse("not opened yet"));
            details.put("paged_by", "health-monitor, directly: the event bus is down");
            work = pager.trigger(key, summary, config.component(), since, details).invoke(taken -> {
                if (taken) {
                    pagedKey = key;
                    LOG.warnf("event bus down since %s: paged PagerDuty directly (dedup key %s)", since, key);
                }
            }).replaceWithVoid();
        } else if (pagedKey == null && !pager.canPage()) {
            pagedKey = key; // nothing to page with; the Slack post below is all there is
        }
        if (!slackToldDown) {
            work = work.chain(() -> pager.post(":rotating_light: " + summary + ". Since " + since + ".")
                    .invoke(taken -> slackToldDown = taken).replaceWithVoid());
        }
        return work;
    }

    private Uni<Void> whenBack(Instant now) {
        Uni<Void> work = Uni.createFrom().voidItem();
        if (slackToldDown && !slackToldBack) {
            work = pager.post(":white_check_mark: " + config.component() + ": Lifeline's event bus is reachable "
                    + "again; the incidents held in the outbox are being delivered now.")
                    .invoke(taken -> slackToldBack = taken).replaceWithVoid();
        }
        if (Duration.between(backSince, now).compareTo(config.resolveGrace()) < 0) {
            return work;
        }
        String key = pagedKey;
        Uni<Boolean> resolved = pager.canPage() ? pager.resolve(key) : Uni.createFrom().item(true);
        return work.chain(() -> resolved.invoke(done -> {
            if (done) {
                LOG.infof("event bus back since %s: direct page %s resolved", backSince, key);
                pagedKey = null;
                slackToldDown = false;
                slackToldBack = false;
                backSince = null;
            }
        }).replaceWithVoid());
    }
}
