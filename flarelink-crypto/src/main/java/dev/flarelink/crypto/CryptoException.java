package dev.flarelink.crypto;

/**
 * Base of every failure raised by the token encryption module; messages name the cause and never contain key,
 * plaintext or ciphertext bytes.
 */
public abstract class CryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CryptoException(String message) {
        super(message);
    }
}
