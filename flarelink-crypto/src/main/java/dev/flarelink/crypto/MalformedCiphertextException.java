package dev.flarelink.crypto;

/** Thrown when a stored token text does not have the {@code v1.<keyId>.<base64url payload>} shape. */
public final class MalformedCiphertextException extends CryptoException {

    private static final long serialVersionUID = 1L;

    private MalformedCiphertextException(String message) {
        super(message);
    }

    static MalformedCiphertextException because(String reason) {
        return new MalformedCiphertextException("Malformed encrypted token: " + reason);
    }
}
