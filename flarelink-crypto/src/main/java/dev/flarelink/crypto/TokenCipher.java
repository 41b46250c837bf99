package dev.flarelink.crypto;

/**
 * Encrypts and decrypts secrets (the Cloudflare API token) for storage as one text column, bound to the
 * {@link AssociatedData} of their owner and purpose.
 */
public interface TokenCipher {

    /**
     * Encrypts under the primary key with a fresh random nonce.
     *
     * @return the stored form {@code v1.<keyId>.<base64url(nonce || ciphertext || tag)>}
     */
    String encrypt(byte[] plaintext, AssociatedData associatedData);

    /**
     * Decrypts a stored token with the key its header names; the caller should wipe the returned array after use.
     *
     * @throws MalformedCiphertextException if the text is not a v1 token
     * @throws UnknownKeyException if the key ring does not hold the named key
     * @throws AuthenticationFailedException if the ciphertext was altered, or associated data / key differs
     */
    byte[] decrypt(String ciphertext, AssociatedData associatedData);

    /** As {@link #decrypt(String, AssociatedData)}, for a token already parsed with {@link EncryptedToken#parse}. */
    default byte[] decrypt(EncryptedToken token, AssociatedData associatedData) {
        return decrypt(token.asText(), associatedData);
    }

    /** Whether the token is under a key other than the current primary (read from the header, no decryption). */
    boolean needsReencryption(String ciphertext);

    /**
     * Decrypts with whichever key the token names and encrypts again under the primary key with a fresh nonce;
     * the plaintext never leaves this method.
     */
    String reencrypt(String ciphertext, AssociatedData associatedData);
}
