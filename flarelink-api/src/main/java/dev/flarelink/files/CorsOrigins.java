package dev.flarelink.files;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks CORS origins the way a browser sends them ({@code scheme://host[:port]}). A wildcard is accepted as the
 * whole value {@code *} or as the first label of the host ({@code https://*.example.com}): R2 accepts and matches
 * that form (cloudflare/cloudflare-docs#32888), and refuses a wildcard port.
 */
final class CorsOrigins {

    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?");

    private CorsOrigins() {}

    /** One origin per line (blank lines ignored, duplicates dropped), each checked; at least one. */
    static List<String> parseLines(@Nullable String text, String field, boolean wildcards) {
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        for (String line : (text == null ? "" : text).split("[\\r\\n,]+")) {
            if (!line.isBlank()) {
                origins.add(check(line, field, wildcards));
            }
        }
        if (origins.isEmpty()) {
            throw new FilesProblemException(field, "Enter at least one origin, e.g. https://app.example.com.");
        }
        return new ArrayList<>(origins);
    }

    /** The origin, lower-cased, or a message saying what is wrong with it and how to write it. */
    static String check(String raw, String field, boolean wildcards) {
        String origin = raw.strip();
        if (origin.equals("*")) {
            if (!wildcards) {
                throw new FilesProblemException(field, "Enter one real origin such as https://app.example.com, not *.");
            }
            return origin;
        }
        int scheme = origin.indexOf("://");
        if (scheme < 0) {
            throw problem(field, origin, "add the scheme, e.g. https://" + origin);
        }
        String schemeName = origin.substring(0, scheme).toLowerCase(Locale.ROOT);
        if (!schemeName.equals("https") && !schemeName.equals("http")) {
            throw problem(field, origin, "an origin starts with https:// or http://");
        }
        String rest = origin.substring(scheme + 3);
        int slash = indexOfAny(rest, "/?#");
        if (slash >= 0) {
            throw problem(
                    field,
                    origin,
                    "an origin has no path, query or trailing slash; use " + schemeName + "://"
                            + rest.substring(0, slash));
        }
        if (rest.contains("*") && (!wildcards || rest.lastIndexOf('*') != 0 || !rest.startsWith("*."))) {
            throw problem(
                    field,
                    origin,
                    wildcards
                            ? "a wildcard may only be * on its own or the first part of the host, as in "
                                    + "https://*.example.com (not in the port or elsewhere)"
                            : "enter the exact origin of the page, without wildcards");
        }
        String normalised = schemeName + "://" + rest.toLowerCase(Locale.ROOT);
        if (!ORIGIN.matcher(normalised).matches()) {
            throw problem(
                    field,
                    origin,
                    "write it as scheme://host or scheme://host:port, e.g. "
                            + "https://app.example.com or http://localhost:5173");
        }
        return normalised;
    }

    /** Whether an allowed-origin pattern admits this concrete origin (what R2 does when it evaluates a rule). */
    static boolean admits(String pattern, String origin) {
        if (pattern.equals("*") || pattern.equalsIgnoreCase(origin)) {
            return true;
        }
        int star = pattern.indexOf("://*.");
        if (star < 0) {
            return false;
        }
        String prefix = pattern.substring(0, star + 3).toLowerCase(Locale.ROOT);
        String suffix = pattern.substring(star + 4).toLowerCase(Locale.ROOT);
        String candidate = origin.toLowerCase(Locale.ROOT);
        return candidate.startsWith(prefix)
                && candidate.endsWith(suffix)
                && candidate.length() > prefix.length() + suffix.length()
                && candidate
                                .substring(prefix.length(), candidate.length() - suffix.length())
                                .indexOf('/')
                        < 0;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static FilesProblemException problem(String field, String origin, String fix) {
        return new FilesProblemException(field, "\"" + origin + "\" is not a valid origin: " + fix + ".");
    }
}
