package io.lifeline.events.ipfs;

import static io.lifeline.events.internal.Checks.CID;
import static io.lifeline.events.internal.Checks.matches;
import static io.lifeline.events.internal.Checks.nonEmptyList;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.List;

/**
 * Content is missing from at least one place it should be (our node's pins, a gateway).
 *
 * @param songId      the song whose audio, cover or metadata this is; null when not tied to a song
 * @param missingFrom where it was not found (node or gateway names)
 * @param foundAt     where it still is; empty means no known copy is left
 */
public record IpfsContentMissing(String cid, String songId, List<String> missingFrom, List<String> foundAt,
                                 Instant checkedAt) {

    public IpfsContentMissing {
        matches(cid, "cid", CID);
        optionalText(songId, "songId");
        missingFrom = nonEmptyList(textList(missingFrom, "missingFrom"), "missingFrom");
        foundAt = textList(foundAt, "foundAt");
        required(checkedAt, "checkedAt");
    }
}
