package io.lifeline.events.ipfs;

import static io.lifeline.events.internal.Checks.CID;
import static io.lifeline.events.internal.Checks.matches;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * Missing content was fetched from {@code source} and pinned to {@code pinnedTo}.
 *
 * @param incidentId the incident it answers; null when repinned before any incident was raised
 */
public record IpfsContentRepinned(String cid, String songId, String pinnedTo, String source, String incidentId,
                                  Instant pinnedAt) {

    public IpfsContentRepinned {
        matches(cid, "cid", CID);
        optionalText(songId, "songId");
        text(pinnedTo, "pinnedTo");
        text(source, "source");
        optionalText(incidentId, "incidentId");
        required(pinnedAt, "pinnedAt");
    }
}
