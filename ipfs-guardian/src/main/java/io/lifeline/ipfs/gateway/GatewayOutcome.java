package io.lifeline.ipfs.gateway;

/**
 * What one gateway said about one CID.
 *
 * @param block the raw block, verified against the CID, when {@code kind} is {@link Kind#VERIFIED}
 */
public record GatewayOutcome(String gateway, Kind kind, int status, String detail, byte[] block) {

    public enum Kind {
        /** The raw block came back and its hash matches the CID. */
        VERIFIED,
        /** 404, 410, 451, or 412 to only-if-cached followed by a 404: it does not have it. */
        ABSENT,
        /** 429, 502, 504, 5xx, timeouts, connection errors: ask again later. */
        TRANSIENT,
        /** It answered 200 with bytes that do not hash to the CID (or more than allowed): a lying gateway. */
        BAD_BYTES,
        /** Its circuit is open: not asked. */
        SKIPPED
    }

    public boolean found() {
        return kind == Kind.VERIFIED;
    }

    @Override
    public String toString() {
        return gateway + ":" + kind.name().toLowerCase() + (status > 0 ? "(" + status + ")" : "")
                + (detail == null ? "" : " " + detail);
    }
}
