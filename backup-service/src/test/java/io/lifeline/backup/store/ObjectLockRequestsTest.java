package io.lifeline.backup.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * What Lifeline asks of a bucket with S3 Object Lock, checked request by request. No S3 server that
 * enforces Object Lock runs here (s3proxy answers 501, S3Mock ignores the headers), so this test
 * stands in for the bucket with a recording HTTP server: the lock mode and retain-until date on the
 * upload, and on every part the SHA-256 checksum that S3 demands of locked writes (checked against
 * the bytes sent). That S3 then refuses a delete is AWS's part; it is not tested here.
 */
class ObjectLockRequestsTest {

    private static final String BUCKET = "locked-backups";
    private static final String KEY = "backups/mycelix/bkp-1.dump.zst.gpg";
    private static final int PART = 5 * 1024 * 1024;

    private WireMockServer bucket;
    private S3Client s3;

    @BeforeEach
    void start() {
        bucket = new WireMockServer(wireMockConfig().dynamicPort());
        bucket.start();
        String path = "/" + BUCKET + "/" + KEY;
        bucket.stubFor(post(urlPathEqualTo(path)).withQueryParam("uploads", matching(".*"))
                .willReturn(aResponse().withStatus(200).withBody("<InitiateMultipartUploadResult><Bucket>" + BUCKET
                        + "</Bucket><Key>" + KEY + "</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>")));
        bucket.stubFor(put(urlPathEqualTo(path)).withQueryParam("partNumber", matching("\\d+"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"part-etag\"")));
        bucket.stubFor(post(urlPathEqualTo(path)).withQueryParam("uploadId", equalTo("upload-1"))
                .willReturn(aResponse().withStatus(200).withBody("<CompleteMultipartUploadResult><Bucket>" + BUCKET
                        + "</Bucket><Key>" + KEY + "</Key><ETag>\"whole\"</ETag></CompleteMultipartUploadResult>")));
        bucket.stubFor(put(urlPathEqualTo("/" + BUCKET + "/small"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"small-etag\"")));
        s3 = S3Store.client("us-east-1", Optional.of(URI.create(bucket.baseUrl())), Optional.of("lifeline"),
                Optional.of("not-a-real-secret"));
    }

    @AfterEach
    void stop() {
        s3.close();
        bucket.stop();
    }

    @Test
    void aLockedMultipartUploadCarriesTheModeTheDateAndEveryPartsChecksum() throws Exception {
        Instant retainUntil = Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        byte[] data = randomBytes(PART + 1234);
        try (S3MultipartOutputStream out = new S3MultipartOutputStream(s3, BUCKET, KEY, PART,
                new S3MultipartOutputStream.ObjectLock(ObjectLockMode.COMPLIANCE, retainUntil))) {
            out.write(data);
        }

        LoggedRequest create = only(requests("POST", "uploads"));
        assertThat(create.getHeader("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
        assertThat(Instant.parse(create.getHeader("x-amz-object-lock-retain-until-date"))).isEqualTo(retainUntil);
        assertThat(create.getHeader("x-amz-checksum-algorithm")).isEqualTo("SHA256");

        List<LoggedRequest> parts = requests("PUT", "partNumber");
        assertThat(parts).hasSize(2);
        assertThat(checksumSent(parts.get(0))).isEqualTo(sha256(data, 0, PART));
        assertThat(checksumSent(parts.get(1))).isEqualTo(sha256(data, PART, data.length - PART));

        String complete = only(requests("POST", "uploadId")).getBodyAsString();
        assertThat(complete).contains("<ChecksumSHA256>" + sha256(data, 0, PART) + "</ChecksumSHA256>")
                .contains("<ChecksumSHA256>" + sha256(data, PART, data.length - PART) + "</ChecksumSHA256>");
    }

    @Test
    void aSmallLockedObjectIsOnePutWithTheSameGuarantees() throws Exception {
        Instant retainUntil = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        byte[] data = randomBytes(4096);
        try (S3MultipartOutputStream out = new S3MultipartOutputStream(s3, BUCKET, "small", PART,
                new S3MultipartOutputStream.ObjectLock(ObjectLockMode.GOVERNANCE, retainUntil))) {
            out.write(data);
        }
        LoggedRequest putObject = only(bucket.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith("/" + BUCKET + "/small")).toList());
        assertThat(putObject.getHeader("x-amz-object-lock-mode")).isEqualTo("GOVERNANCE");
        assertThat(Instant.parse(putObject.getHeader("x-amz-object-lock-retain-until-date"))).isEqualTo(retainUntil);
        assertThat(checksumSent(putObject)).isEqualTo(sha256(data, 0, data.length));
    }

    @Test
    void withoutObjectLockNothingAboutLocksIsSent() throws Exception {
        try (S3MultipartOutputStream out = new S3MultipartOutputStream(s3, BUCKET, KEY, PART, null)) {
            out.write(randomBytes(PART + 10));
        }
        LoggedRequest create = only(requests("POST", "uploads"));
        assertThat(create.getHeaders().keys()).noneMatch(h -> h.toLowerCase().startsWith("x-amz-object-lock"));
        assertThat(requests("PUT", "partNumber")).hasSize(2);
    }

    @Test
    void theSettingAcceptsTheTwoModesAndRefusesAnythingElse() {
        assertThat(S3Store.lockMode(Optional.of("compliance"))).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(S3Store.lockMode(Optional.of("Governance"))).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(S3Store.lockMode(Optional.empty())).isNull();
        assertThat(S3Store.lockMode(Optional.of(" "))).isNull();
        assertThatThrownBy(() -> S3Store.lockMode(Optional.of("forever")))
                .hasMessageContaining("governance or compliance").hasMessageContaining("forever");
    }

    private List<LoggedRequest> requests(String method, String queryParam) {
        List<LoggedRequest> found = new ArrayList<>();
        bucket.getAllServeEvents().forEach(e -> {
            LoggedRequest r = e.getRequest();
            if (r.getMethod().getName().equals(method) && r.getUrl().contains("/" + KEY + "?")
                    && r.queryParameter(queryParam).isPresent()) {
                found.add(r);
            }
        });
        found.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        return found;
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static final Pattern TRAILER = Pattern.compile("x-amz-checksum-sha256:([A-Za-z0-9+/=]+)");

    /** The part's SHA-256 as sent: a header, or (aws-chunked uploads) a trailer after the last chunk. */
    private static String checksumSent(LoggedRequest request) {
        String header = request.getHeader("x-amz-checksum-sha256");
        if (header != null) {
            return header;
        }
        assertThat(request.getHeader("x-amz-trailer")).isEqualToIgnoringCase("x-amz-checksum-sha256");
        Matcher m = TRAILER.matcher(new String(request.getBody(), StandardCharsets.ISO_8859_1));
        assertThat(m.find()).as("a trailing x-amz-checksum-sha256 in the body").isTrue();
        return m.group(1);
    }

    private static String sha256(byte[] data, int offset, int length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(data, offset, length);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }
}
