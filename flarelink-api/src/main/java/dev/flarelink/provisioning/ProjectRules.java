package dev.flarelink.provisioning;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wizard's input rules, with messages that say how to fix the input. Resource names derive from the project
 * name, so the name rule keeps every derived name valid for Cloudflare (the Worker name is a workers.dev DNS label).
 */
final class ProjectRules {

    static final int MAX_NAME = 32;
    static final int MAX_ORIGINS = 20;

    private static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");

    private ProjectRules() {}

    /** The validated input, normalised: origins lower-cased, without trailing slash, duplicates removed. */
    record ValidInput(
            String name, List<String> origins, @Nullable String r2Bucket) {}

    static ValidInput validate(String rawName, String rawOrigins, @Nullable String rawBucket) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = rawName.trim();
        if (!NAME.matcher(name).matches()) {
            errors.put(
                    "name",
                    "Use 1–32 lower-case letters, digits and hyphens, starting and ending with a letter or digit "
                            + "(for example my-app). It becomes part of the resource names, e.g. flarelink-my-app-auth.");
        }
        List<String> origins = new ArrayList<>();
        String originError = origins(rawOrigins, origins);
        if (originError != null) {
            errors.put("trustedOrigins", originError);
        }
        String bucket = rawBucket == null || rawBucket.isBlank() ? null : rawBucket.trim();
        if (bucket != null && !BUCKET.matcher(bucket).matches()) {
            errors.put(
                    "r2Bucket",
                    "An R2 bucket name has 3–63 lower-case letters, digits and hyphens and starts and ends with a "
                            + "letter or digit. Leave it empty for no bucket.");
        }
        if (!errors.isEmpty()) {
            throw new ProjectInputException(errors);
        }
        return new ValidInput(name, origins, bucket);
    }

    /** Validates trusted origins alone (the origins editor). */
    static List<String> validateOrigins(String rawOrigins) {
        List<String> origins = new ArrayList<>();
        String error = origins(rawOrigins, origins);
        if (error != null) {
            throw new ProjectInputException(Map.of("trustedOrigins", error));
        }
        return origins;
    }

    private static @Nullable String origins(String raw, List<String> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (String line : raw.split("\\R")) {
            String text = line.trim();
            if (text.isEmpty()) {
                continue;
            }
            String origin = origin(text);
            if (origin == null) {
                return "“" + abbreviate(text) + "” is not an origin. Write scheme://host or scheme://host:port with "
                        + "http or https and no path, one per line, e.g. https://app.example.com or "
                        + "http://localhost:3000.";
            }
            seen.add(origin);
        }
        if (seen.isEmpty()) {
            return "Add at least one origin your app runs on, e.g. https://app.example.com or http://localhost:3000.";
        }
        if (seen.size() > MAX_ORIGINS) {
            return "At most " + MAX_ORIGINS + " origins, please.";
        }
        out.addAll(seen);
        return null;
    }

    static @Nullable String origin(String text) {
        String withoutSlash = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            URI uri = new URI(withoutSlash);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean plain = uri.getRawPath() != null && uri.getRawPath().isEmpty();
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || !plain
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
