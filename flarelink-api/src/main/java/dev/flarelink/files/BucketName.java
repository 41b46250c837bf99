package dev.flarelink.files;

import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** R2's bucket naming rules and location hints, checked before any call to Cloudflare (reference §7.1). */
final class BucketName {

    static final Set<String> LOCATION_HINTS = Set.of("apac", "eeur", "enam", "weur", "wnam", "oc");

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9-]+");

    private BucketName() {}

    /** The name, trimmed, if R2 accepts it; otherwise a message saying what is wrong and how to fix it. */
    static String check(@Nullable String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.length() < 3 || name.length() > 63) {
            throw problem("A bucket name has 3 to 63 characters; this one has " + name.length() + ".");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw problem("Use only lower-case letters a–z, digits and hyphens (no capitals, dots, spaces or "
                    + "underscores).");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw problem("A bucket name must start and end with a letter or digit, not a hyphen.");
        }
        return name;
    }

    /** A bucket named in a URL: one R2 could not have created reads as "not found", before any call. */
    static String existing(String name) {
        try {
            return check(name);
        } catch (FilesProblemException invalid) {
            throw BucketNotFoundException.named("(invalid name)");
        }
    }

    /** The hint, or null for "let Cloudflare choose". */
    static @Nullable String checkLocation(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String hint = raw.strip();
        if (!LOCATION_HINTS.contains(hint)) {
            throw new FilesProblemException(
                    "locationHint", "Choose one of apac, eeur, enam, weur, wnam, oc, or leave it to Cloudflare.");
        }
        return hint;
    }

    private static FilesProblemException problem(String message) {
        return new FilesProblemException("name", message);
    }
}
