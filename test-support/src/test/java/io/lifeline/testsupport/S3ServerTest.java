package io.lifeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ServerTest {

    private static S3Server server;

    @BeforeAll
    static void start() {
        server = S3Server.start("selftest-bucket");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBucketStartsEmptyAndKeepsWhatIsPut() {
        try (S3Client s3 = server.client()) {
            assertThat(s3.listObjectsV2(b -> b.bucket("selftest-bucket")).contents()).isEmpty();

            s3.putObject(b -> b.bucket("selftest-bucket").key("a/b.txt"), RequestBody.fromString("hello"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket("selftest-bucket").key("a/b.txt")).asUtf8String())
                    .isEqualTo("hello");
        }
    }

    @Test
    void multipartUploadsAreAssembledInOrder() {
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = new byte[1024];
        new Random(7).nextBytes(part1);
        new Random(8).nextBytes(part2);
        try (S3Client s3 = server.client()) {
            String uploadId = s3.createMultipartUpload(b -> b.bucket("selftest-bucket").key("big.bin")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            byte[][] chunks = {part1, part2};
            for (int i = 0; i < chunks.length; i++) {
                int n = i + 1;
                String etag = s3.uploadPart(b -> b.bucket("selftest-bucket").key("big.bin").uploadId(uploadId).partNumber(n),
                        RequestBody.fromBytes(chunks[n - 1])).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket("selftest-bucket").key("big.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));

            byte[] stored = s3.getObjectAsBytes(b -> b.bucket("selftest-bucket").key("big.bin")).asByteArray();
            assertThat(stored).hasSize(part1.length + part2.length);
            assertThat(java.util.Arrays.copyOfRange(stored, part1.length, stored.length)).isEqualTo(part2);
        }
    }

    @Test
    void wrongCredentialsAreRefused() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(java.net.URI.create(server.endpoint()))
                .region(software.amazon.awssdk.regions.Region.of(S3Server.REGION))
                .forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("nobody", "wrong")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("selftest-bucket")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void closingStopsTheServerProcess() {
        S3Server other = S3Server.start("another");
        assertThat(other.isRunning()).isTrue();
        other.close();
        assertThat(other.isRunning()).isFalse();
    }
}
