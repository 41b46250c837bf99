package dev.flarelink.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses and writes the key spec shared by {@code FLARELINK_MASTER_KEY} and key files. */
final class KeySpec {

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private KeySpec() {}

    static Keyring parse(String spec) {
        List<String> entries = entries(spec);
        if (entries.isEmpty()) {
            throw new InvalidKeyMaterialException("Key spec is empty: expected BASE64 or id:BASE64[,id:BASE64...]");
        }
        if (entries.size() == 1 && entries.get(0).indexOf(':') < 0) {
            return Keyring.of(Keyring.DEFAULT_KEY_ID, KeyMaterial.fromBase64(Keyring.DEFAULT_KEY_ID, entries.get(0)));
        }
        Keyring keyring = null;
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new InvalidKeyMaterialException(
                        "Key spec entry " + (i + 1) + " has no key id: expected id:BASE64 when several keys are given");
            }
            String keyId = entryKeyId(entry.substring(0, colon), i);
            KeyMaterial key = KeyMaterial.fromBase64(keyId, entry.substring(colon + 1));
            keyring = keyring == null ? Keyring.of(keyId, key) : keyring.withKey(keyId, key);
        }
        return keyring;
    }

    private static String entryKeyId(String keyId, int index) {
        if (!KeyIds.isValid(keyId)) {
            throw new InvalidKeyMaterialException("Key spec entry " + (index + 1)
                    + " has an invalid key id: use 1-32 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return keyId;
    }

    private static List<String> entries(String spec) {
        List<String> entries = new ArrayList<>();
        for (String line : spec.split("\\R")) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            for (String entry : SEPARATORS.split(content)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    static String format(Map<String, KeyMaterial> keys) {
        StringBuilder spec = new StringBuilder();
        keys.forEach(
                (id, key) -> spec.append(id).append(':').append(key.toBase64()).append('\n'));
        return spec.toString();
    }
}
