package io.lifeline.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.InvalidCidException;

/** The CID decoder against known CIDs (from js-ipfs and the multiformats examples). */
class CidTest {

    @Test
    void aCidV0IsParsedAndVerifiesItsBlock() {
        // The dag-pb block js-ipfs made for the file "hello-lifeline\n".
        byte[] block = new byte[] { 0x0a, 0x15, 0x08, 0x02, 0x12, 0x0f, 'h', 'e', 'l', 'l', 'o', '-', 'l', 'i', 'f', 'e',
                'l', 'i', 'n', 'e', '\n', 0x18, 0x0f };
        Cid cid = Cid.parse("QmWTpfyi3eo2HXLq6J8LfJy6E6QS1NwfRpCc82ShM7J2db");
        assertThat(cid.version()).isZero();
        assertThat(cid.codec()).isEqualTo(Cid.DAG_PB);
        assertThat(cid.matches(block)).isTrue();
        block[10] = 'X';
        assertThat(cid.matches(block)).isFalse();
        assertThat(cid.toString()).isEqualTo("QmWTpfyi3eo2HXLq6J8LfJy6E6QS1NwfRpCc82ShM7J2db");
    }

    @Test
    void aCidV1RawIsParsedInBase32AndBase58() {
        Cid cid = Cid.parse("bafkreia2uw45t7egdq5wpzoqfyint2szuescruov76frzwadvuxf7sus5m");
        assertThat(cid.version()).isEqualTo(1);
        assertThat(cid.codec()).isEqualTo(Cid.RAW);
        assertThat(cid.matches("rawdata".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(cid.toString()).isEqualTo("bafkreia2uw45t7egdq5wpzoqfyint2szuescruov76frzwadvuxf7sus5m");
        assertThat(Cid.parse("B" + cid.toString().substring(1).toUpperCase())).isEqualTo(cid);
        assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
    }

    @Test
    void garbageIsRejectedWithAReason() {
        assertThatThrownBy(() -> Cid.parse("not-a-cid!")).isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("multibase");
        assertThatThrownBy(() -> Cid.parse("QmWTpfyi3eo2HXLq6J8LfJy6E6QS1NwfRpCc82ShM7J2d0"))
                .isInstanceOf(InvalidCidException.class);
        assertThatThrownBy(() -> Cid.parse("bafy!")).isInstanceOf(InvalidCidException.class);
        assertThatThrownBy(() -> Cid.parse("")).isInstanceOf(InvalidCidException.class);
    }
}
