package dev.flarelink.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key for one purpose, derived from a master key: it signs values the server hands out or stores
 * (device cookies, activity checkpoints) so that whoever can change them without the master key cannot forge them.
 * Each purpose gets its own key (HMAC of the purpose under the master key), so a signature made for one purpose never
 * verifies for another.
 */
public final class MacKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final String keyId;
    private final SecretKeySpec key;

    private MacKey(String keyId, byte[] derived) {
        this.keyId = keyId;
        this.key = new SecretKeySpec(derived, ALGORITHM);
    }

    /** Derives the key for {@code purpose} from the key ring's primary key. */
    public static MacKey derive(Keyring keyring, String purpose) {
        return derive(keyring, keyring.primaryKeyId(), purpose);
    }

    /** Derives the key for {@code purpose} from the named key of the ring (to check what an older key signed). */
    public static MacKey derive(Keyring keyring, String keyId, String purpose) {
        byte[] master = keyring.key(keyId).copyBytes();
        try {
            return new MacKey(keyId, hmac(master, purpose.getBytes(StandardCharsets.UTF_8)));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** The id of the master key this key was derived from. */
    public String keyId() {
        return keyId;
    }

    /** The signature of {@code data}, URL-safe base64 without padding. */
    public String sign(String data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(data));
    }

    /** Whether {@code signature} is this key's signature of {@code data}; compares in constant time. */
    public boolean verify(String data, String signature) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(data), given);
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "MacKey[" + keyId + "]";
    }
}
