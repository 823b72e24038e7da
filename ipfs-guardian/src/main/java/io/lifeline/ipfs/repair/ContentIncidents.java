package io.lifeline.ipfs.repair;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.EventJson;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Incident;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.inventory.CidRecord;
import io.lifeline.ipfs.inventory.PlatformSongs;
import io.lifeline.ipfs.messaging.IpfsEventPublisher;

/**
 * Incidents about content: lost (high, names the song, the artist and the artist's address so
 * that the plan's re-upload step can start) and under-replicated (medium). One incident per song
 * and kind; the open incident is kept on the CID's row so that a restart neither forgets it nor
 * opens it twice.
 */
@ApplicationScoped
public class ContentIncidents {

    public static final String LOST = "ipfs.content.lost";
    public static final String UNDER_REPLICATED = "ipfs.content.under-replicated";
    private static final Logger LOG = Logger.getLogger(ContentIncidents.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    private final IncidentTracker tracker;
    private final IpfsEventPublisher events;
    private final PlatformSongs platform;
    private final GuardianConfig config;

    public ContentIncidents(IncidentTracker tracker, IpfsEventPublisher events, PlatformSongs platform,
            GuardianConfig config) {
        this.tracker = tracker;
        this.events = events;
        this.platform = platform;
        this.config = config;
    }

    public static String component(CidRecord r) {
        return r.songId != null ? "song/" + r.songId : "cid/" + r.cid;
    }

    /** Restores the open incidents kept on the rows (at startup). */
    public void restore(List<CidRecord> rows) {
        List<Incident> open = new ArrayList<>();
        for (CidRecord r : rows) {
            try {
                open.add(JSON.readValue(r.incident, Incident.class));
            } catch (JsonProcessingException e) {
                LOG.warnf("cid %s: its stored incident cannot be read (%s); it will be raised again if still true",
                        r.cid, e.getOriginalMessage());
            }
        }
        tracker.restore(open);
    }

    public String openIncidentId(CidRecord r) {
        return tracker.find(component(r), LOST).or(() -> tracker.find(component(r), UNDER_REPLICATED))
                .map(Incident::id).orElse(null);
    }

    /** Declares the CID lost: the event and the incident, once (a lost CID stays lost until it changes). */
    public void lost(CidRecord r, Cid cid, List<String> checked) {
        if (CidRecord.LOST.equals(r.state) && r.incident != null) {
            return;
        }
        Optional<PlatformSongs.Song> song = Optional.empty();
        if (r.songId != null) {
            try {
                song = platform.song(r.songId);
            } catch (SQLException e) {
                LOG.warnf("song %s: the platform database did not answer (%s); incident without artist details",
                        r.songId, e.getMessage());
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("cid", cid.toString());
        detail.put("role", r.role);
        detail.put("checked", List.copyOf(checked));
        if (r.songId != null) {
            detail.put("songId", r.songId);
        }
        song.ifPresent(s -> {
            put(detail, "title", s.title());
            put(detail, "artist", s.artist());
            put(detail, "artistAddress", s.artistAddress());
        });
        String who = song.map(s -> "song '" + s.title() + "' (" + s.id() + ") by " + s.artist() + " ("
                + s.artistAddress() + ")").orElse(r.songId != null ? "song " + r.songId : "no known song");
        String summary = "IPFS content lost: the " + r.role + " " + cid + " of " + who + " is on none of "
                + String.join(", ", checked) + ". Ask the artist to re-upload and set the new CID on the song.";
        Signal signal = new Signal(LOST, "ipfs-guardian/" + cid, Instant.now(), detail);
        IncidentChange change = tracker.failure(new FailureReport(component(r), LOST, Severity.HIGH,
                summary.length() > 1000 ? summary.substring(0, 1000) : summary, signal,
                config.lostRunbookUrl().orElse(null)));
        OnWorker.await(() -> events.incidentChanged(change));
        OnWorker.await(() -> events.lost(new IpfsContentLost(cid.toString(), r.songId, List.copyOf(checked),
                change.incidentId(), Instant.now())));
        r.incident = stored(component(r), LOST);
    }

    /** Content declared lost came back (re-uploaded under the same CID, or a gateway got it again). */
    public void foundAgain(CidRecord r, String where) {
        resolve(r, LOST, "the content " + r.cid + " is available again (" + where + ")");
    }

    /** The song now points at another CID: the lost one is no longer needed. */
    public void replaced(CidRecord r, String newCid) {
        resolve(r, LOST, "song " + r.songId + " has a new CID " + newCid + "; " + r.cid + " is no longer needed");
    }

    public void underReplicated(CidRecord r, int replicas, int target, List<String> foundAt) {
        String summary = "IPFS content under-replicated: " + r.cid + (r.songId == null ? "" : " of song " + r.songId)
                + " has " + replicas + " of " + target + " copies (at " + String.join(", ", foundAt) + ")";
        Signal signal = new Signal(UNDER_REPLICATED, "ipfs-guardian/" + r.cid, Instant.now(),
                Map.of("cid", r.cid, "replicas", replicas, "target", target, "foundAt", List.copyOf(foundAt)));
        IncidentChange change = tracker.failure(new FailureReport(component(r), UNDER_REPLICATED, Severity.MEDIUM,
                summary, signal, null));
        OnWorker.await(() -> events.incidentChanged(change));
        r.incident = stored(component(r), UNDER_REPLICATED);
    }

    public void replicated(CidRecord r) {
        resolve(r, UNDER_REPLICATED, r.cid + " is back at its replication target");
    }

    private void resolve(CidRecord r, String kind, String resolution) {
        tracker.recovered(component(r), kind, resolution)
                .ifPresent(resolved -> OnWorker.await(() -> events.incidentResolved(resolved)));
        if (tracker.find(component(r), LOST).isEmpty() && tracker.find(component(r), UNDER_REPLICATED).isEmpty()) {
            r.incident = null;
        }
    }

    private String stored(String component, String kind) {
        return tracker.find(component, kind).map(incident -> {
            try {
                return JSON.writeValueAsString(incident);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null);
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
