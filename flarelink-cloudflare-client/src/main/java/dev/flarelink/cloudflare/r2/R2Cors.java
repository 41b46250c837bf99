package dev.flarelink.cloudflare.r2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's CORS policy in R2's own camelCase schema; S3's PascalCase is rejected with 10040 (P11).
 *
 * @param rules the rules; empty when no policy is set
 */
public record R2Cors(List<Rule> rules) {

    public R2Cors {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** No policy. */
    public static R2Cors none() {
        return new R2Cors(List.of());
    }

    /**
     * One CORS rule.
     *
     * @param id optional rule id
     * @param allowed allowed origins, methods and headers
     * @param exposeHeaders response headers exposed to the browser
     * @param maxAgeSeconds preflight cache time (≤ 86400)
     */
    public record Rule(
            @Nullable String id,
            Allowed allowed,
            @JsonProperty("exposeHeaders") @Nullable List<String> exposeHeaders,
            @JsonProperty("maxAgeSeconds") @Nullable Integer maxAgeSeconds) {}

    /**
     * What a rule allows.
     *
     * @param origins allowed origins (required)
     * @param methods GET, PUT, POST, DELETE, HEAD (required)
     * @param headers allowed request headers
     */
    public record Allowed(
            List<String> origins,
            List<String> methods,
            @Nullable List<String> headers) {}
}
