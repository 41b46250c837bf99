package dev.flarelink.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.security.auth.Destroyable;
import org.jspecify.annotations.Nullable;

/**
 * Holds one 256-bit AES key: copies in and out, compares in constant time, never prints its bytes, and can be wiped
 * with {@link #destroy()} (modelled on Tink's {@code SecretBytes}).
 */
public final class KeyMaterial implements Destroyable {

    /** AES-256 key length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private volatile boolean destroyed;

    private KeyMaterial(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code key}, which must be exactly 32 bytes; the caller may wipe its array afterwards. */
    public static KeyMaterial copyOf(byte[] key) {
        if (key.length != LENGTH) {
            throw new InvalidKeyMaterialException(
                    "An AES-256 key must be " + LENGTH + " bytes (256 bits), got " + key.length + " bytes");
        }
        return new KeyMaterial(key.clone());
    }

    /** Draws a fresh random key. */
    public static KeyMaterial generate(SecureRandom random) {
        byte[] key = new byte[LENGTH];
        random.nextBytes(key);
        return new KeyMaterial(key);
    }

    /**
     * Decodes a base64 (standard or URL-safe alphabet, padding optional) 32-byte key; {@code keyId} only names the
     * key in error messages.
     */
    public static KeyMaterial fromBase64(String keyId, String encoded) {
        byte[] decoded = decodeBase64(keyId, encoded.strip());
        try {
            if (decoded.length != LENGTH) {
                throw new InvalidKeyMaterialException("Key '" + keyId + "' must decode to " + LENGTH
                        + " bytes (256 bits), got " + decoded.length + " bytes");
            }
            return copyOf(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static byte[] decodeBase64(String keyId, String encoded) {
        boolean urlSafe = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0;
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(encoded);
        } catch (IllegalArgumentException e) {
            // The JDK message quotes the offending character, which is part of the key: do not pass it on.
            throw new InvalidKeyMaterialException("Key '" + keyId + "' is not valid base64");
        }
    }

    /** A copy of the key bytes, for the cipher only; the caller wipes it after use. */
    byte[] copyBytes() {
        if (destroyed) {
            throw new IllegalStateException("Key material was destroyed");
        }
        return bytes.clone();
    }

    /** Base64 text of the key, used only to write a key file. */
    String toBase64() {
        byte[] copy = copyBytes();
        try {
            return Base64.getEncoder().encodeToString(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /**
     * Overwrites the key bytes with zeros; later use throws {@link IllegalStateException}. Ciphers built earlier keep
     * their own key schedule until they are dropped.
     */
    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time comparison of the key bytes. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof KeyMaterial that && MessageDigest.isEqual(bytes, that.bytes);
    }

    /** A constant: a hash of the bytes would leak key bits into hash tables and timing. */
    @Override
    public int hashCode() {
        return LENGTH;
    }

    @Override
    public String toString() {
        return "KeyMaterial[AES-256, redacted]";
    }
}
