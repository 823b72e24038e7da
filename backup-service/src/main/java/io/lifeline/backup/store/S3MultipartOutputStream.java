package io.lifeline.backup.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams an object of unknown size to S3 by multipart upload with bounded memory: two part
 * buffers, one being filled by the pipeline while the other uploads on a background thread, so
 * compression and encryption never wait for the network. Closing completes the upload;
 * {@link #abort()} removes the parts of a failed one.
 */
public final class S3MultipartOutputStream extends OutputStream {

    /** An Object Lock retention to write under; locked writes carry a checksum, as S3 requires. */
    public record ObjectLock(ObjectLockMode mode, Instant retainUntil) {
    }

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final ObjectLock lock;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final ExecutorService uploader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3-part-upload");
        t.setDaemon(true);
        return t;
    });
    private byte[] filling;
    private byte[] spare;
    private int filled;
    private String uploadId;
    private Future<CompletedPart> inFlight;
    private boolean closed;

    public S3MultipartOutputStream(S3Client s3, String bucket, String key, int partSize, ObjectLock lock) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.lock = lock;
        this.filling = new byte[partSize];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, filling.length - filled);
            System.arraycopy(b, off, filling, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == filling.length) {
                submitPart();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (uploadId == null) {
                // Small object: one PUT is simpler and atomic.
                String checksum = lock == null ? null : sha256Base64(filling, filled);
                s3.putObject(r -> {
                    r.bucket(bucket).key(key);
                    if (checksum != null) {
                        r.objectLockMode(lock.mode()).objectLockRetainUntilDate(lock.retainUntil())
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum);
                    }
                }, RequestBody.fromInputStream(new ByteArrayInputStream(filling, 0, filled), filled));
                return;
            }
            if (filled > 0) {
                submitPart();
            }
            awaitInFlight();
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } finally {
            uploader.shutdownNow();
        }
    }

    /**
     * Ends an upload that was only a check: waits for the part in flight (its failure is thrown),
     * then removes every part, so no object ever appears.
     */
    public void discard() throws IOException {
        try {
            awaitInFlight();
        } finally {
            abort();
        }
    }

    /** Best effort: a failed upload should not leave paid-for parts behind. */
    public void abort() {
        closed = true;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        uploader.shutdownNow();
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // S3 is likely what failed; the bucket's lifecycle rule cleans up what remains.
            }
        }
    }

    /** Hands the full buffer to the uploader (after the previous part finished) and fills the other. */
    private void submitPart() throws IOException {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(r -> {
                r.bucket(bucket).key(key);
                if (lock != null) {
                    r.objectLockMode(lock.mode()).objectLockRetainUntilDate(lock.retainUntil())
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256);
                }
            }).uploadId();
        }
        awaitInFlight();
        byte[] data = filling;
        int length = filled;
        int number = parts.size() + 1;
        inFlight = uploader.submit(() -> uploadPart(data, length, number));
        filling = spare != null ? spare : new byte[data.length];
        spare = data;
        filled = 0;
    }

    private CompletedPart uploadPart(byte[] data, int length, int number) {
        // Locked writes must carry a checksum, and completing the upload must repeat each part's:
        // computed here rather than read back, as not every S3-compatible server echoes it.
        String checksum = lock == null ? null : sha256Base64(data, length);
        UploadPartResponse part = s3.uploadPart(r -> {
            r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number);
            if (checksum != null) {
                r.checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum);
            }
        }, RequestBody.fromInputStream(new ByteArrayInputStream(data, 0, length), length));
        return CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumSHA256(checksum).build();
    }

    private static String sha256Base64(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.get());
            inFlight = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading to S3", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? new IOException(r.getMessage(), r) : new IOException(cause);
        }
    }
}
