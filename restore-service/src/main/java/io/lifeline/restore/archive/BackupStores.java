package io.lifeline.restore.archive;

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

import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.restore.config.RestoreConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Read-only access to where backups live: the bucket (backup-service's layout from
 * {@link ManifestCodec#s3Key}, and the old script's {@code backups/} files) and the local folders.
 */
@ApplicationScoped
public class BackupStores {

    private final RestoreConfig.S3 config;
    private final Path backupDir;
    private final Optional<Path> legacyDir;
    private final S3Client s3;

    public BackupStores(RestoreConfig config) {
        this.config = config.s3();
        this.backupDir = config.backupDir().toAbsolutePath();
        this.legacyDir = config.legacyDir().map(Path::toAbsolutePath);
        this.s3 = this.config.enabled() ? client(this.config) : null;
    }

    public boolean s3Enabled() {
        return s3 != null;
    }

    public String bucket() {
        return config.bucket();
    }

    /** Keys under backup-service's folder of one database (manifests, verifications, objects). */
    public List<String> s3Keys(String database) {
        return list(ManifestCodec.s3Key(config.prefix(), database, ""));
    }

    /** Keys directly under the old script's prefix. */
    public List<String> s3LegacyKeys() {
        return list(config.legacyPrefix()).stream()
                .filter(k -> k.indexOf('/', config.legacyPrefix().length()) < 0).toList();
    }

    private List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(prefix)).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    public String s3Key(String database, String name) {
        return ManifestCodec.s3Key(config.prefix(), database, name);
    }

    public String s3Location(String key) {
        return "s3://" + config.bucket() + "/" + key;
    }

    public byte[] readS3(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(config.bucket()).key(key)).asByteArray();
    }

    public InputStream openS3(String key) {
        return s3.getObject(r -> r.bucket(config.bucket()).key(key));
    }

    public Path localFolder(String database) {
        return backupDir.resolve(database);
    }

    public Optional<Path> legacyDir() {
        return legacyDir;
    }

    /** Opens a location: {@code s3://bucket/key} or a {@code file:} URI. */
    public InputStream open(String location) throws IOException {
        if (location.startsWith("s3://")) {
            if (s3 == null) {
                throw new IOException("S3 is disabled");
            }
            String head = "s3://" + config.bucket() + "/";
            if (!location.startsWith(head)) {
                throw new IOException("not in bucket " + config.bucket() + ": " + location);
            }
            return openS3(location.substring(head.length()));
        }
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(URI.create(location)));
        }
        throw new IOException("unknown location " + location);
    }

    private static S3Client client(RestoreConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(true)
                // S3-compatible servers (MinIO, s3proxy) differ on the newer default checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(java.time.Duration.ofSeconds(5))
                        .socketTimeout(java.time.Duration.ofSeconds(60)).build());
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get())));
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
