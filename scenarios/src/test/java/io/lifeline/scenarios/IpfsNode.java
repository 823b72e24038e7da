package io.lifeline.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The local run's IPFS node through its Kubo RPC API, as an operator's {@code ipfs} CLI would use it. */
final class IpfsNode {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    IpfsNode(String api) {
        this.api = api;
    }

    /** {@code ipfs add}: the content's CID (pinned). */
    String add(byte[] content) {
        String boundary = "scenario" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"song\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v0/add"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30)).build();
        try {
            return JSON.readTree(send(request)).path("Hash").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] blockGet(String cid) {
        return send(call("block/get", cid));
    }

    byte[] cat(String cid) {
        return send(call("cat", cid));
    }

    /** {@code ipfs pin ls --type=recursive CID}: the node answers an error for a CID it does not pin. */
    boolean pinned(String cid) {
        try {
            HttpResponse<String> response = http.send(call("pin/ls", cid, "type=recursive"),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(cid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The content is gone from the node: unpinned and garbage-collected. */
    void remove(String cid) {
        send(call("pin/rm", cid));
        send(HttpRequest.newBuilder(URI.create(api + "/api/v0/repo/gc")).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60)).build());
    }

    private HttpRequest call(String command, String cid, String... extra) {
        StringBuilder url = new StringBuilder(api + "/api/v0/" + command + "?arg=" + URLEncoder.encode(cid, StandardCharsets.UTF_8));
        for (String e : extra) {
            url.append('&').append(e);
        }
        return HttpRequest.newBuilder(URI.create(url.toString())).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build();
    }

    private byte[] send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError(request.uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
