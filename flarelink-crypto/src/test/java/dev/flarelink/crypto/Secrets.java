package dev.flarelink.crypto;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Every text form a key could leak in, for "never printed" assertions. */
final class Secrets {

    private Secrets() {}

    static List<String> encodings(byte[] key) {
        return List.of(
                Base64.getEncoder().encodeToString(key),
                Base64.getEncoder().withoutPadding().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key),
                HexFormat.of().withUpperCase().formatHex(key),
                // A prefix catches partial leaks too (e.g. a quoted character or truncated dump).
                Base64.getEncoder().encodeToString(key).substring(0, 8),
                HexFormat.of().formatHex(key).substring(0, 8));
    }
}
