package io.lifeline.backup.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams an object of unknown size to S3 by multipart upload, holding one part in memory at a
 * time. Closing completes the upload; {@link #abort()} removes the parts of a failed one.
 */
public final class S3MultipartOutputStream extends OutputStream {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final ObjectLock lock;
    private String uploadId;
    private int filled;
    private boolean closed;

    /** An Object Lock retention to write under; locked writes carry a checksum, as S3 requires. */
    public record ObjectLock(ObjectLockMode mode, Instant retainUntil) {
    }

    public S3MultipartOutputStream(S3Client s3, String bucket, String key, int partSize, ObjectLock lock) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.buffer = new byte[partSize];
        this.lock = lock;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                uploadPart();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (uploadId == null) {
            // Small object: one PUT is simpler and atomic.
            s3.putObject(r -> {
                r.bucket(bucket).key(key);
                if (lock != null) {
                    r.objectLockMode(lock.mode()).objectLockRetainUntilDate(lock.retainUntil())
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256);
                }
            }, RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled));
            return;
        }
        if (filled > 0) {
            uploadPart();
        }
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    /** Best effort: a failed upload should not leave paid-for parts behind. */
    public void abort() {
        closed = true;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // S3 is likely what failed; the bucket's lifecycle rule cleans up what remains.
            }
        }
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(r -> {
                r.bucket(bucket).key(key);
                if (lock != null) {
                    r.objectLockMode(lock.mode()).objectLockRetainUntilDate(lock.retainUntil())
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256);
                }
            }).uploadId();
        }
        int number = parts.size() + 1;
        UploadPartResponse part = s3.uploadPart(r -> {
            r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number);
            if (lock != null) {
                r.checksumAlgorithm(ChecksumAlgorithm.SHA256);
            }
        }, RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled));
        parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumSHA256(part.checksumSHA256())
                .build());
        filled = 0;
    }
}
