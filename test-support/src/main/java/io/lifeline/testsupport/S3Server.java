package io.lifeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy, filesystem storage in a temporary folder) running as its
 * own process on a free loopback port, with fresh random credentials and one empty bucket.
 * It runs out of process so that its Jetty and jclouds never meet the service under test.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path workDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;

    private S3Server(Process process, Path workDir, int port, String accessKey, String secretKey, String bucket) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.bucket = bucket;
    }

    public static S3Server start(String bucket) {
        Path jar = locateJar();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("lifeline-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = FreePorts.next();
        String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = UUID.randomUUID().toString();
        Process process = null;
        try {
            Path data = Files.createDirectories(workDir.resolve("data"));
            Properties props = new Properties();
            props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
            props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            props.setProperty("s3proxy.identity", accessKey);
            props.setProperty("s3proxy.credential", secretKey);
            props.setProperty("s3proxy.ignore-unknown-headers", "true");
            props.setProperty("jclouds.provider", "filesystem");
            props.setProperty("jclouds.filesystem.basedir", data.toString());
            Path propsFile = workDir.resolve("s3proxy.properties");
            try (var out = Files.newOutputStream(propsFile)) {
                props.store(out, "written by Lifeline test-support");
            }
            Path log = workDir.resolve("s3proxy.log");
            process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                    "--properties", propsFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitPort(process, port, log);
            S3Server server = new S3Server(process, workDir, port, accessKey, secretKey, bucket);
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket(bucket));
            }
            return server;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            KafkaBroker.deleteRecursively(workDir);
            throw new IllegalStateException("the S3 test server (s3proxy) did not start: " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String bucket() {
        return bucket;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** An AWS SDK v2 client configured the way Lifeline's services talk to S3-compatible servers. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public boolean isRunning() {
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
        } finally {
            KafkaBroker.deleteRecursively(workDir);
        }
    }

    /** The server jar: the build passes its local-repository path; the default repository is the fallback. */
    static Path locateJar() {
        String configured = System.getProperty("lifeline.s3proxy.jar", System.getenv("LIFELINE_S3PROXY_JAR"));
        List<Path> candidates = configured != null && !configured.isBlank()
                ? List.of(Paths.get(configured))
                : List.of(Paths.get(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy",
                        "4.1.0", "s3proxy-4.1.0-jar-with-dependencies.jar"));
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("s3proxy jar not found at " + candidates
                        + ": build through Maven (test-support fetches it) or set LIFELINE_S3PROXY_JAR"));
    }

    private static void awaitPort(Process process, int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for s3proxy", e);
                }
            }
        }
        throw new IllegalStateException("s3proxy not listening on " + port + " after " + STARTUP_TIMEOUT + ": " + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
