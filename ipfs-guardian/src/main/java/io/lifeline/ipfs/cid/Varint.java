package io.lifeline.ipfs.cid;

/** Unsigned LEB128 varints, as used by multiformats, protobuf and CAR files. */
public final class Varint {

    private Varint() {
    }

    /** Reads varints from a byte array, tracking the position. */
    public static final class Reader {
        private final byte[] data;
        private int pos;

        public Reader(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        public long next() {
            long value = 0;
            int shift = 0;
            while (true) {
                if (pos >= data.length) {
                    throw new InvalidCidException("truncated varint");
                }
                int b = data[pos++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
                shift += 7;
                if (shift > 63) {
                    throw new InvalidCidException("varint too long");
                }
            }
        }

        public int position() {
            return pos;
        }

        public void skip(int n) {
            pos += n;
        }

        public boolean hasMore() {
            return pos < data.length;
        }
    }
}
