package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The repeat detector used by the 2^20 nonce test must itself find repeats, or that test proves nothing. */
class NonceSetTests {

    @Test
    void findsAFullRepeatAndIgnoresSharedPrefixes() {
        byte[][] nonces = {nonce(1, 1), nonce(1, 2), nonce(2, 7), nonce(1, 1), nonce(1, 1)};

        assertThat(NonceSet.duplicates(pack(nonces), prefixes(nonces))).isEqualTo(2);
    }

    @Test
    void reportsNoneWhenAllDiffer() {
        byte[][] nonces = {nonce(1, 1), nonce(1, 2), nonce(2, 1)};

        assertThat(NonceSet.duplicates(pack(nonces), prefixes(nonces))).isZero();
    }

    private static byte[] nonce(long prefix, int suffix) {
        return ByteBuffer.allocate(12).putLong(prefix).putInt(suffix).array();
    }

    private static byte[] pack(byte[][] nonces) {
        ByteBuffer packed = ByteBuffer.allocate(nonces.length * 12);
        for (byte[] nonce : nonces) {
            packed.put(nonce);
        }
        return packed.array();
    }

    private static long[] prefixes(byte[][] nonces) {
        long[] prefixes = new long[nonces.length];
        for (int i = 0; i < nonces.length; i++) {
            prefixes[i] = ByteBuffer.wrap(nonces[i]).getLong();
        }
        return prefixes;
    }
}
