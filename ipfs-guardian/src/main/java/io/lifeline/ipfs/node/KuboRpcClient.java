package io.lifeline.ipfs.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.ipfs.cid.Cid;

/**
 * The Kubo RPC API (every call a POST to {@code /api/v0/<command>}), as served by Kubo and by
 * js-ipfs. Blocking: called from the check workers, never from the event loop.
 */
public class KuboRpcClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String apiUrl;
    private final Duration timeout;
    private final Duration localTimeout;

    public KuboRpcClient(HttpClient http, String apiUrl, Duration timeout) {
        this(http, apiUrl, timeout, timeout);
    }

    public KuboRpcClient(HttpClient http, String apiUrl, Duration timeout, Duration localTimeout) {
        this.http = http;
        this.localTimeout = localTimeout;
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.timeout = timeout;
    }

    public String version() {
        return call("version", "", timeout).path("Version").asText();
    }

    /** True when the CID is pinned recursively; an unpinned CID is an error in the API, mapped to false. */
    public boolean pinned(Cid cid) {
        try {
            JsonNode keys = call("pin/ls", "arg=" + cid + "&type=recursive", timeout).path("Keys");
            return keys.size() > 0;
        } catch (NodeException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase().contains("not pinned")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * True when the node holds the block itself. {@code offline=true} (Kubo) and a short
     * {@code timeout} (js-ipfs) keep the node from searching the network for it.
     */
    public boolean hasBlock(Cid cid) {
        try {
            call("block/stat", "arg=" + cid + "&offline=true&timeout=" + millis(localTimeout),
                    localTimeout.plusSeconds(2));
            return true;
        } catch (NodeException e) {
            return false;
        }
    }

    /** Pins recursively; the node fetches what it lacks itself (bounded by {@code within}). */
    public void pinAdd(Cid cid, Duration within) {
        call("pin/add", "arg=" + cid + "&recursive=true&timeout=" + millis(within), within.plusSeconds(2));
    }

    public void pinRm(Cid cid) {
        call("pin/rm", "arg=" + cid, timeout);
    }

    /** Stores a block the caller already verified against {@code cid}; returns the CID the node computed. */
    public String blockPut(Cid cid, byte[] block) {
        String codec = cid.codec() == Cid.DAG_PB ? "dag-pb" : cid.codec() == Cid.RAW ? "raw" : "dag-cbor";
        String query = "cid-codec=" + codec + "&format=" + codec + "&mhtype=sha2-256&version=" + cid.version();
        JsonNode answer = multipart("block/put", query, block, timeout);
        return answer.path("Key").asText();
    }

    /** Adds bytes as a file (tests and the local demo use it); returns the CID. */
    /** Imports a CAR (already verified by the caller); the caller pins the root afterwards. */
    public void dagImport(byte[] car) {
        multipart("dag/import", "pin-roots=false", car, timeout);
    }

    public String add(byte[] content, boolean cidV1) {
        String query = cidV1 ? "cid-version=1&raw-leaves=true&pin=true" : "pin=true";
        return multipart("add", query, content, timeout).path("Hash").asText();
    }

    /** The content of a file, at most {@code maxBytes} (more is an error: metadata must be small). */
    public byte[] cat(Cid cid, int maxBytes) {
        HttpRequest request = post("cat", "arg=" + cid + "&timeout=" + millis(timeout), timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(maxBytes + 1);
                if (response.statusCode() != 200) {
                    throw new NodeException(message(response.statusCode(), body));
                }
                if (body.length > maxBytes) {
                    throw new NodeException("content larger than " + maxBytes + " bytes");
                }
                return body;
            }
        } catch (IOException e) {
            throw new NodeException("node unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted");
        }
    }

    /** Raw block bytes (tests use it to serve a stub gateway what the node holds). */
    public byte[] blockGet(Cid cid) {
        HttpRequest request = post("block/get", "arg=" + cid + "&timeout=" + millis(timeout), timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new NodeException(message(response.statusCode(), response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new NodeException("node unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted");
        }
    }

    /** Any command answering one JSON document (or several lines: the last one counts). */
    public JsonNode call(String command, String query, Duration within) {
        HttpRequest request = post(command, query, within).POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request);
    }

    private JsonNode multipart(String command, String query, byte[] content, Duration within) {
        String boundary = "lifeline-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest request = post(command, query, within)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(request);
    }

    private HttpRequest.Builder post(String command, String query, Duration within) {
        String uri = apiUrl + "/api/v0/" + command + (query.isEmpty() ? "" : "?" + query);
        return HttpRequest.newBuilder(URI.create(uri)).timeout(within);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().trim();
            if (response.statusCode() != 200) {
                throw new NodeException(message(response.statusCode(), body.getBytes(StandardCharsets.UTF_8)));
            }
            if (body.isEmpty()) {
                return JSON.createObjectNode();
            }
            int lastLine = body.lastIndexOf('\n');
            return JSON.readTree(lastLine < 0 ? body : body.substring(lastLine + 1));
        } catch (java.net.http.HttpTimeoutException e) {
            throw new NodeException("node timed out after " + request.timeout().orElse(timeout).toMillis() + " ms", e);
        } catch (IOException e) {
            throw new NodeException("node unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted");
        }
    }

    private static String message(int status, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        try {
            JsonNode error = JSON.readTree(text);
            if (error.hasNonNull("Message")) {
                return "node error " + status + ": " + error.get("Message").asText();
            }
        } catch (IOException ignored) {
            // not JSON: report the text itself
        }
        return "node error " + status + ": " + text;
    }

    private static String millis(Duration d) {
        return URLEncoder.encode(d.toMillis() + "ms", StandardCharsets.UTF_8);
    }
}
