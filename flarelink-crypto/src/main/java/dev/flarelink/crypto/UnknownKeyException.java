package dev.flarelink.crypto;

/** Thrown when a ciphertext names a key id that the key ring does not hold (for example a retired key). */
public final class UnknownKeyException extends CryptoException {

    private static final long serialVersionUID = 1L;

    private final String keyId;

    private UnknownKeyException(String keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    static UnknownKeyException forKeyId(String keyId) {
        return new UnknownKeyException(
                keyId, "No key with id '" + keyId + "' in the key ring (was it retired before re-encryption?)");
    }

    /** The key id named by the ciphertext or the caller; key ids are not secret. */
    public String keyId() {
        return keyId;
    }
}
