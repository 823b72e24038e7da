package io.lifeline.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.backup.config.BackupConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The bucket: {@code s3://<bucket>/<prefix><database>/<object>}, through the AWS SDK v2 only. */
@ApplicationScoped
public class S3Store {

    private final BackupConfig.S3 config;
    private final S3Client s3;
    private final int retentionDays;
    private final ObjectLockMode lockMode;

    public S3Store(BackupConfig config) {
        this.config = config.s3();
        this.retentionDays = config.retention().s3Days();
        this.lockMode = lockMode(this.config);
        this.s3 = this.config.enabled() ? client(this.config) : null;
    }

    public boolean enabled() {
        return s3 != null;
    }

    public String key(String database, String name) {
        return io.lifeline.archive.manifest.ManifestCodec.s3Key(config.prefix(), database, name);
    }

    public String location(String database, String name) {
        return "s3://" + config.bucket() + "/" + key(database, name);
    }

    public static boolean owns(String location) {
        return location.startsWith("s3://");
    }

    public S3MultipartOutputStream create(String database, String name) {
        return new S3MultipartOutputStream(s3, config.bucket(), key(database, name), config.partSize(), lock());
    }

    public void upload(Path file, String database, String name) throws IOException {
        S3MultipartOutputStream out = new S3MultipartOutputStream(s3, config.bucket(), key(database, name),
                config.partSize(), lock());
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** The retention lock for an object written now, when Object Lock is configured. */
    private S3MultipartOutputStream.ObjectLock lock() {
        return lockMode == null ? null : new S3MultipartOutputStream.ObjectLock(lockMode,
                java.time.Instant.now().plus(java.time.Duration.ofDays(config.objectLockDays().orElse(retentionDays))));
    }

    /** The configured lock mode ({@code governance} or {@code compliance}), or null without Object Lock. */
    static ObjectLockMode lockMode(Optional<String> setting) {
        return setting.filter(m -> !m.isBlank()).map(m -> {
            ObjectLockMode mode = ObjectLockMode.fromValue(m.toUpperCase(java.util.Locale.ROOT));
            if (mode == ObjectLockMode.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException("lifeline.backup.s3.object-lock must be governance or compliance, not '"
                        + m + "'");
            }
            return mode;
        }).orElse(null);
    }

    private static ObjectLockMode lockMode(BackupConfig.S3 config) {
        return lockMode(config.objectLock());
    }

    public void put(String database, String name, byte[] content) {
        s3.putObject(r -> r.bucket(config.bucket()).key(key(database, name)), RequestBody.fromBytes(content));
    }

    public InputStream open(String location) {
        return s3.getObject(r -> r.bucket(config.bucket()).key(keyOf(location)));
    }

    public void delete(String location) {
        s3.deleteObject(r -> r.bucket(config.bucket()).key(keyOf(location)));
    }

    /** Keys under the prefix ending with the suffix (the manifests, for a rebuild). */
    public List<String> find(String suffix) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(config.prefix())).contents()) {
            if (o.key().endsWith(suffix)) {
                keys.add(o.key());
            }
        }
        return keys;
    }

    public byte[] read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(config.bucket()).key(key)).asByteArray();
    }

    private String keyOf(String location) {
        String head = "s3://" + config.bucket() + "/";
        if (!location.startsWith(head)) {
            throw new IllegalArgumentException("not in bucket " + config.bucket() + ": " + location);
        }
        return location.substring(head.length());
    }

    private static S3Client client(BackupConfig.S3 config) {
        return client(config.region(), config.endpoint(), config.accessKey(), config.secretKey());
    }

    static S3Client client(String region, Optional<URI> endpoint, Optional<String> accessKey,
            Optional<String> secretKey) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .forcePathStyle(true)
                // S3-compatible servers (MinIO, s3proxy) differ on the newer default checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        if (accessKey.isPresent() && secretKey.isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKey.get(), secretKey.get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    @PreDestroy
    void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
