package io.lifeline.health.rpo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.health.StoredWatch;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.repository.StateStore;
import io.lifeline.health.service.IncidentService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The plan's monthly restore test, watched from {@code drill.completed}: when the last successful
 * drill is older than {@code max-age} (35 days), an incident ({@code restore-drill/drill.overdue},
 * medium) until a drill succeeds again. A failed drill does not reset the clock.
 */
@ApplicationScoped
public class DrillWatch {

    public static final String COMPONENT = "restore-drill";
    public static final String KIND_OVERDUE = "drill.overdue";
    static final String NAME = "drill";

    private static final Logger LOG = Logger.getLogger(DrillWatch.class);

    private final HealthMonitorConfig config;
    private final IncidentService incidents;
    private final StateStore store;
    private final Clock clock;
    private final io.lifeline.health.service.Readiness readiness;
    private volatile LastDrill last = new LastDrill(null, null, null, null);
    private volatile Instant watchedSince;
    private volatile boolean loaded;

    public DrillWatch(HealthMonitorConfig config, IncidentService incidents, StateStore store, Clock clock,
            io.lifeline.health.service.Readiness readiness) {
        this.config = config;
        this.incidents = incidents;
        this.store = store;
        this.clock = clock;
        this.readiness = readiness;
    }

    /** The last successful drill, and the last one at all. */
    public record LastDrill(String successfulDrillId, Instant successfulAt, String lastDrillId, Instant lastAt) {
    }

    public LastDrill last() {
        return last;
    }

    public Uni<Void> reload() {
        return store.loadWatches().invoke(rows -> {
            for (StoredWatch row : rows) {
                if (row.name.equals(NAME)) {
                    last = store.read(row.body, LastDrill.class);
                } else if (row.name.equals(BackupWatch.STARTED)) {
                    watchedSince = store.read(row.body, Instant.class);
                }
            }
            if (watchedSince == null) {
                watchedSince = clock.instant();
            }
            loaded = true;
        }).replaceWithVoid();
    }

    public Uni<Void> completed(DrillCompleted drill) {
        LastDrill before = last;
        String successId = before.successfulDrillId();
        Instant successAt = before.successfulAt();
        if (drill.success() && (successAt == null || drill.completedAt().isAfter(successAt))) {
            successId = drill.drillId();
            successAt = drill.completedAt();
        }
        String lastId = before.lastDrillId();
        Instant lastAt = before.lastAt();
        if (lastAt == null || drill.completedAt().isAfter(lastAt)) {
            lastId = drill.drillId();
            lastAt = drill.completedAt();
        }
        LastDrill after = new LastDrill(successId, successAt, lastId, lastAt);
        if (after.equals(before)) {
            return check();
        }
        last = after;
        return store.saveWatch(NAME, after).chain(this::check);
    }

    @Scheduled(every = "${lifeline.health.rpo.check-interval:1m}", identity = "drill-check",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        if (!loaded || !readiness.started() || !config.drill().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return check().onFailure().invoke(e -> LOG.error("drill check failed", e)).onFailure().recoverWithNull();
    }

    Uni<Void> check() {
        if (!config.drill().enabled()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        LastDrill known = last;
        Instant reference = known.successfulAt() != null ? known.successfulAt()
                : watchedSince != null ? watchedSince : now;
        Duration age = Duration.between(reference, now);
        Duration maxAge = config.drill().maxAge();
        if (age.compareTo(maxAge) <= 0) {
            return incidents.clear(COMPONENT, KIND_OVERDUE, "drill " + known.successfulDrillId() + " succeeded");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("maxAgeDays", maxAge.toDays());
        detail.put("ageDays", age.toDays());
        if (known.successfulDrillId() != null) {
            detail.put("lastSuccessfulDrillId", known.successfulDrillId());
            detail.put("lastSuccessfulAt", known.successfulAt().toString());
        }
        if (known.lastDrillId() != null) {
            detail.put("lastDrillId", known.lastDrillId());
        }
        String summary = known.successfulDrillId() == null
                ? String.format("no successful restore drill in %d days (at most %d)", age.toDays(), maxAge.toDays())
                : String.format("last successful restore drill was %d days ago (at most %d)", age.toDays(),
                        maxAge.toDays());
        return incidents.raiseOnce(new FailureReport(COMPONENT, KIND_OVERDUE, config.drill().severity(), summary,
                new Signal("drill.overdue", "health-monitor/drill-watch", now, detail), null));
    }
}
