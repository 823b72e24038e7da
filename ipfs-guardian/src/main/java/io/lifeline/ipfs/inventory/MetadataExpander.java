package io.lifeline.ipfs.inventory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.InvalidCidException;
import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.node.NodeException;
import io.lifeline.ipfs.node.Vantages;

/**
 * A song's CID is often a metadata JSON document whose fields point at the audio and the cover
 * art ({@code "audio": "ipfs://<cid>"}). Those CIDs must be protected too: the first time a
 * song's CID is on the node, its content is read (if small) and every CID it names is added to the
 * inventory under the field's name. Audio files themselves are not JSON and are left alone.
 */
@ApplicationScoped
public class MetadataExpander {

    private static final Logger LOG = Logger.getLogger(MetadataExpander.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vantages vantages;
    private final InventorySync inventory;
    private final GuardianConfig config;

    public MetadataExpander(Vantages vantages, InventorySync inventory, GuardianConfig config) {
        this.vantages = vantages;
        this.inventory = inventory;
        this.config = config;
    }

    public void expand(CidRecord r, Cid cid) {
        if (r.expanded || !"song".equals(r.role)) {
            return;
        }
        byte[] content;
        try {
            content = vantages.node().cat(cid, config.maxMetadataBytes());
        } catch (NodeException e) {
            // Too large or not a file: not a metadata document.
            r.expanded = true;
            return;
        }
        Map<String, String> children = new LinkedHashMap<>();
        if (content.length > 0 && (content[0] == '{' || content[0] == '[' || Character.isWhitespace(content[0]))) {
            try {
                collect(JSON.readTree(content), "metadata", children);
            } catch (IOException e) {
                // not JSON: an audio file or an image stored directly
            }
        }
        for (Map.Entry<String, String> child : children.entrySet()) {
            if (child.getKey().equals(cid.toString())) {
                continue;
            }
            try {
                inventory.addChild(r.songId, child.getKey(), child.getValue(), r.cid);
            } catch (SQLException e) {
                LOG.warnf("song %s: could not record %s (%s)", r.songId, child.getKey(), e.getMessage());
                return;
            }
        }
        if (!children.isEmpty()) {
            LOG.infof("song %s: metadata %s references %s", r.songId, r.cid, children);
        }
        r.expanded = true;
    }

    private static void collect(JsonNode node, String field, Map<String, String> out) {
        if (node.isTextual()) {
            cidIn(node.asText()).ifPresent(cid -> out.putIfAbsent(cid, field));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), e.getKey(), out);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, field, out));
        }
    }

    /** {@code ipfs://CID[/path]}, {@code /ipfs/CID}, {@code https://gw/ipfs/CID} or a bare CID. */
    static java.util.Optional<String> cidIn(String text) {
        String s = text.trim();
        int at = s.indexOf("/ipfs/");
        if (s.startsWith("ipfs://")) {
            s = s.substring("ipfs://".length());
        } else if (at >= 0) {
            s = s.substring(at + "/ipfs/".length());
        } else if (s.length() < 46 || s.length() > 100) {
            return java.util.Optional.empty();
        }
        int end = s.indexOf('/');
        if (end >= 0) {
            s = s.substring(0, end);
        }
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        try {
            return java.util.Optional.of(Cid.parse(s).toString());
        } catch (InvalidCidException e) {
            return java.util.Optional.empty();
        }
    }
}
