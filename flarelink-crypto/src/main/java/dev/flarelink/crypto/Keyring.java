package dev.flarelink.crypto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of named AES-256 keys: the primary key encrypts, every key decrypts the tokens that name it.
 * Rotation builds new key rings: {@link #withKey add} a key, {@link #promote} it, re-encrypt, then {@link #retire}
 * the old one (see docs/crypto.md).
 */
public final class Keyring {

    /** Key id given to a single bare base64 key in a spec. */
    public static final String DEFAULT_KEY_ID = "k1";

    private final String primaryKeyId;
    private final Map<String, KeyMaterial> keys; // primary first, then in the order they were added

    private Keyring(String primaryKeyId, Map<String, KeyMaterial> keys) {
        this.primaryKeyId = primaryKeyId;
        this.keys = keys;
    }

    /** A key ring holding one key, which is primary. */
    public static Keyring of(String keyId, KeyMaterial key) {
        Map<String, KeyMaterial> keys = new LinkedHashMap<>();
        keys.put(KeyIds.requireValid(keyId), key);
        return new Keyring(keyId, keys);
    }

    /**
     * Parses a key spec, the format of {@code FLARELINK_MASTER_KEY} and of key files: either one bare base64 32-byte
     * key (id {@value #DEFAULT_KEY_ID}), or {@code id:BASE64} entries separated by commas or whitespace, the first
     * being primary, e.g. {@code k2:BASE64,k1:BASE64}. Lines starting with {@code #} are comments.
     *
     * @throws InvalidKeyMaterialException naming the entry and problem, never the key bytes
     */
    public static Keyring parse(String spec) {
        return KeySpec.parse(spec);
    }

    /** Adds a decrypt-only key (rotation step 1: deploy it everywhere before promoting it). */
    public Keyring withKey(String keyId, KeyMaterial key) {
        KeyIds.requireValid(keyId);
        if (keys.containsKey(keyId)) {
            throw new InvalidKeyMaterialException("Key id '" + keyId + "' is already in the key ring");
        }
        Map<String, KeyMaterial> copy = new LinkedHashMap<>(keys);
        copy.put(keyId, key);
        return new Keyring(primaryKeyId, copy);
    }

    /** Makes an existing key primary; the previous primary stays for decryption. */
    public Keyring promote(String keyId) {
        KeyMaterial key = key(keyId);
        Map<String, KeyMaterial> copy = new LinkedHashMap<>();
        copy.put(keyId, key);
        copy.putAll(keys);
        return new Keyring(keyId, copy);
    }

    /** Removes a non-primary key; tokens still under it then fail with {@link UnknownKeyException}. */
    public Keyring retire(String keyId) {
        key(keyId);
        if (keyId.equals(primaryKeyId)) {
            throw new IllegalArgumentException("Cannot retire the primary key '" + keyId + "': promote another first");
        }
        Map<String, KeyMaterial> copy = new LinkedHashMap<>(keys);
        copy.remove(keyId);
        return new Keyring(primaryKeyId, copy);
    }

    /** The id of the key that encrypts. */
    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** All key ids, primary first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    public boolean contains(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The key id a stored token names, read from its header without decrypting. */
    public String keyIdOf(String ciphertext) {
        return EncryptedToken.parse(ciphertext).keyId();
    }

    /** Whether a stored token is under a key other than the primary, so a rotation job should re-encrypt it. */
    public boolean needsReencryption(String ciphertext) {
        return !primaryKeyId.equals(keyIdOf(ciphertext));
    }

    KeyMaterial primaryKey() {
        return keys.get(primaryKeyId);
    }

    KeyMaterial key(String keyId) {
        KeyMaterial key = keys.get(keyId);
        if (key == null) {
            throw UnknownKeyException.forKeyId(keyId);
        }
        return key;
    }

    /** The key ring in spec form, primary first; holds key bytes, so only for writing a 0600 key file. */
    String toSpec() {
        return KeySpec.format(keys);
    }

    /** Key ids only. */
    @Override
    public String toString() {
        return "Keyring[primary=" + primaryKeyId + ", keys=" + keys.keySet() + "]";
    }
}
