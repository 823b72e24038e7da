package io.lifeline.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Opens what the old {@code scripts/backup.sh} wrote with {@code openssl enc -aes-256-cbc -salt -pass
 * pass:...} under OpenSSL 1.1+/3.x defaults: a {@code Salted__} header and an 8-byte salt, key and IV
 * from EVP_BytesToKey with SHA-256 and one iteration (no PBKDF2), AES-256-CBC with PKCS#7 padding.
 * Bouncy Castle only, so that no {@code openssl} binary is needed at restore time.
 *
 * <p>The format has no authentication: a wrong password or a modified file is only noticed by a bad
 * padding at the end (about 1 in 256 wrong passwords passes it) or by what follows (gzip's CRC and
 * the SQL itself). Callers must check those too.
 */
public final class OpenSslDecryption {

    private static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);

    private OpenSslDecryption() {
    }

    public static InputStream decrypt(InputStream in, char[] password) throws IOException {
        byte[] header = in.readNBytes(16);
        if (header.length < 16 || !Arrays.equals(Arrays.copyOf(header, 8), MAGIC)) {
            throw new IOException("not an 'openssl enc -salt' file: the Salted__ header is missing");
        }
        byte[] salt = Arrays.copyOfRange(header, 8, 16);
        byte[] keyAndIv = bytesToKey(new String(password).getBytes(StandardCharsets.UTF_8), salt, 48);
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()),
                new PKCS7Padding());
        cipher.init(false, new ParametersWithIV(new KeyParameter(keyAndIv, 0, 32), keyAndIv, 32, 16));
        Arrays.fill(keyAndIv, (byte) 0);
        return new DecryptingStream(in, cipher);
    }

    /** EVP_BytesToKey(SHA-256, count 1): D_i = SHA256(D_{i-1} || password || salt), concatenated. */
    static byte[] bytesToKey(byte[] password, byte[] salt, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] out = new byte[length];
            byte[] previous = new byte[0];
            int filled = 0;
            while (filled < length) {
                sha256.update(previous);
                sha256.update(password);
                sha256.update(salt);
                previous = sha256.digest();
                int n = Math.min(previous.length, length - filled);
                System.arraycopy(previous, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams the decryption; a bad final padding (wrong password, truncated file) is an IOException. */
    private static final class DecryptingStream extends InputStream {
        private final InputStream in;
        private final BufferedBlockCipher cipher;
        private final byte[] inBuffer = new byte[1 << 16];
        private byte[] outBuffer = new byte[(1 << 16) + 32];
        private int outPos;
        private int outLen;
        private boolean finished;

        DecryptingStream(InputStream in, BufferedBlockCipher cipher) {
            this.in = in;
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (outPos == outLen) {
                if (finished) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, outLen - outPos);
            System.arraycopy(outBuffer, outPos, b, off, n);
            outPos += n;
            return n;
        }

        private void fill() throws IOException {
            outPos = 0;
            int n = in.read(inBuffer);
            try {
                if (n < 0) {
                    finished = true;
                    outLen = cipher.doFinal(outBuffer, 0);
                } else {
                    int needed = cipher.getUpdateOutputSize(n);
                    if (needed > outBuffer.length) {
                        outBuffer = new byte[needed];
                    }
                    outLen = cipher.processBytes(inBuffer, 0, n, outBuffer, 0);
                }
            } catch (InvalidCipherTextException | DataLengthException e) {
                throw new IOException("openssl decryption failed (wrong password, or a truncated or modified file): "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
