package dev.flarelink.cloudflare.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * R2 CORS rules in R2's own camelCase REST shape: strict validation (anything S3-shaped or snake_case is
 * "not well formed", code 10040) and rule matching for preflight and actual requests on the S3 endpoint.
 */
final class Cors {

    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    private static final Set<String> RULE_KEYS = Set.of("id", "allowed", "exposeHeaders", "maxAgeSeconds");
    private static final Set<String> ALLOWED_KEYS = Set.of("origins", "methods", "headers");

    private Cors() {}

    static void validate(JsonNode body) {
        if (!body.isObject() || body.size() != 1 || !body.path("rules").isArray()) {
            throw malformed();
        }
        for (JsonNode rule : body.path("rules")) {
            if (!rule.isObject() || !RULE_KEYS.containsAll(rule.propertyNames())) {
                throw malformed();
            }
            JsonNode allowed = rule.path("allowed");
            if (!allowed.isObject() || !ALLOWED_KEYS.containsAll(allowed.propertyNames())) {
                throw malformed();
            }
            if (!nonEmptyStrings(allowed.path("origins")) || !nonEmptyStrings(allowed.path("methods"))) {
                throw malformed();
            }
            for (JsonNode method : allowed.path("methods")) {
                if (!METHODS.contains(method.asString())) {
                    throw malformed();
                }
            }
            boolean headersOk = !allowed.has("headers") || strings(allowed.path("headers"));
            boolean exposeOk = !rule.has("exposeHeaders") || strings(rule.path("exposeHeaders"));
            JsonNode maxAge = rule.path("maxAgeSeconds");
            boolean maxAgeOk = maxAge.isMissingNode()
                    || maxAge.isIntegralNumber() && maxAge.asLong() >= 0 && maxAge.asLong() <= 86_400;
            if (!headersOk || !exposeOk || !maxAgeOk) {
                throw malformed();
            }
        }
    }

    private static ApiException malformed() {
        return ApiException.badRequest(10040, "The JSON you provided was not well formed.");
    }

    private static boolean nonEmptyStrings(JsonNode node) {
        return strings(node) && !node.isEmpty();
    }

    private static boolean strings(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isString()) {
                return false;
            }
        }
        return true;
    }

    /** The first rule allowing this origin, method and every requested header, or null. */
    static @Nullable JsonNode match(@Nullable JsonNode rules, String origin, String method, List<String> headers) {
        if (rules == null) {
            return null;
        }
        for (JsonNode rule : rules.path("rules")) {
            JsonNode allowed = rule.path("allowed");
            if (originAllowed(allowed.path("origins"), origin)
                    && contains(allowed.path("methods"), method, false)
                    && headers.stream().allMatch(h -> contains(allowed.path("headers"), h, true))) {
                return rule;
            }
        }
        return null;
    }

    private static boolean originAllowed(JsonNode origins, String origin) {
        for (JsonNode allowed : origins) {
            String pattern = allowed.asString();
            if (pattern.equals("*") || pattern.equalsIgnoreCase(origin)) {
                return true;
            }
            if (pattern.contains("*")) {
                String regex = Pattern.quote(pattern).replace("*", "\\E[^/]*\\Q");
                if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE)
                        .matcher(origin)
                        .matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(JsonNode values, String wanted, boolean wildcard) {
        for (JsonNode value : values) {
            String text = value.asString();
            if (text.equalsIgnoreCase(wanted) || wildcard && text.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** Response headers for a request the rule allowed. */
    static Map<String, String> headers(
            JsonNode rule, String origin, boolean preflight, String method, String requested) {
        boolean anyOrigin = contains(rule.path("allowed").path("origins"), "*", false);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        headers.put("Vary", "Origin");
        if (preflight) {
            headers.put("Access-Control-Allow-Methods", method);
            if (!requested.isBlank()) {
                headers.put("Access-Control-Allow-Headers", requested.toLowerCase(Locale.ROOT));
            }
            if (rule.has("maxAgeSeconds")) {
                headers.put(
                        "Access-Control-Max-Age",
                        String.valueOf(rule.path("maxAgeSeconds").asLong()));
            }
        } else if (rule.has("exposeHeaders") && !rule.path("exposeHeaders").isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(", ", textList(rule.path("exposeHeaders"))));
        }
        return headers;
    }

    static List<String> textList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.asString()));
        return values;
    }

    static List<String> requestedHeaders(String header) {
        return header.isBlank()
                ? List.of()
                : List.of(header.split(",")).stream()
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .toList();
    }
}
