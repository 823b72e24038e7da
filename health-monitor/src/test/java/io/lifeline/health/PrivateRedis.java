package io.lifeline.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lifeline.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A redis-server of the tests' own on a free port (never the machine's), which tests kill and restart. */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private Path dir;
    private int port;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lifeline-hm-redis");
            port = FreePorts.next();
            start(dir, port);
            return Map.of(
                    "lifeline.health.probes.redis.url", "redis://127.0.0.1:" + port,
                    "lifeline.test.redis.port", String.valueOf(port),
                    "lifeline.test.redis.dir", dir.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a private redis-server", e);
        }
    }

    static void start(Path dir, int port) {
        Processes.run(false, "redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "yes", "--dir", dir.toString(),
                "--pidfile", dir.resolve("redis.pid").toString(), "--logfile", dir.resolve("redis.log").toString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Files.exists(dir.resolve("redis.pid")) && ping(port));
    }

    static void kill(Path dir) {
        try {
            String pid = Files.readString(dir.resolve("redis.pid")).trim();
            Processes.run(false, "kill", "-9", pid);
            Files.deleteIfExists(dir.resolve("redis.pid"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ping(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] buf = new byte[7];
            return s.getInputStream().read(buf) > 0 && new String(buf).startsWith("+PONG");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // --- what tests use ------------------------------------------------------------------------------

    static void killNow() {
        kill(testDir());
    }

    static void restart() {
        start(testDir(), ConfigProvider.getConfig().getValue("lifeline.test.redis.port", Integer.class));
    }

    private static Path testDir() {
        return Path.of(ConfigProvider.getConfig().getValue("lifeline.test.redis.dir", String.class));
    }

    @Override
    public void stop() {
        if (dir != null && Files.exists(dir.resolve("redis.pid"))) {
            kill(dir);
        }
        if (dir != null) {
            Processes.run(false, "rm", "-rf", dir.toString());
        }
    }
}
