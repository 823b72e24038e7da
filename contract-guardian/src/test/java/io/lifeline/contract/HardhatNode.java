package io.lifeline.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lifeline.testsupport.FreePorts;

/**
 * A real local chain for tests: {@code hardhat node} (npm hardhat 2.29.1, chain id 31337) from
 * infra/chain on a free loopback port. Installs the npm packages with {@code npm ci} when they are
 * missing and compiles the test contracts with solc ({@code node compile.js --if-needed}).
 */
public final class HardhatNode implements AutoCloseable {

    private final Process process;
    private final int port;

    private HardhatNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** infra/chain of this repository (tests run in the module folder). */
    public static Path chainDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("infra/chain/package.json");
            if (Files.exists(candidate)) {
                return candidate.getParent();
            }
        }
        throw new IllegalStateException("infra/chain not found above " + here);
    }

    /** npm ci when node_modules is missing, then compile the contracts if their sources changed. */
    public static synchronized void prepare() {
        Path dir = chainDir();
        if (!Files.isDirectory(dir.resolve("node_modules/hardhat"))) {
            run(dir, Duration.ofMinutes(10), "npm", "ci", "--no-audit", "--no-fund");
        }
        run(dir, Duration.ofMinutes(2), "node", "compile.js", "--if-needed");
    }

    public static HardhatNode start() {
        prepare();
        Path dir = chainDir();
        int port = FreePorts.next();
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("node_modules/.bin/hardhat").toString(), "node",
                "--hostname", "127.0.0.1", "--port", Integer.toString(port))
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start hardhat node", e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        if (output.length() < 20_000) {
                            output.append(line).append('\n');
                        }
                    }
                    if (line.contains("Started HTTP and WebSocket JSON-RPC server")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the node stopped
            }
        }, "hardhat-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("hardhat node did not start within 90 s:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
        return new HardhatNode(process, port);
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void run(Path dir, Duration timeout, String... command) {
        try {
            Path log = Files.createTempFile("lifeline-chain-", ".log");
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Instant deadline = Instant.now().plus(timeout);
            if (!p.waitFor(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            String out = Files.readString(log);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
