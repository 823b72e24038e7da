package io.lifeline.backup.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What a running backup has done so far, updated by the pipeline and read by the log and REST. */
public final class BackupProgress {

    private final Instant startedAt;
    private final AtomicLong dumpBytes = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();
    private volatile String stage = "starting";

    public BackupProgress(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public AtomicLong dumpBytes() {
        return dumpBytes;
    }

    public AtomicLong storedBytes() {
        return storedBytes;
    }

    public String stage() {
        return stage;
    }

    public void stage(String stage) {
        this.stage = stage;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Dump bytes per second since the start. */
    public long throughput(Instant now) {
        long millis = Math.max(1, Duration.between(startedAt, now).toMillis());
        return dumpBytes.get() * 1000 / millis;
    }
}
