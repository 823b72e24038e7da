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
 * No known copy is left: the artist must re-upload and the catalog must get a new CID.
 *
 * @param checked every node and gateway that was asked
 */
public record IpfsContentLost(String cid, String songId, List<String> checked, String incidentId,
                              Instant declaredAt) {

    public IpfsContentLost {
        matches(cid, "cid", CID);
        optionalText(songId, "songId");
        checked = nonEmptyList(textList(checked, "checked"), "checked");
        optionalText(incidentId, "incidentId");
        required(declaredAt, "declaredAt");
    }
}
