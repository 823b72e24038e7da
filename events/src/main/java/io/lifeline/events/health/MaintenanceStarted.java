package io.lifeline.events.health;

import static io.lifeline.events.internal.Checks.nonEmptyList;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.List;

/**
 * A maintenance window opened: until {@code endsAt}, failures of {@code components} are expected and
 * open no incident.
 *
 * @param windowId   the window's id; for a recurring window, one per occurrence
 * @param declaredBy who declared it: {@code config} or the operator's name
 */
public record MaintenanceStarted(String windowId, List<String> components, Instant startsAt, Instant endsAt,
                                 String reason, String declaredBy) {

    public MaintenanceStarted {
        text(windowId, "windowId");
        components = nonEmptyList(textList(components, "components"), "components");
        required(startsAt, "startsAt");
        required(endsAt, "endsAt");
        text(reason, "reason");
        text(declaredBy, "declaredBy");
    }
}
