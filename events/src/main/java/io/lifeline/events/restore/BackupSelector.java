package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which backup a restore should use. Exactly the fields its kind needs are set, so a selector can
 * never be ambiguous (an {@code id} selector with a {@code before} time would be).
 *
 * @param kind     {@code id}, {@code latest-verified} or {@code latest-before}
 * @param backupId set for {@code id} only
 * @param before   set for {@code latest-before} only: the newest backup taken strictly before this instant
 */
public record BackupSelector(String kind, String backupId, Instant before) {

    public static final String KIND_ID = "id";
    public static final String KIND_LATEST_VERIFIED = "latest-verified";
    public static final String KIND_LATEST_BEFORE = "latest-before";
    public static final Set<String> KINDS = Set.of(KIND_ID, KIND_LATEST_VERIFIED, KIND_LATEST_BEFORE);

    public BackupSelector {
        oneOf(kind, "kind", KINDS);
        if (KIND_ID.equals(kind)) {
            text(backupId, "backupId");
        } else if (backupId != null) {
            throw new IllegalArgumentException("backupId is only allowed when kind is '" + KIND_ID + "'");
        }
        if (KIND_LATEST_BEFORE.equals(kind)) {
            Objects.requireNonNull(before, "before is required when kind is '" + KIND_LATEST_BEFORE + "'");
        } else if (before != null) {
            throw new IllegalArgumentException("before is only allowed when kind is '" + KIND_LATEST_BEFORE + "'");
        }
    }

    public static BackupSelector id(String backupId) {
        return new BackupSelector(KIND_ID, backupId, null);
    }

    public static BackupSelector latestVerified() {
        return new BackupSelector(KIND_LATEST_VERIFIED, null, null);
    }

    public static BackupSelector latestBefore(Instant before) {
        return new BackupSelector(KIND_LATEST_BEFORE, null, before);
    }
}
