package io.lifeline.archive.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

/** The compressions a backup may use. pg_dump 15 only gzips, so Lifeline compresses itself. */
public enum Compression {
    ZSTD("zstd", ".zst"),
    GZIP("gzip", ".gz");

    private final String wireName;
    private final String extension;

    Compression(String wireName, String extension) {
        this.wireName = wireName;
        this.extension = extension;
    }

    public static Compression of(String name) {
        for (Compression c : values()) {
            if (c.wireName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (zstd or gzip)");
    }

    public String wireName() {
        return wireName;
    }

    public String extension() {
        return extension;
    }

    public OutputStream compress(OutputStream out, int zstdLevel) throws IOException {
        return compress(out, zstdLevel, 0);
    }

    /**
     * With {@code zstdWorkers} above 0, zstd compresses on its own native threads while the caller
     * goes on (encrypting, hashing, writing the previous output): the stream stays the same format.
     */
    public OutputStream compress(OutputStream out, int zstdLevel, int zstdWorkers) throws IOException {
        return switch (this) {
            case ZSTD -> {
                ZstdOutputStream zstd = new ZstdOutputStream(out, zstdLevel);
                if (zstdWorkers > 0) {
                    zstd.setWorkers(zstdWorkers);
                }
                yield zstd;
            }
            case GZIP -> new GZIPOutputStream(out, 1 << 16);
        };
    }

    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case ZSTD -> new ZstdInputStream(in);
            case GZIP -> new GZIPInputStream(in, 1 << 16);
        };
    }
}
