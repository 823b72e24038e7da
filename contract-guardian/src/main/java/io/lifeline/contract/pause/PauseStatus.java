package io.lifeline.contract.pause;

/** How a pause (or unpause) attempt stands. */
public final class PauseStatus {

    /** approval mode: waits for POST /pauses/{id}/approve. */
    public static final String AWAITING_APPROVAL = "awaiting-approval";
    /** paused() was already true: nothing sent. */
    public static final String ALREADY_PAUSED = "already-paused";
    /** dry-run: simulated, nothing sent. */
    public static final String DRY_RUN = "dry-run";
    /** the second RPC disagreed: nothing sent. */
    public static final String RPC_DISAGREE = "rpc-disagree";
    /** eth_call simulation reverted: nothing sent. */
    public static final String SIMULATION_FAILED = "simulation-failed";
    public static final String SENT = "sent";
    /** mined with status 1. */
    public static final String CONFIRMED = "confirmed";
    public static final String FAILED = "failed";
    /** unpause: refused before sending (not paused, or the key lacks the right). */
    public static final String REFUSED = "refused";

    private PauseStatus() {
    }
}
