package dev.flarelink.crypto;

/**
 * Thrown when a key, key spec or key file cannot be used (bad base64, wrong length, bad or duplicate key id,
 * unreadable file); the message names the problem and the key id, never the key bytes.
 */
public final class InvalidKeyMaterialException extends CryptoException {

    private static final long serialVersionUID = 1L;

    InvalidKeyMaterialException(String message) {
        super(message);
    }
}
