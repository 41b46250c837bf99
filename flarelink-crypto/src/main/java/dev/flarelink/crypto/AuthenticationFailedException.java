package dev.flarelink.crypto;

/**
 * Thrown when GCM tag verification fails: the ciphertext was altered, or the associated data or key differs from
 * the ones used to encrypt. GCM cannot tell these causes apart, so neither does this exception.
 */
public final class AuthenticationFailedException extends CryptoException {

    private static final long serialVersionUID = 1L;

    private AuthenticationFailedException(String message) {
        super(message);
    }

    static AuthenticationFailedException forKey(String keyId) {
        return new AuthenticationFailedException("Token authentication failed under key '" + keyId
                + "': ciphertext was altered, or associated data / key differs");
    }
}
