package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The open incidents of one monitor, so that the same failure seen again updates its incident
 * instead of opening a duplicate, and the monitor can resolve what it opened when its signal clears.
 *
 * <p>Pure and in memory: it decides which event to publish; publishing is the caller's job. To
 * survive restarts, persist {@link #open()} and hand it back to {@link #restore(Collection)}.
 * Thread-safe: probes of one monitor may report concurrently.
 */
public final class IncidentTracker {

    /** Signals kept per incident: the first (what opened it) plus the most recent ones. */
    public static final int MAX_SIGNALS = 20;

    static final String ID_PREFIX = "inc-";

    private final String raisedBy;
    private final Clock clock;
    private final Map<String, Incident> openByKey = new LinkedHashMap<>();
    // Last openedAt per dedup key: a reopen within the same millisecond must still get a new id.
    private final Map<String, Instant> lastOpenedAt = new HashMap<>();

    public IncidentTracker(String raisedBy, Clock clock) {
        this.raisedBy = text(raisedBy, "raisedBy");
        this.clock = required(clock, "clock");
    }

    /** Deterministic dedup key: {@code component/kind}, trimmed and lower-cased. */
    public static String dedupKey(String component, String kind) {
        return normalize(component, "component") + "/" + normalize(kind, "kind");
    }

    /**
     * Deterministic incident id: the same dedup key and opening time give the same id, on any
     * instance, so a monitor that re-sends after a crash produces a duplicate that consumers can drop.
     */
    public static String incidentId(String dedupKey, Instant openedAt) {
        text(dedupKey, "dedupKey");
        required(openedAt, "openedAt");
        String name = dedupKey + "@" + openedAt.toEpochMilli();
        return ID_PREFIX + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records a failure: opens an incident the first time its dedup key is seen, updates it after.
     * An update keeps the highest severity seen, so a rise is an escalation and a fall changes nothing.
     */
    public synchronized IncidentChange failure(FailureReport report) {
        required(report, "report");
        String key = dedupKey(report.component(), report.kind());
        Instant now = clock.instant();
        Incident current = openByKey.get(key);
        if (current == null) {
            Instant openedAt = distinctOpenedAt(key, now);
            Incident opened = new Incident(incidentId(key, openedAt), key, report.severity(), report.component(),
                    report.kind(), report.summary(), List.of(report.signal()), report.runbookUrl(), openedAt, raisedBy,
                    1, openedAt);
            openByKey.put(key, opened);
            return IncidentOpened.of(opened);
        }
        Incident updated = new Incident(current.id(), key,
                Severity.mostSevere(current.severity(), report.severity()), current.component(), current.kind(),
                report.summary(), appendCapped(current.signals(), report.signal()),
                report.runbookUrl() != null ? report.runbookUrl() : current.runbookUrl(), current.openedAt(),
                current.raisedBy(), current.occurrences() + 1, now);
        openByKey.put(key, updated);
        return new IncidentUpdated(updated.id(), key, updated.severity(), updated.summary(), updated.signals(),
                updated.occurrences(), now, updated.component());
    }

    /** The signal cleared: resolves the open incident of that component and kind, if there is one. */
    public synchronized Optional<IncidentResolved> recovered(String component, String kind, String resolution) {
        text(resolution, "resolution");
        String key = dedupKey(component, kind);
        Incident closed = openByKey.remove(key);
        if (closed == null) {
            return Optional.empty();
        }
        return Optional.of(new IncidentResolved(closed.id(), key, resolution, raisedBy, clock.instant(),
                closed.component()));
    }

    /** A snapshot of the open incidents, to persist. */
    public synchronized Collection<Incident> open() {
        return List.copyOf(openByKey.values());
    }

    /** The open incident of that component and kind, if any. */
    public synchronized Optional<Incident> find(String component, String kind) {
        return Optional.ofNullable(openByKey.get(dedupKey(component, kind)));
    }

    /**
     * Reloads persisted open incidents (normally once, at startup). An incident replaces the one
     * held for the same dedup key; others held are kept.
     */
    public synchronized void restore(Collection<Incident> incidents) {
        required(incidents, "incidents");
        for (Incident incident : incidents) {
            required(incident, "incident");
            String key = dedupKey(incident.component(), incident.kind());
            if (!key.equals(incident.dedupKey())) {
                throw new IllegalArgumentException("incident " + incident.id() + " has dedupKey '"
                        + incident.dedupKey() + "' but its component and kind give '" + key + "'");
            }
            openByKey.put(key, incident);
            lastOpenedAt.merge(key, incident.openedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private Instant distinctOpenedAt(String key, Instant now) {
        Instant previous = lastOpenedAt.get(key);
        Instant openedAt = now;
        if (previous != null && now.toEpochMilli() <= previous.toEpochMilli()) {
            openedAt = previous.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        }
        lastOpenedAt.put(key, openedAt);
        return openedAt;
    }

    private static List<Signal> appendCapped(List<Signal> signals, Signal next) {
        List<Signal> all = new ArrayList<>(signals.size() + 1);
        all.addAll(signals);
        all.add(next);
        if (all.size() <= MAX_SIGNALS) {
            return List.copyOf(all);
        }
        List<Signal> kept = new ArrayList<>(MAX_SIGNALS);
        kept.add(all.get(0));
        kept.addAll(all.subList(all.size() - (MAX_SIGNALS - 1), all.size()));
        return List.copyOf(kept);
    }

    private static String normalize(String value, String field) {
        return text(value, field).trim().toLowerCase(Locale.ROOT);
    }
}
