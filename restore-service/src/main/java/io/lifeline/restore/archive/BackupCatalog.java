package io.lifeline.restore.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.restore.config.RestoreConfig;

/**
 * Finds the backups of a target from what is stored, never from backup-service's catalog: the
 * manifests and verification files in S3 and in the local folder (so a restore works when
 * backup-service is gone), and the old script's {@code <db>_backup_YYYYMMDD_HHMMSS.sql.gz[.enc]} files.
 */
@ApplicationScoped
public class BackupCatalog {

    private static final Logger LOG = Logger.getLogger(BackupCatalog.class);
    private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final BackupStores stores;
    private final ManifestCodec codec;
    private final RestoreConfig config;

    public BackupCatalog(BackupStores stores, ManifestCodec codec, RestoreConfig config) {
        this.stores = stores;
        this.codec = codec;
        this.config = config;
    }

    /** Every backup of the target, newest first, and notes on what could not be read. */
    public record Listing(List<Candidate> candidates, List<String> notes) {
    }

    /** What a selector picks: the backups to try in order, and the ones passed over, with the reason. */
    public record Selection(List<Candidate> toTry, List<String> passedOver, List<String> notes) {
    }

    public Selection select(String target, BackupSelector selector) {
        Listing listing = list(target);
        List<Candidate> toTry = new ArrayList<>();
        List<String> passedOver = new ArrayList<>();
        for (Candidate c : listing.candidates()) {
            switch (selector.kind()) {
                case BackupSelector.KIND_ID -> {
                    if (c.backupId().equals(selector.backupId())) {
                        toTry.add(c);
                    }
                }
                case BackupSelector.KIND_LATEST_VERIFIED -> {
                    if (c.verified()) {
                        toTry.add(c);
                    } else if (!c.isLegacy()) {
                        passedOver.add(c.backupId() + ": not verified by backup-service");
                    }
                }
                default -> {
                    if (!c.takenAt().isBefore(selector.before())) {
                        continue;
                    }
                    if (c.verified() || c.isLegacy()) {
                        toTry.add(c);
                    } else {
                        passedOver.add(c.backupId() + ": not verified by backup-service");
                    }
                }
            }
        }
        return new Selection(toTry, passedOver, listing.notes());
    }

    /** The older verified backups after {@code backupId}: what to offer when a named backup is unusable. */
    public List<String> olderVerified(String target, String backupId, int max) {
        List<Candidate> all = list(target).candidates();
        Instant after = all.stream().filter(c -> c.backupId().equals(backupId)).map(Candidate::takenAt).findFirst()
                .orElse(Instant.MAX);
        return all.stream().filter(c -> c.verified() && c.takenAt().isBefore(after)).limit(max)
                .map(Candidate::backupId).toList();
    }

    public Listing list(String target) {
        RestoreConfig.Target t = config.targets().get(target);
        String database = t.backupDatabase().orElse(target);
        String legacyPrefix = t.legacyPrefix().orElse(database + "_backup_");
        List<String> notes = new ArrayList<>();
        Map<String, Manifest> manifests = new HashMap<>();
        Map<String, Verification> verifications = new HashMap<>();
        Map<String, List<String>> legacyLocations = new LinkedHashMap<>();
        Map<String, String> s3Objects = new HashMap<>();

        if (stores.s3Enabled()) {
            try {
                for (String key : stores.s3Keys(database)) {
                    String name = key.substring(key.lastIndexOf('/') + 1);
                    s3Objects.put(name, key);
                    if (name.endsWith(ManifestCodec.MANIFEST_SUFFIX)) {
                        read(() -> codec.manifest(stores.readS3(key))).ifPresent(m -> manifests.put(m.backupId(), m));
                    } else if (name.endsWith(ManifestCodec.VERIFICATION_SUFFIX)) {
                        read(() -> codec.verification(stores.readS3(key))).ifPresent(v -> keepNewest(verifications, v));
                    }
                }
                for (String key : stores.s3LegacyKeys()) {
                    String name = key.substring(key.lastIndexOf('/') + 1);
                    if (name.startsWith(legacyPrefix)) {
                        legacyLocations.computeIfAbsent(name, n -> new ArrayList<>()).add(stores.s3Location(key));
                    }
                }
            } catch (RuntimeException e) {
                notes.add("S3 unreachable, local copies only: " + describe(e));
                LOG.warnf("listing backups of %s in S3 failed (%s): using the local copies", target, describe(e));
            }
        }
        Path local = stores.localFolder(database);
        for (Path file : files(local)) {
            String name = file.getFileName().toString();
            if (name.endsWith(ManifestCodec.MANIFEST_SUFFIX)) {
                read(() -> codec.manifest(Files.readAllBytes(file))).ifPresent(m -> manifests.putIfAbsent(m.backupId(), m));
            } else if (name.endsWith(ManifestCodec.VERIFICATION_SUFFIX)) {
                read(() -> codec.verification(Files.readAllBytes(file))).ifPresent(v -> keepNewest(verifications, v));
            }
        }
        stores.legacyDir().ifPresent(dir -> files(dir).forEach(f -> {
            String name = f.getFileName().toString();
            if (name.startsWith(legacyPrefix)) {
                legacyLocations.computeIfAbsent(name, n -> new ArrayList<>()).add(f.toUri().toString());
            }
        }));

        List<Candidate> candidates = new ArrayList<>();
        for (Manifest m : manifests.values()) {
            if (!database.equals(m.database())) {
                continue;
            }
            List<String> locations = new ArrayList<>();
            String s3Key = s3Objects.get(m.object().name());
            if (s3Key != null) {
                locations.add(stores.s3Location(s3Key));
            }
            Path localCopy = local.resolve(m.object().name());
            if (Files.isRegularFile(localCopy)) {
                locations.add(localCopy.toUri().toString());
            }
            Verification v = verifications.get(m.backupId());
            candidates.add(new Candidate(m.backupId(), m.startedAt(), m, v != null && v.ok(), locations, null));
        }
        Pattern legacy = Pattern.compile("^" + Pattern.quote(legacyPrefix) + "(\\d{8}_\\d{6})\\.sql\\.gz(\\.enc)?$");
        legacyLocations.forEach((name, locations) -> {
            Matcher matcher = legacy.matcher(name);
            if (matcher.matches()) {
                Instant takenAt = LocalDateTime.parse(matcher.group(1), LEGACY_TIME).toInstant(ZoneOffset.UTC);
                List<String> ordered = locations.stream().sorted(Comparator.comparing(l -> l.startsWith("s3:") ? 0 : 1))
                        .toList();
                candidates.add(new Candidate(name.replaceFirst("\\.sql\\.gz(\\.enc)?$", ""), takenAt, null, false,
                        ordered, matcher.group(2) != null ? Candidate.LegacyKind.ENCRYPTED : Candidate.LegacyKind.PLAIN));
            }
        });
        candidates.sort(Comparator.comparing(Candidate::takenAt).reversed());
        return new Listing(candidates, notes);
    }

    private static void keepNewest(Map<String, Verification> verifications, Verification v) {
        verifications.merge(v.backupId(), v, (a, b) -> a.verifiedAt() != null && b.verifiedAt() != null
                && a.verifiedAt().isAfter(b.verifiedAt()) ? a : b);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", dir, e.getMessage());
            return List.of();
        }
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    /** An unreadable manifest is skipped (logged), never fatal: the others may be fine. */
    private static <T> java.util.Optional<T> read(Reader<T> reader) {
        try {
            return java.util.Optional.of(reader.read());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("skipping an unreadable manifest or verification: %s", describe(e));
            return java.util.Optional.empty();
        }
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
