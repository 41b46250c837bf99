package dev.flarelink.files;

import dev.flarelink.cloudflare.r2.R2Cors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Builds and checks R2 CORS rules from form input, and finds the rule a request would match. */
final class CorsRules {

    static final String UPLOADS_RULE_ID = "flarelink-uploads";
    static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");
    static final int MAX_AGE_LIMIT = 86_400;

    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'+.^_`|~-]+|\\*");

    private CorsRules() {}

    /** The minimal rule for browser uploads: GET/PUT/HEAD, content-type, ETag exposed, cached an hour. */
    static R2Cors.Rule uploads(List<String> origins) {
        return new R2Cors.Rule(
                UPLOADS_RULE_ID,
                new R2Cors.Allowed(origins, List.of("GET", "PUT", "HEAD"), List.of("content-type")),
                List.of("ETag"),
                3600);
    }

    static R2Cors.Rule custom(CorsRuleCommand command) {
        List<String> origins = CorsOrigins.parseLines(command.origins(), "origins", true);
        List<String> methods = methods(command.methods());
        List<String> headers = headers(command.headers(), "headers");
        List<String> expose = headers(command.exposeHeaders(), "exposeHeaders");
        return new R2Cors.Rule(
                null, new R2Cors.Allowed(origins, methods, headers), expose, maxAge(command.maxAgeSeconds()));
    }

    /** The index of the first rule admitting this origin, method and every header; -1 if none. */
    static int match(List<R2Cors.Rule> rules, String origin, String method, List<String> headers) {
        for (int i = 0; i < rules.size(); i++) {
            R2Cors.Allowed allowed = rules.get(i).allowed();
            List<String> allowedHeaders = allowed.headers() == null ? List.of() : allowed.headers();
            boolean originOk = allowed.origins().stream().anyMatch(p -> CorsOrigins.admits(p, origin));
            boolean methodOk = allowed.methods().stream().anyMatch(m -> m.equalsIgnoreCase(method));
            boolean headersOk = headers.stream()
                    .allMatch(h -> allowedHeaders.stream().anyMatch(a -> a.equals("*") || a.equalsIgnoreCase(h)));
            if (originOk && methodOk && headersOk) {
                return i;
            }
        }
        return -1;
    }

    static CorsRuleView view(int index, R2Cors.Rule rule) {
        return new CorsRuleView(
                index,
                rule.id(),
                CorsWords.describe(rule),
                rule.allowed().origins(),
                rule.allowed().methods(),
                rule.allowed().headers() == null ? List.of() : rule.allowed().headers(),
                rule.exposeHeaders() == null ? List.of() : rule.exposeHeaders(),
                rule.maxAgeSeconds());
    }

    static String method(@Nullable String raw) {
        String method = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new FilesProblemException("method", "Choose one of GET, PUT, POST, DELETE or HEAD.");
        }
        return method;
    }

    private static List<String> methods(@Nullable List<String> raw) {
        Set<String> methods = new LinkedHashSet<>();
        for (String method : raw == null ? List.<String>of() : raw) {
            methods.add(method(method));
        }
        if (methods.isEmpty()) {
            throw new FilesProblemException("methods", "Tick at least one method; uploads need PUT.");
        }
        return METHODS.stream().filter(methods::contains).toList();
    }

    static List<String> headers(@Nullable String text, String field) {
        List<String> headers = new ArrayList<>();
        for (String header : (text == null ? "" : text).split("[,\\s]+")) {
            if (header.isBlank()) {
                continue;
            }
            if (!HEADER.matcher(header).matches()) {
                throw new FilesProblemException(
                        field,
                        "\"" + header + "\" is not a header name: use names such as "
                                + "content-type or x-amz-meta-owner, separated by commas.");
            }
            if (!headers.contains(header)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static @Nullable Integer maxAge(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(raw.strip());
            if (seconds >= 0 && seconds <= MAX_AGE_LIMIT) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new FilesProblemException(
                "maxAgeSeconds", "Enter whole seconds from 0 to 86400 (one day), e.g. 3600, or leave it blank.");
    }
}
