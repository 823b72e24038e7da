package io.lifeline.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A public IPFS gateway as ipfs-guardian asks it (the trustless gateway spec, raw blocks only):
 * {@code HEAD} and {@code GET /ipfs/{cid}?format=raw} answer the block's bytes for the CIDs it
 * holds and 404 for the rest — the "found elsewhere" of the plan's Scenario 5.
 */
final class TrustlessGateway implements AutoCloseable {

    private final Map<String, byte[]> blocks = new ConcurrentHashMap<>();
    private final HttpServer server;

    TrustlessGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/ipfs/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void serve(String cid, byte[] block) {
        blocks.put(cid, block);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String cid = exchange.getRequestURI().getPath().substring("/ipfs/".length());
        byte[] block = blocks.get(cid);
        if (block == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.ipld.raw");
        exchange.getResponseHeaders().set("Etag", "\"" + cid + ".raw\"");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, block.length);
            exchange.getResponseBody().write(block);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
