package io.lifeline.backup.pipeline;

import java.util.List;

/** A backup failed at a named stage, with a reason fit for people (never a credential). */
public class BackupStageException extends Exception {

    private final String stage;
    private final List<String> copiesKept;

    public BackupStageException(String stage, String reason) {
        this(stage, reason, List.of());
    }

    public BackupStageException(String stage, String reason, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
        this.copiesKept = List.of();
    }

    /** A failure after which some complete copies remain usable (e.g. one location failed verification). */
    public BackupStageException(String stage, String reason, List<String> copiesKept) {
        super(reason);
        this.stage = stage;
        this.copiesKept = List.copyOf(copiesKept);
    }

    public String stage() {
        return stage;
    }

    public List<String> copiesKept() {
        return copiesKept;
    }
}
