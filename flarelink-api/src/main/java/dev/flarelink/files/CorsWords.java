package dev.flarelink.files;

import dev.flarelink.cloudflare.r2.R2Cors;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Says a CORS rule in plain words, e.g. "Browsers on https://app.example.com may GET, PUT and HEAD objects, sending
 * content-type; they can read ETag; the answer is cached 1 hour".
 */
final class CorsWords {

    private CorsWords() {}

    static String describe(R2Cors.Rule rule) {
        List<String> headers = orEmpty(rule.allowed().headers());
        List<String> expose = orEmpty(rule.exposeHeaders());
        StringBuilder text = new StringBuilder("Browsers on ")
                .append(origins(rule.allowed().origins()))
                .append(" may ")
                .append(join(rule.allowed().methods()))
                .append(" objects");
        if (headers.contains("*")) {
            text.append(", sending any header");
        } else if (!headers.isEmpty()) {
            text.append(", sending ").append(join(headers));
        }
        text.append(expose.isEmpty() ? "; they can read no extra response headers" : "; they can read " + join(expose));
        text.append(cache(rule.maxAgeSeconds()));
        return text.toString();
    }

    private static String origins(List<String> origins) {
        if (origins.contains("*")) {
            return "any site";
        }
        return join(origins.stream()
                .map(o -> o.contains("://*.") ? "any subdomain of " + o.replace("*.", "") : o)
                .toList());
    }

    private static String cache(@Nullable Integer seconds) {
        if (seconds == null) {
            return "; browsers choose how long to cache the answer";
        }
        if (seconds == 0) {
            return "; the answer is not cached";
        }
        return "; the answer is cached " + duration(seconds);
    }

    static String duration(int seconds) {
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** "a", "a and b", "a, b and c". */
    static String join(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static List<String> orEmpty(@Nullable List<String> values) {
        return values == null ? List.of() : values;
    }
}
