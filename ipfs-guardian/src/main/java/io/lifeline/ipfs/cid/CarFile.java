package io.lifeline.ipfs.cid;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a CAR v1 (a trustless gateway's {@code ?format=car} answer) before the node may import it:
 * every block must hash to its CID, the root must be there, and every dag-pb link of every block
 * must be there too, so that the imported DAG is complete and exactly what the CID names.
 */
public final class CarFile {

    private CarFile() {
    }

    /** Thrown when the CAR is malformed, incomplete or holds a block that does not match its CID. */
    public static final class InvalidCarException extends RuntimeException {
        InvalidCarException(String message) {
            super(message);
        }
    }

    /** @return how many blocks the CAR holds, all verified */
    public static int verify(byte[] car, Cid root) {
        Set<Cid> present = new HashSet<>();
        Set<Cid> linked = new HashSet<>();
        try {
            Varint.Reader reader = new Varint.Reader(car, 0);
            long headerLength = reader.next();
            if (headerLength <= 0 || reader.position() + headerLength > car.length) {
                throw new InvalidCarException("the CAR header is truncated");
            }
            reader.skip((int) headerLength);
            int blocks = 0;
            while (reader.hasMore()) {
                long sectionLength = reader.next();
                int start = reader.position();
                if (sectionLength <= 0 || start + sectionLength > car.length) {
                    throw new InvalidCarException("block " + (blocks + 1) + " is truncated");
                }
                int end = (int) (start + sectionLength);
                int cidEnd = cidEnd(car, start, end);
                Cid cid = Cid.fromBytes(Arrays.copyOfRange(car, start, cidEnd));
                byte[] block = Arrays.copyOfRange(car, cidEnd, end);
                if (!cid.matches(block)) {
                    throw new InvalidCarException("block " + cid + " does not hash to its CID");
                }
                present.add(cid);
                if (cid.codec() == Cid.DAG_PB) {
                    linked.addAll(DagPb.links(block));
                }
                reader.skip((int) sectionLength);
                blocks++;
            }
            if (!present.contains(root)) {
                throw new InvalidCarException("the CAR does not hold the root block " + root);
            }
            linked.removeAll(present);
            if (!linked.isEmpty()) {
                throw new InvalidCarException("the CAR lacks " + linked.size() + " linked block(s), e.g. "
                        + linked.iterator().next());
            }
            return blocks;
        } catch (InvalidCidException e) {
            throw new InvalidCarException("malformed CAR: " + e.getMessage());
        }
    }

    /** Where the CID at {@code start} ends: 34 bytes for a v0 multihash, else version, codec and multihash. */
    private static int cidEnd(byte[] car, int start, int end) {
        if (end - start >= 34 && car[start] == 0x12 && car[start + 1] == 0x20) {
            return start + 34;
        }
        Varint.Reader r = new Varint.Reader(car, start);
        r.next(); // version
        r.next(); // codec
        r.next(); // hash function
        long length = r.next();
        long cidEnd = r.position() + length;
        if (length < 0 || cidEnd > end) {
            throw new InvalidCarException("a block's CID runs past its section");
        }
        return (int) cidEnd;
    }
}
