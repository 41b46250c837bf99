package dev.flarelink.files;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a live preflight showed.
 *
 * @param passed the S3 endpoint allowed the request (status 2xx and an Allow-Origin header for this origin)
 * @param matchedRule the rule Flarelink expects to apply, computed from the bucket's rules; null when none does
 * @param url where the preflight was sent
 * @param status the raw HTTP status
 * @param responseHeaders the raw response headers, one value line each
 * @param verdict one sentence for the page
 */
public record CorsCheckResult(
        boolean passed,
        String origin,
        String method,
        @Nullable CorsRuleView matchedRule,
        String url,
        int status,
        Map<String, String> responseHeaders,
        String verdict) {

    public CorsCheckResult {
        responseHeaders = Map.copyOf(responseHeaders);
    }
}
