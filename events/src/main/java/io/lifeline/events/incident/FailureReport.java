package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.optionalAbsoluteUri;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

/**
 * What a monitor hands its {@link IncidentTracker} each time it sees a failure.
 *
 * @param kind       the failure kind, e.g. {@code down}, {@code http-5xx}; with the component it forms the dedup key
 * @param runbookUrl absolute URL, or null
 */
public record FailureReport(String component, String kind, Severity severity, String summary, Signal signal,
                            String runbookUrl) {

    public FailureReport {
        text(component, "component");
        text(kind, "kind");
        required(severity, "severity");
        text(summary, "summary");
        required(signal, "signal");
        optionalAbsoluteUri(runbookUrl, "runbookUrl");
    }
}
