import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The parts of bench/ipfs/run that are not the guardian itself (Java 17 source-file mode, JDK only):
 *
 * <pre>
 * prepare N CAR CSV          N small raw blocks (CIDv1, raw, sha2-256): one CAR v1 holding them all with
 *                            every block a root (dag/import pins each), and the songs rows as CSV
 * serve PORT N NAME...       stub trustless gateways /NAME/ipfs/CID?format=raw (HEAD 200, GET the block),
 *                            and a stub node at /node: the Kubo RPC calls a check makes (version, pin/ls,
 *                            block/stat, cat) answered from memory, every block pinned
 * floor API GATEWAY N C NAME...  the same HTTP work as one steady check per CID (node pin/ls, per
 *                            gateway HEAD + raw GET + SHA-256 of the bytes) on C threads, nothing
 *                            else: no database, no Kafka. Prints "elapsedMs=..." and "failures=..."
 * </pre>
 *
 * The blocks are a deterministic function of their index, so every step derives the same CIDs.
 */
public final class IpfsBench {

    private static final byte[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Arrays.copyOfRange(args, 3, args.length));
            case "floor" -> floor(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Arrays.copyOfRange(args, 5, args.length));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static byte[] block(int i) {
        return ("lifeline ipfs bench block " + i + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** CIDv1 bytes: version 1, codec raw (0x55), multihash sha2-256 (0x12, 32 bytes). */
    static byte[] cidBytes(byte[] block) {
        byte[] digest = sha256(block);
        byte[] cid = new byte[4 + digest.length];
        cid[0] = 0x01;
        cid[1] = 0x55;
        cid[2] = 0x12;
        cid[3] = 0x20;
        System.arraycopy(digest, 0, cid, 4, digest.length);
        return cid;
    }

    static String cidText(byte[] cid) {
        StringBuilder out = new StringBuilder("b");
        int buffer = 0;
        int bits = 0;
        for (byte b : cid) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append((char) BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append((char) BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    static void prepare(int n, Path car, Path csv) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(car), 1 << 16);
                PrintWriter rows = new PrintWriter(Files.newBufferedWriter(csv))) {
            // Header: dag-cbor {"roots": [CID...], "version": 1} (canonical key order: shorter key first).
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write(0xa2);
            cborText(header, "roots");
            cborHead(header, 4, n);
            for (int i = 0; i < n; i++) {
                byte[] cid = cidBytes(block(i));
                header.write(0xd8); // tag 42: a CID, as bytes with a leading 0x00 (identity multibase)
                header.write(42);
                cborHead(header, 2, cid.length + 1);
                header.write(0);
                header.write(cid);
            }
            cborText(header, "version");
            header.write(0x01);
            varint(out, header.size());
            header.writeTo(out);
            for (int i = 0; i < n; i++) {
                byte[] data = block(i);
                byte[] cid = cidBytes(data);
                varint(out, cid.length + data.length);
                out.write(cid);
                out.write(data);
                String text = cidText(cid);
                rows.printf(Locale.ROOT, "bench-%d,Bench song %d,Artist %d,0x%040x,bench,%s,%s%n", i, i, i % 997, i,
                        text, text);
            }
        }
    }

    static void serve(int port, int n, String[] names) throws IOException {
        Map<String, byte[]> blocks = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            byte[] data = block(i);
            blocks.put(cidText(cidBytes(data)), data);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        for (String name : names) {
            String prefix = "/" + name + "/ipfs/";
            server.createContext(prefix, exchange -> answer(exchange, blocks, prefix));
        }
        server.createContext("/node/api/v0/", exchange -> node(exchange, blocks));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("stub gateways and node ready on " + port);
    }

    private static void answer(HttpExchange exchange, Map<String, byte[]> blocks, String prefix) throws IOException {
        try (exchange) {
            String cid = exchange.getRequestURI().getPath().substring(prefix.length());
            byte[] data = blocks.get(cid);
            if (data == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.ipld.raw");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(data.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, data.length);
            exchange.getResponseBody().write(data);
        }
    }

    private static void node(HttpExchange exchange, Map<String, byte[]> blocks) throws IOException {
        try (exchange) {
            String command = exchange.getRequestURI().getPath().substring("/node/api/v0/".length());
            String query = exchange.getRequestURI().getRawQuery();
            String cid = "";
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("arg=")) {
                    cid = pair.substring(4);
                }
            }
            byte[] data = blocks.get(cid);
            String json;
            int status = 200;
            switch (command) {
                case "version" -> json = "{\"Version\":\"0.0.0-bench-stub\"}";
                case "pin/ls" -> {
                    json = data != null ? "{\"Keys\":{\"" + cid + "\":{\"Type\":\"recursive\"}}}"
                            : "{\"Message\":\"path '" + cid + "' is not pinned\",\"Code\":0,\"Type\":\"error\"}";
                    status = data != null ? 200 : 500;
                }
                case "block/stat" -> {
                    json = data != null ? "{\"Key\":\"" + cid + "\",\"Size\":" + data.length + "}"
                            : "{\"Message\":\"block not found\",\"Code\":0,\"Type\":\"error\"}";
                    status = data != null ? 200 : 500;
                }
                case "cat" -> {
                    if (data != null) {
                        exchange.sendResponseHeaders(200, data.length);
                        exchange.getResponseBody().write(data);
                        return;
                    }
                    json = "{\"Message\":\"not found\",\"Code\":0,\"Type\":\"error\"}";
                    status = 500;
                }
                default -> {
                    json = "{\"Message\":\"the bench stub does not answer " + command + "\",\"Code\":0,\"Type\":\"error\"}";
                    status = 500;
                }
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    static void floor(String api, String gatewayBase, int n, int threads, String[] names) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                // Two attempts, as the guardian makes for a transient failure (lifeline.ipfs.attempts).
                for (int attempt = 1; attempt <= 2; attempt++) {
                    try {
                        if (checkOnce(http, api, gatewayBase, names, index)) {
                            return;
                        }
                    } catch (IOException e) {
                        if (attempt == 2) {
                            failures.incrementAndGet();
                            return;
                        }
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    failures.incrementAndGet(); // a wrong answer is not retried
                    return;
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        System.out.println("elapsedMs=" + elapsed);
        System.out.println("failures=" + failures.get());
    }

    private static boolean checkOnce(HttpClient http, String api, String gatewayBase, String[] names, int index)
            throws IOException, InterruptedException {
        byte[] data = block(index);
        String cid = cidText(cidBytes(data));
        String pins = post(http, api + "/api/v0/pin/ls?arg=" + cid + "&type=recursive");
        boolean ok = pins.contains("\"Keys\"");
        for (String name : names) {
            URI uri = URI.create(gatewayBase + "/" + name + "/ipfs/" + cid + "?format=raw");
            int head = http.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Cache-Control", "only-if-cached").header("Accept", "application/vnd.ipld.raw").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            byte[] raw = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/vnd.ipld.raw").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            ok &= head == 200 && Arrays.equals(sha256(raw), sha256(data));
        }
        return ok;
    }

    private static String post(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void cborHead(ByteArrayOutputStream out, int major, long value) {
        int type = major << 5;
        if (value < 24) {
            out.write(type | (int) value);
        } else if (value < 256) {
            out.write(type | 24);
            out.write((int) value);
        } else if (value < 65536) {
            out.write(type | 25);
            out.write((int) (value >> 8));
            out.write((int) value);
        } else {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >> shift));
            }
        }
    }

    private static void cborText(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cborHead(out, 3, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(OutputStream out, long value) throws IOException {
        while (value >= 0x80) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
