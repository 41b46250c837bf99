package dev.flarelink.crypto;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * The {@link TokenCipher}: AES-256-GCM (BouncyCastle) with a 96-bit nonce from {@link SecureRandom} per encryption
 * and a 128-bit tag. The GCM additional data is the token header ({@code v1.<keyId>}) followed by the canonical
 * associated data, so neither the key id nor the owner or purpose can be swapped. Thread-safe.
 */
public final class AesGcmTokenCipher implements TokenCipher {

    private final Keyring keyring;
    private final Map<String, AesGcm> primitives;
    private final SecureRandom random;
    private final AadBinding aadBinding;

    /** Composes the GCM additional data for a token; a seam so known-answer vectors can supply raw AAD. */
    @FunctionalInterface
    interface AadBinding {
        byte[] aad(String header, AssociatedData associatedData);
    }

    // Length-prefixed header then the (self-delimiting, length-prefixed) associated data: no field can bleed
    // into another.
    static final AadBinding HEADER_AND_ASSOCIATED_DATA = (header, associatedData) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        AssociatedData.writeString(out, header);
        byte[] canonical = associatedData.canonicalBytes();
        out.write(canonical, 0, canonical.length);
        return out.toByteArray();
    };

    /** A cipher over {@code keyring} drawing nonces from a new {@link SecureRandom}. */
    public AesGcmTokenCipher(Keyring keyring) {
        this(keyring, new SecureRandom());
    }

    /** A cipher over {@code keyring} drawing nonces from {@code random} (which must be a CSPRNG). */
    public AesGcmTokenCipher(Keyring keyring, SecureRandom random) {
        this(keyring, random, HEADER_AND_ASSOCIATED_DATA);
    }

    AesGcmTokenCipher(Keyring keyring, SecureRandom random, AadBinding aadBinding) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.random = Objects.requireNonNull(random, "random");
        this.aadBinding = aadBinding;
        this.primitives = primitivesFor(keyring);
    }

    private static Map<String, AesGcm> primitivesFor(Keyring keyring) {
        Map<String, AesGcm> primitives = new HashMap<>();
        for (String keyId : keyring.keyIds()) {
            byte[] key = keyring.key(keyId).copyBytes();
            primitives.put(keyId, new AesGcm(key));
            Arrays.fill(key, (byte) 0);
        }
        return Map.copyOf(primitives);
    }

    private AesGcm primitive(String keyId) {
        AesGcm primitive = primitives.get(keyId);
        if (primitive == null) {
            throw UnknownKeyException.forKeyId(keyId);
        }
        return primitive;
    }

    /** The key ring this cipher uses. */
    public Keyring keyring() {
        return keyring;
    }

    @Override
    public String encrypt(byte[] plaintext, AssociatedData associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        String keyId = keyring.primaryKeyId();
        // A fresh random nonce on every call, updates and re-encryption included: a repeat under one key leaks the
        // GHASH key. 2^32 random nonces per key is the NIST limit, far above a token store's write count.
        byte[] nonce = new byte[EncryptedToken.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] aad = aadBinding.aad(EncryptedToken.header(keyId), associatedData);
        byte[] sealed = primitive(keyId).encrypt(nonce, plaintext, aad);
        byte[] payload = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, payload, 0, nonce.length);
        System.arraycopy(sealed, 0, payload, nonce.length, sealed.length);
        return EncryptedToken.of(keyId, payload).asText();
    }

    @Override
    public byte[] decrypt(String ciphertext, AssociatedData associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        EncryptedToken token = EncryptedToken.parse(ciphertext);
        AesGcm primitive = primitive(token.keyId());
        byte[] aad = aadBinding.aad(token.header(), associatedData);
        try {
            return primitive.decrypt(token.nonce(), token.ciphertextWithTag(), aad);
        } catch (InvalidCipherTextException e) {
            throw AuthenticationFailedException.forKey(token.keyId());
        }
    }

    @Override
    public boolean needsReencryption(String ciphertext) {
        return keyring.needsReencryption(ciphertext);
    }

    @Override
    public String reencrypt(String ciphertext, AssociatedData associatedData) {
        byte[] plaintext = decrypt(ciphertext, associatedData);
        try {
            return encrypt(plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "AesGcmTokenCipher[" + keyring + "]";
    }
}
