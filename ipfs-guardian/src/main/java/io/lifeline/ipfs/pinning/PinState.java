package io.lifeline.ipfs.pinning;

/** A pinning service's view of one CID: its best pin request, if any. */
public record PinState(String service, String status, String requestId) {

    public static final String NONE = "none";

    public boolean pinned() {
        return "pinned".equals(status);
    }

    /** queued or pinning: the service is working on it. */
    public boolean pending() {
        return "queued".equals(status) || "pinning".equals(status);
    }
}
