package dev.flarelink.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Counts repeated 12-byte nonces in a packed array without one object per nonce. */
final class NonceSet {

    private NonceSet() {}

    /**
     * Sorts the 8-byte prefixes; a full repeat implies a repeated prefix, and only then are the last 4 bytes
     * compared.
     */
    static int duplicates(byte[] packedNonces, long[] prefixes) {
        long[] sorted = prefixes.clone();
        Arrays.sort(sorted);
        int duplicates = 0;
        for (int i = 1; i < sorted.length; i++) {
            boolean firstRepeatOfThisPrefix = i == 1 || sorted[i - 1] != sorted[i - 2];
            if (sorted[i] == sorted[i - 1] && firstRepeatOfThisPrefix) {
                duplicates += fullRepeatsOf(sorted[i], packedNonces, prefixes);
            }
        }
        return duplicates;
    }

    private static int fullRepeatsOf(long prefix, byte[] packedNonces, long[] prefixes) {
        ByteBuffer buffer = ByteBuffer.wrap(packedNonces);
        Set<Integer> suffixes = new HashSet<>();
        int repeats = 0;
        for (int i = 0; i < prefixes.length; i++) {
            if (prefixes[i] == prefix && !suffixes.add(buffer.getInt(i * 12 + 8))) {
                repeats++;
            }
        }
        return repeats;
    }
}
