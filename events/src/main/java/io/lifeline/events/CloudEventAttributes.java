package io.lifeline.events;

/**
 * The CloudEvents 1.0 attributes Lifeline sets on every event (the Kafka connector writes them as
 * {@code ce_*} headers).
 */
public final class CloudEventAttributes {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final String SOURCE_PREFIX = "urn:lifeline:";

    private CloudEventAttributes() {
    }

    /** The {@code source} of a service's events, e.g. {@code urn:lifeline:health-monitor}. */
    public static String source(String serviceName) {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("serviceName is required");
        }
        if (!serviceName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            // A URN part cannot hold spaces or slashes; the service name is the module name anyway.
            throw new IllegalArgumentException("serviceName must match [A-Za-z0-9][A-Za-z0-9._-]*");
        }
        return SOURCE_PREFIX + serviceName;
    }
}
