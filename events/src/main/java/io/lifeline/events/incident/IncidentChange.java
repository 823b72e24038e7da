package io.lifeline.events.incident;

import io.lifeline.events.EventType;

/**
 * What {@link IncidentTracker#failure(FailureReport)} produced: an incident was opened, or an open
 * one was updated. Sealed so that a {@code switch} over it is checked by the compiler.
 */
public sealed interface IncidentChange permits IncidentOpened, IncidentUpdated {

    String incidentId();

    String dedupKey();

    Severity severity();

    /** The topic to publish this change on. */
    EventType<?> eventType();

    /** The Kafka key, so callers need no cast to use {@link EventType#key}. */
    String key();

    /** The CloudEvents subject. */
    String subject();
}
