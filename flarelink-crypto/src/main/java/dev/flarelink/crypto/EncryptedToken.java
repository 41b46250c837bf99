package dev.flarelink.crypto;

import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of an encrypted token, one text value {@code v1.<keyId>.<base64url(nonce || ciphertext || tag)>}
 * (URL-safe base64 without padding); the header {@code v1.<keyId>} is authenticated together with the associated
 * data, so changing the version or key id makes decryption fail.
 */
public final class EncryptedToken {

    /** The only format version so far. */
    public static final String VERSION = "v1";

    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String keyId;
    private final byte[] payload;
    private final String text;

    private EncryptedToken(String keyId, byte[] payload, String text) {
        this.keyId = keyId;
        this.payload = payload;
        this.text = text;
    }

    static EncryptedToken of(String keyId, byte[] payload) {
        KeyIds.requireValid(keyId);
        if (payload.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new IllegalArgumentException("payload shorter than nonce and tag");
        }
        return new EncryptedToken(keyId, payload.clone(), header(keyId) + "." + ENCODER.encodeToString(payload));
    }

    /** Parses a stored token text; throws {@link MalformedCiphertextException} if it is not a v1 token. */
    public static EncryptedToken parse(String text) {
        int first = text.indexOf('.');
        int second = first < 0 ? -1 : text.indexOf('.', first + 1);
        if (second < 0) {
            throw MalformedCiphertextException.because("expected v1.<keyId>.<payload>");
        }
        if (!VERSION.equals(text.substring(0, first))) {
            throw MalformedCiphertextException.because("unsupported version (expected " + VERSION + ")");
        }
        String keyId = text.substring(first + 1, second);
        if (!KeyIds.isValid(keyId)) {
            throw MalformedCiphertextException.because("invalid key id");
        }
        byte[] payload = decodeStrict(text.substring(second + 1));
        if (payload.length < NONCE_LENGTH + TAG_LENGTH) {
            throw MalformedCiphertextException.because(
                    "payload of " + payload.length + " bytes is shorter than nonce and tag");
        }
        return new EncryptedToken(keyId, payload, text);
    }

    // Only the canonical encoding is accepted, so no two different texts decode to the same token.
    private static byte[] decodeStrict(String encoded) {
        byte[] payload;
        try {
            payload = DECODER.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw MalformedCiphertextException.because("payload is not base64url");
        }
        if (!ENCODER.encodeToString(payload).equals(encoded)) {
            throw MalformedCiphertextException.because("payload is not canonical unpadded base64url");
        }
        return payload;
    }

    static String header(String keyId) {
        return VERSION + "." + keyId;
    }

    /** The format version, {@code "v1"}. */
    public String version() {
        return VERSION;
    }

    /** The id of the key this token was encrypted with. */
    public String keyId() {
        return keyId;
    }

    /** The stored text form. */
    public String asText() {
        return text;
    }

    /** The authenticated header, {@code v1.<keyId>}. */
    String header() {
        return header(keyId);
    }

    /** A copy of the 12-byte nonce. */
    byte[] nonce() {
        return Arrays.copyOfRange(payload, 0, NONCE_LENGTH);
    }

    /** A copy of the ciphertext followed by the 16-byte tag. */
    byte[] ciphertextWithTag() {
        return Arrays.copyOfRange(payload, NONCE_LENGTH, payload.length);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EncryptedToken that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Names the key and size only: the ciphertext is kept out of logs as well. */
    @Override
    public String toString() {
        return "EncryptedToken[" + VERSION + ", keyId=" + keyId + ", " + payload.length + " bytes]";
    }
}
