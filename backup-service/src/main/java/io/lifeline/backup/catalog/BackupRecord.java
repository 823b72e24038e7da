package io.lifeline.backup.catalog;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One backup in the catalog. Never sent over the wire: the REST layer maps it to {@code BackupView}. */
@Entity
@Table(name = "backup")
public class BackupRecord extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "backup_id")
    public String backupId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "database_name")
    public String database;

    public String trigger;

    public String status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String sha256;

    public boolean verified;

    @Column(name = "verification_level")
    public String verificationLevel;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** JSON array of locations (file:..., s3://...). */
    public String locations;

    /** The manifest as written beside the backup (JSON). */
    public String manifest;

    /** The latest verification companion (JSON). */
    public String verification;

    @Column(name = "failure_stage")
    public String failureStage;

    @Column(name = "failure_reason")
    public String failureReason;
}
