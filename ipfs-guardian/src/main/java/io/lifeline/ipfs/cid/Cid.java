package io.lifeline.ipfs.cid;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A parsed IPFS content identifier: enough to tell a valid CID from garbage and to check that a
 * block's bytes are the ones the CID names (its multihash). CIDv0 ({@code Qm...}, base58btc
 * sha2-256 dag-pb) and CIDv1 in base32 ({@code b...}), base58btc ({@code z...}) and base16
 * ({@code f...}). Only sha2-256 (and identity) multihashes can be verified; others are rejected
 * rather than trusted.
 */
public final class Cid {

    public static final long DAG_PB = 0x70;
    public static final long RAW = 0x55;
    public static final long DAG_CBOR = 0x71;
    public static final long SHA2_256 = 0x12;
    public static final long IDENTITY = 0x00;

    private final int version;
    private final long codec;
    private final long hashCode;
    private final byte[] digest;
    private final byte[] bytes;

    private Cid(int version, long codec, long hashCode, byte[] digest, byte[] bytes) {
        this.version = version;
        this.codec = codec;
        this.hashCode = hashCode;
        this.digest = digest;
        this.bytes = bytes;
    }

    /** Parses the text form; throws {@link InvalidCidException} with the reason when it is not a CID. */
    public static Cid parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCidException("empty CID");
        }
        String s = text.trim();
        if (s.length() == 46 && s.startsWith("Qm")) {
            return fromV0Multihash(Base58.decode(s));
        }
        byte[] raw = switch (s.charAt(0)) {
            case 'b' -> Base32.decode(s.substring(1));
            case 'B' -> Base32.decode(s.substring(1).toLowerCase(Locale.ROOT));
            case 'z' -> Base58.decode(s.substring(1));
            case 'f', 'F' -> hex(s.substring(1));
            default -> throw new InvalidCidException("unsupported multibase prefix '" + s.charAt(0) + "'");
        };
        return fromBytes(raw);
    }

    /** Parses the binary form (as found in dag-pb links and CAR files). */
    public static Cid fromBytes(byte[] raw) {
        if (raw.length == 34 && raw[0] == 0x12 && raw[1] == 0x20) {
            return fromV0Multihash(raw);
        }
        Varint.Reader r = new Varint.Reader(raw, 0);
        long version = r.next();
        if (version != 1) {
            throw new InvalidCidException("unsupported CID version " + version);
        }
        long codec = r.next();
        long hash = r.next();
        long length = r.next();
        if (length < 0 || length > 128 || r.position() + length != raw.length) {
            throw new InvalidCidException("multihash length " + length + " does not match the CID");
        }
        byte[] digest = Arrays.copyOfRange(raw, r.position(), raw.length);
        return new Cid(1, codec, hash, digest, raw.clone());
    }

    private static Cid fromV0Multihash(byte[] mh) {
        if (mh.length != 34 || mh[0] != 0x12 || mh[1] != 0x20) {
            throw new InvalidCidException("a CIDv0 must be a sha2-256 multihash");
        }
        return new Cid(0, DAG_PB, SHA2_256, Arrays.copyOfRange(mh, 2, 34), mh.clone());
    }

    public int version() {
        return version;
    }

    public long codec() {
        return codec;
    }

    /** The binary CID (for v0: the bare multihash). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True when {@code block} hashes to this CID's multihash. */
    public boolean matches(byte[] block) {
        if (hashCode == IDENTITY) {
            return Arrays.equals(block, digest);
        }
        if (hashCode != SHA2_256) {
            return false;
        }
        try {
            return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(block), digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verifiable() {
        return hashCode == SHA2_256 || hashCode == IDENTITY;
    }

    /** The canonical text: base58btc for v0, base32 lower case for v1 (what gateways use in paths). */
    @Override
    public String toString() {
        return version == 0 ? Base58.encode(bytes) : "b" + Base32.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    private static byte[] hex(String s) {
        if (s.length() % 2 != 0) {
            throw new InvalidCidException("odd base16 length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i += 2) {
            int hi = Character.digit(s.charAt(i), 16);
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new InvalidCidException("invalid base16 character");
            }
            out.write(hi << 4 | lo);
        }
        return out.toByteArray();
    }
}
