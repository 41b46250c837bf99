package dev.flarelink.crypto;

import java.util.regex.Pattern;

/** Rules for key ids, which appear in the token text, the key spec and log lines. */
final class KeyIds {

    // No '.', ':' or ',': those delimit the token text and the key spec.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private KeyIds() {}

    static boolean isValid(String keyId) {
        return VALID.matcher(keyId).matches();
    }

    /** Rejects an invalid id without echoing it: a mistyped spec could put key bytes where the id belongs. */
    static String requireValid(String keyId) {
        if (!isValid(keyId)) {
            throw new InvalidKeyMaterialException("Key id must be 1-32 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return keyId;
    }
}
