package io.lifeline.backup.catalog;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.backup.store.LocalStore;
import io.lifeline.backup.store.S3Store;
import io.lifeline.events.EventJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The catalog is a cache of the manifests: it answers list / get / latest verified quickly, and
 * {@link #rebuild()} recreates it from the manifests in S3 and on disk when it is lost.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    private final BackupRepository repository;
    private final LocalStore local;
    private final S3Store s3;
    private final ManifestCodec codec;

    public CatalogService(BackupRepository repository, LocalStore local, S3Store s3, ManifestCodec codec) {
        this.repository = repository;
        this.local = local;
        this.s3 = s3;
        this.codec = codec;
    }

    @WithSession
    public Uni<BackupRecord> byId(String backupId) {
        return repository.findById(backupId);
    }

    @WithSession
    public Uni<BackupRecord> byRequestId(String requestId) {
        return repository.findByRequestId(requestId);
    }

    @WithSession
    public Uni<List<BackupRecord>> list(String database, int limit) {
        return repository.listNewestFirst(database, limit);
    }

    @WithSession
    public Uni<BackupRecord> latestVerified(String database) {
        return repository.latestVerified(database);
    }

    @WithSession
    public Uni<List<BackupRecord>> completed() {
        return repository.completed();
    }

    @WithSession
    public Uni<Long> count() {
        return repository.count();
    }

    @WithTransaction
    public Uni<Void> started(String backupId, String requestId, String database, String trigger, Instant startedAt) {
        BackupRecord r = new BackupRecord();
        r.backupId = backupId;
        r.requestId = requestId;
        r.database = database;
        r.trigger = trigger;
        r.status = BackupRecord.RUNNING;
        r.startedAt = startedAt;
        r.locations = "[]";
        return repository.persist(r).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> completed(Manifest manifest, Verification verification) {
        return repository.findById(manifest.backupId())
                .map(found -> found != null ? found : new BackupRecord())
                .invoke(r -> fill(r, manifest, verification))
                .call(repository::persist)
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> failed(String backupId, String stage, String reason, Instant at) {
        return repository.findById(backupId).onItem().ifNotNull().invoke(r -> {
            r.status = BackupRecord.FAILED;
            r.failureStage = stage;
            r.failureReason = reason;
            r.completedAt = at;
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> verified(Verification verification) {
        return repository.findById(verification.backupId()).onItem().ifNotNull().invoke(r -> {
            r.verified = verification.ok();
            r.verificationLevel = verification.level();
            r.verifiedAt = verification.verifiedAt();
            r.verification = new String(codec.encode(verification));
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> locationRemoved(String backupId, String location) {
        return repository.findById(backupId).onItem().ifNotNull().invoke(r -> {
            List<String> remaining = new ArrayList<>(locations(r));
            remaining.remove(location);
            r.locations = json(remaining);
        }).replaceWithVoid();
    }

    /**
     * Upserts every backup the stores hold (see {@link #readStores()}), merging the copies of each.
     * Returns how many backups the stores hold.
     */
    @WithTransaction
    public Uni<Integer> rebuild(StoreContents contents) {
        Map<String, Set<String>> locations = contents.locations();
        Map<String, Verification> verifications = contents.verifications();
        return io.smallrye.mutiny.Multi.createFrom().iterable(contents.manifests().values())
                .onItem().transformToUniAndConcatenate(m -> repository.findById(m.backupId())
                        .map(found -> found != null ? found : new BackupRecord())
                        .invoke(r -> {
                            Manifest merged = new Manifest(m.manifestVersion(), m.backupId(), m.requestId(), m.database(),
                                    m.trigger(), m.startedAt(), m.completedAt(), m.serverVersion(), m.pgDumpVersion(),
                                    m.format(), m.compression(), m.encryption(), m.object(),
                                    List.copyOf(locations.get(m.backupId())), m.tableRowCounts(), m.artefacts());
                            fill(r, merged, verifications.get(m.backupId()));
                        })
                        .call(repository::persist))
                .collect().asList()
                .map(List::size)
                .invoke(n -> LOG.infof("catalog rebuilt from the stores: %d backups", n));
    }

    /** What the stores hold, read with blocking I/O (call it on a worker thread). */
    public record StoreContents(Map<String, Manifest> manifests, Map<String, Set<String>> locations,
            Map<String, Verification> verifications) {
    }

    public StoreContents readStores() {
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        Map<String, Set<String>> locations = new LinkedHashMap<>();
        Map<String, Verification> verifications = new LinkedHashMap<>();
        List<byte[]> manifestFiles = new ArrayList<>();
        List<byte[]> verificationFiles = new ArrayList<>();
        if (s3.enabled()) {
            try {
                s3.find(ManifestCodec.MANIFEST_SUFFIX).forEach(k -> manifestFiles.add(s3.read(k)));
                s3.find(ManifestCodec.VERIFICATION_SUFFIX).forEach(k -> verificationFiles.add(s3.read(k)));
            } catch (RuntimeException e) {
                LOG.warnf("catalog rebuild: S3 unreadable (%s); using the local folder only", e.getMessage());
            }
        }
        local.find(ManifestCodec.MANIFEST_SUFFIX).forEach(p -> manifestFiles.add(readQuietly(p)));
        local.find(ManifestCodec.VERIFICATION_SUFFIX).forEach(p -> verificationFiles.add(readQuietly(p)));
        for (byte[] bytes : manifestFiles) {
            try {
                Manifest m = codec.manifest(bytes);
                manifests.putIfAbsent(m.backupId(), m);
                locations.computeIfAbsent(m.backupId(), id -> new LinkedHashSet<>()).addAll(existing(m));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("catalog rebuild: skipped an unreadable manifest (%s)", e.getMessage());
            }
        }
        for (byte[] bytes : verificationFiles) {
            try {
                Verification v = codec.verification(bytes);
                verifications.merge(v.backupId(), v, (a, b) -> a.verifiedAt().isAfter(b.verifiedAt()) ? a : b);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("catalog rebuild: skipped an unreadable verification (%s)", e.getMessage());
            }
        }
        return new StoreContents(manifests, locations, verifications);
    }

    /** The manifest lists where the copies were written; keep those that still exist. */
    private List<String> existing(Manifest m) {
        return m.locations().stream().filter(loc -> {
            if (LocalStore.owns(loc)) {
                return java.nio.file.Files.exists(local.pathOf(loc));
            }
            return true; // an S3 manifest sits beside its object; a missing object shows at verification
        }).toList();
    }

    private void fill(BackupRecord r, Manifest m, Verification v) {
        r.backupId = m.backupId();
        r.requestId = m.requestId();
        r.database = m.database();
        r.trigger = Optional.ofNullable(m.trigger()).orElse("unknown");
        r.status = BackupRecord.COMPLETED;
        r.startedAt = m.startedAt();
        r.completedAt = m.completedAt();
        r.sizeBytes = m.object().sizeBytes();
        r.sha256 = m.object().sha256();
        r.locations = json(m.locations());
        r.manifest = new String(codec.encode(m));
        if (v != null) {
            r.verified = v.ok();
            r.verificationLevel = v.level();
            r.verifiedAt = v.verifiedAt();
            r.verification = new String(codec.encode(v));
        }
    }

    public static List<String> locations(BackupRecord r) {
        try {
            return JSON.readValue(r.locations, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            return List.of();
        }
    }

    public Manifest manifest(BackupRecord r) throws IOException {
        return codec.manifest(r.manifest.getBytes());
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readQuietly(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
