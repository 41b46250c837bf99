package dev.flarelink.crypto;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jspecify.annotations.Nullable;

/**
 * The raw AES-GCM primitive for one key (BouncyCastle lightweight API, 128-bit tag): no header, no key ring, the
 * caller supplies nonce and AAD. It accepts 128/192/256-bit keys and any nonce of at least one byte, so the whole
 * Wycheproof file runs through it; {@link AesGcmTokenCipher} only uses 256-bit keys and 96-bit nonces.
 *
 * <p>Setting a key up in BouncyCastle's GCM (AES key schedule and GHASH tables) costs about ten times the
 * encryption of a short token, so initialised instances are pooled and re-initialised with only a new nonce and AAD.
 * The pool is a bounded queue rather than a thread-local, which also suits virtual threads. Thread-safe.
 */
final class AesGcm {

    static final int TAG_BITS = 128;
    private static final int POOL_SIZE = 16;

    private final byte[] key;
    private final ArrayBlockingQueue<GCMModeCipher> pool = new ArrayBlockingQueue<>(POOL_SIZE);

    /** Uses a copy of {@code key} (16, 24 or 32 bytes). */
    AesGcm(byte[] key) {
        this.key = key.clone();
    }

    /** Returns ciphertext followed by the 16-byte tag. */
    byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] aad) {
        GCMModeCipher gcm = borrow(true, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
        int written = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption cannot fail authentication", e);
        }
        pool.offer(gcm);
        return out;
    }

    /**
     * Verifies the tag and returns the plaintext.
     *
     * @throws InvalidCipherTextException if the tag does not verify (altered data, other key, nonce or AAD)
     */
    byte[] decrypt(byte[] nonce, byte[] ciphertextWithTag, byte[] aad) throws InvalidCipherTextException {
        if (ciphertextWithTag.length < TAG_BITS / 8) {
            throw new InvalidCipherTextException("ciphertext shorter than the tag");
        }
        GCMModeCipher gcm = borrow(false, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(ciphertextWithTag.length)];
        int written = gcm.processBytes(ciphertextWithTag, 0, ciphertextWithTag.length, out, 0);
        try {
            written += gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            // BC may have written unverified plaintext already: wipe it. The instance is dropped, not pooled.
            Arrays.fill(out, (byte) 0);
            throw e;
        }
        pool.offer(gcm);
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    /** A pooled instance re-initialised with a null key (BC keeps the previous key), or a new keyed one. */
    private GCMModeCipher borrow(boolean forEncryption, byte[] nonce, byte[] aad) {
        GCMModeCipher gcm = pool.poll();
        @Nullable KeyParameter keyParameter = null;
        if (gcm == null) {
            gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
            keyParameter = new KeyParameter(key);
        }
        // Failing parameters (e.g. an empty nonce) throw here and the instance is not returned to the pool.
        gcm.init(forEncryption, new AEADParameters(keyParameter, TAG_BITS, nonce, aad));
        return gcm;
    }
}
