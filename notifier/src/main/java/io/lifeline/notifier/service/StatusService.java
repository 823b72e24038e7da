package io.lifeline.notifier.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.notifier.ComponentStatus;
import io.lifeline.notifier.Notification;
import io.lifeline.notifier.TrackedIncident;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The status page's data: component health from health.*, open incidents and their updates. */
@ApplicationScoped
public class StatusService {

    public record Update(Instant at, String text) {
    }

    public record OpenIncident(TrackedIncident incident, List<Update> updates) {
    }

    public record Page(List<ComponentStatus> components, List<OpenIncident> incidents) {
    }

    private final MessageComposer compose;

    public StatusService(MessageComposer compose) {
        this.compose = compose;
    }

    @WithTransaction
    public Uni<Void> degraded(HealthDegraded event) {
        return set(event.component(), true, event.probe(), event.since(), latest(event));
    }

    @WithTransaction
    public Uni<Void> recovered(HealthRecovered event) {
        return set(event.component(), false, event.probe(), event.at(), event.at());
    }

    @WithSession
    public Uni<Page> page() {
        return ComponentStatus.<ComponentStatus>list("order by component").chain(components -> TrackedIncident
                .<TrackedIncident>list("status in ?1 and summary is not null order by openedAt desc",
                        List.of(TrackedIncident.Status.OPEN, TrackedIncident.Status.ACKNOWLEDGED))
                .chain(open -> {
                    if (open.isEmpty()) {
                        return Uni.createFrom().item(new Page(components, List.of()));
                    }
                    List<String> ids = open.stream().map(i -> i.id).toList();
                    return Notification.<Notification>list("incidentId in ?1 and channel = ?2 and step <> 'opened' "
                            + "order by seq", ids, Notification.SLACK).map(rows -> {
                                Map<String, List<Update>> updates = new LinkedHashMap<>();
                                for (Notification n : rows) {
                                    if (n.step.startsWith("fallback:")) {
                                        continue;
                                    }
                                    String text = compose.slackText(n.body);
                                    if (text != null) {
                                        updates.computeIfAbsent(n.incidentId, k -> new ArrayList<>())
                                                .add(new Update(n.createdAt, text));
                                    }
                                }
                                return new Page(components, open.stream().map(i -> new OpenIncident(i,
                                        updates.getOrDefault(i.id, List.of()))).toList());
                            });
                }));
    }

    private Uni<Void> set(String component, boolean degraded, String probe, Instant since, Instant asOf) {
        return ComponentStatus.<ComponentStatus>findById(component).chain(current -> {
            if (current != null && current.asOf.isAfter(asOf)) {
                return Uni.createFrom().voidItem();
            }
            ComponentStatus status = current != null ? current : new ComponentStatus();
            status.component = component;
            status.degraded = degraded;
            status.probe = probe;
            status.since = since;
            status.asOf = asOf;
            return current != null ? Uni.createFrom().voidItem() : status.persist().replaceWithVoid();
        });
    }

    private static Instant latest(HealthDegraded event) {
        return event.results().isEmpty() ? event.since()
                : event.results().get(event.results().size() - 1).at();
    }
}
