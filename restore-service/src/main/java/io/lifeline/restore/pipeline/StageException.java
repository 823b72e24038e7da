package io.lifeline.restore.pipeline;

/** A restore stopped: where ({@code stage}) and why, in words fit for an event (no secrets). */
public class StageException extends Exception {

    private final String stage;

    public StageException(String stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    public StageException(String stage, String reason, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
