package io.lifeline.ipfs.cid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The links of a dag-pb block (UnixFS files larger than one chunk): just enough protobuf to walk a
 * file's blocks when it has to be brought back block by block from a gateway.
 * PBNode { repeated PBLink Links = 2; bytes Data = 1; } PBLink { bytes Hash = 1; ... }
 */
public final class DagPb {

    private DagPb() {
    }

    public static List<Cid> links(byte[] block) {
        List<Cid> links = new ArrayList<>();
        Varint.Reader r = new Varint.Reader(block, 0);
        while (r.hasMore()) {
            long key = r.next();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire != 2) {
                throw new InvalidCidException("not a dag-pb block (wire type " + wire + ")");
            }
            int len = (int) r.next();
            int start = r.position();
            if (len < 0 || start + len > block.length) {
                throw new InvalidCidException("truncated dag-pb block");
            }
            if (field == 2) {
                links.add(linkHash(Arrays.copyOfRange(block, start, start + len)));
            }
            r.skip(len);
        }
        return links;
    }

    private static Cid linkHash(byte[] link) {
        Varint.Reader r = new Varint.Reader(link, 0);
        while (r.hasMore()) {
            long key = r.next();
            int wire = (int) (key & 7);
            if (wire == 0) {
                r.next();
                continue;
            }
            int len = (int) r.next();
            if ((key >>> 3) == 1) {
                return Cid.fromBytes(Arrays.copyOfRange(link, r.position(), r.position() + len));
            }
            r.skip(len);
        }
        throw new InvalidCidException("dag-pb link without a hash");
    }
}
