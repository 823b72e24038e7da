package io.lifeline.restore;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A test's own S3 client on the test S3 server, to look at what the service stored. */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client fromConfig() {
        return S3Client.builder()
                .endpointOverride(URI.create(config("lifeline.s3.endpoint")))
                .region(Region.of(config("lifeline.s3.region")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config("lifeline.s3.access-key"), config("lifeline.s3.secret-key"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
