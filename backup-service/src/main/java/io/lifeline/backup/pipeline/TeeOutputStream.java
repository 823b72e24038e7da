package io.lifeline.backup.pipeline;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to the local copy (which must succeed) and to the remote copy (which may fail: S3 down
 * mid-run). A remote failure is remembered and the remote is skipped from then on, so the local
 * copy completes and the remote is uploaded again afterwards.
 */
public final class TeeOutputStream extends OutputStream {

    private final OutputStream primary;
    private final OutputStream secondary;
    private Exception secondaryFailure;

    public TeeOutputStream(OutputStream primary, OutputStream secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        primary.write(b, off, len);
        if (secondary != null && secondaryFailure == null) {
            try {
                secondary.write(b, off, len);
            } catch (Exception e) {
                secondaryFailure = e;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        primary.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            primary.close();
        } finally {
            if (secondary != null && secondaryFailure == null) {
                try {
                    secondary.close();
                } catch (Exception e) {
                    secondaryFailure = e;
                }
            }
        }
    }

    /** Why the remote copy failed, or null if it did not. */
    public Exception secondaryFailure() {
        return secondaryFailure;
    }
}
