package dev.flarelink.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The raw AES-GCM primitive (BouncyCastle lightweight API) with a 128-bit tag: no header, no key ring, caller
 * supplies key, nonce and AAD. It accepts 128/192/256-bit keys and any nonce of at least one byte, so the whole
 * Wycheproof file runs through it; {@link AesGcmTokenCipher} only ever calls it with 256-bit keys and 96-bit nonces.
 */
final class AesGcm {

    static final int TAG_BITS = 128;

    private AesGcm() {}

    /** Returns ciphertext followed by the 16-byte tag. */
    static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        GCMModeCipher gcm = init(true, key, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
        int written = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption cannot fail authentication", e);
        }
        return out;
    }

    /**
     * Verifies the tag and returns the plaintext.
     *
     * @throws InvalidCipherTextException if the tag does not verify (altered data, other key, nonce or AAD)
     */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertextWithTag, byte[] aad)
            throws InvalidCipherTextException {
        if (ciphertextWithTag.length < TAG_BITS / 8) {
            throw new InvalidCipherTextException("ciphertext shorter than the tag");
        }
        GCMModeCipher gcm = init(false, key, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(ciphertextWithTag.length)];
        int written = gcm.processBytes(ciphertextWithTag, 0, ciphertextWithTag.length, out, 0);
        try {
            written += gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            // BC buffers plaintext until the tag is checked; wipe what it wrote before failing.
            Arrays.fill(out, (byte) 0);
            throw e;
        }
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    private static GCMModeCipher init(boolean forEncryption, byte[] key, byte[] nonce, byte[] aad) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(forEncryption, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        return gcm;
    }
}
