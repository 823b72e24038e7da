package io.lifeline.ipfs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeline.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real, private IPFS node for the tests: js-ipfs 0.66.1 from infra/ipfs (npm ci once if its
 * node_modules is missing), a fresh repo, API and gateway on free loopback ports, offline.
 */
public class IpfsNodeResource implements QuarkusTestResourceLifecycleManager {

    static final Path INFRA = Path.of("..", "infra", "ipfs").toAbsolutePath().normalize();

    private Process daemon;
    private Path repo;

    @Override
    public Map<String, String> start() {
        try {
            npmCi();
            repo = Files.createTempDirectory("lifeline-ipfs-");
            run(List.of("node", INFRA.resolve("node_modules/.bin/jsipfs").toString(), "init", "--profile", "test"),
                    Duration.ofMinutes(2));
            int api = FreePorts.next();
            int gateway = FreePorts.next();
            int rpc = FreePorts.next();
            Path configFile = repo.resolve("config");
            ObjectMapper json = new ObjectMapper();
            ObjectNode config = (ObjectNode) json.readTree(configFile.toFile());
            ObjectNode addresses = (ObjectNode) config.get("Addresses");
            addresses.put("API", "/ip4/127.0.0.1/tcp/" + api);
            addresses.put("Gateway", "/ip4/127.0.0.1/tcp/" + gateway);
            addresses.put("RPC", "/ip4/127.0.0.1/tcp/" + rpc);
            addresses.putArray("Swarm");
            addresses.putArray("Announce");
            config.putArray("Bootstrap");
            json.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
            File log = repo.resolve("daemon.log").toFile();
            daemon = builder(List.of("node", INFRA.resolve("node_modules/.bin/jsipfs").toString(), "daemon", "--offline"))
                    .redirectErrorStream(true).redirectOutput(log).start();
            String apiUrl = "http://127.0.0.1:" + api;
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await("js-ipfs answering on " + apiUrl).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        if (!daemon.isAlive()) {
                            throw new IllegalStateException("js-ipfs exited: " + Files.readString(log.toPath()));
                        }
                        return http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/v0/version"))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
            return Map.of("lifeline.ipfs.node.api-url", apiUrl,
                    "lifeline.test.ipfs-gateway-url", "http://127.0.0.1:" + gateway);
        } catch (IOException e) {
            throw new IllegalStateException("could not start js-ipfs: " + e.getMessage(), e);
        }
    }

    private void npmCi() throws IOException {
        if (Files.isDirectory(INFRA.resolve("node_modules/ipfs"))) {
            return;
        }
        ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(INFRA.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        waitFor(npm.start(), Duration.ofMinutes(10), "npm ci in " + INFRA);
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(INFRA.toFile());
        pb.environment().put("IPFS_PATH", repo.toString());
        pb.environment().put("NODE_OPTIONS", "--require " + INFRA.resolve("promise-with-resolvers.cjs"));
        return pb;
    }

    private void run(List<String> command, Duration timeout) throws IOException {
        waitFor(builder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start(),
                timeout, String.join(" ", command));
    }

    private static void waitFor(Process p, Duration timeout, String what) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit code " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (daemon != null) {
            daemon.descendants().forEach(ProcessHandle::destroy);
            daemon.destroy();
            try {
                if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (repo != null) {
            try (var files = Files.walk(repo)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp folder: best effort
            }
        }
    }
}
