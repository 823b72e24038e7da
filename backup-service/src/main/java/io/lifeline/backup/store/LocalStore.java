package io.lifeline.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.backup.config.BackupConfig;

/** The local backup folder: {@code <dir>/<database>/<object>}, locations as {@code file:} URIs. */
@ApplicationScoped
public class LocalStore {

    private final Path root;

    public LocalStore(BackupConfig config) {
        this.root = config.local().dir().toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path path(String database, String name) {
        return root.resolve(database).resolve(name);
    }

    public String location(String database, String name) {
        return path(database, name).toUri().toString();
    }

    public static boolean owns(String location) {
        return location.startsWith("file:");
    }

    public Path pathOf(String location) {
        return Path.of(URI.create(location));
    }

    public InputStream open(String location) throws IOException {
        return Files.newInputStream(pathOf(location));
    }

    /** Written beside, then moved: a reader never sees half a manifest. */
    public void writeAtomically(String database, String name, byte[] content) throws IOException {
        Path target = path(database, name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(name + ".partial");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void delete(String location) throws IOException {
        Files.deleteIfExists(pathOf(location));
    }

    /** Every file under the folder whose name ends with the suffix (the manifests, for a rebuild). */
    public List<Path> find(String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
