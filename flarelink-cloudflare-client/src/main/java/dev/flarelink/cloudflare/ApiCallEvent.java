package dev.flarelink.cloudflare;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP attempt against Cloudflare as seen by an {@link ApiCallListener}; never holds the token or a body.
 *
 * @param action stable action name, e.g. {@code d1.database.query}
 * @param method HTTP method
 * @param pathTemplate path with placeholders, e.g. {@code /accounts/{account_id}/d1/database/{database_id}/query}
 * @param resourceIds the placeholder values of this call, in template order
 * @param status HTTP status, or {@code null} when the attempt failed with an I/O error or timeout
 * @param errorCodes codes of the envelope's {@code errors[]} (empty on success)
 * @param cfRay the {@code cf-ray} response header, when there was a response carrying it
 * @param startedAt when the attempt started, by the client's clock
 * @param duration how long the attempt took
 * @param attempt 1-based attempt number
 * @param willRetry whether the client is going to retry after this attempt
 * @param failure short outcome description for failed attempts (exception type, never secrets), else {@code null}
 * @param sql for D1 query/raw calls the SQL text, truncated to 4 KB (bound parameter values are never included)
 * @param expected whether a failed attempt's error codes are all ones the caller expects as an answer (such as
 *     10059, "no CORS policy"), so that it is not a failure to report
 */
public record ApiCallEvent(
        String action,
        String method,
        String pathTemplate,
        Map<String, String> resourceIds,
        @Nullable Integer status,
        List<Integer> errorCodes,
        @Nullable String cfRay,
        Instant startedAt,
        Duration duration,
        int attempt,
        boolean willRetry,
        @Nullable String failure,
        @Nullable String sql,
        boolean expected) {

    public ApiCallEvent {
        resourceIds = Map.copyOf(resourceIds);
        errorCodes = List.copyOf(errorCodes);
    }

    /** Whether the attempt got a 2xx response. */
    public boolean succeeded() {
        return status != null && status >= 200 && status < 300 && errorCodes.isEmpty();
    }
}
