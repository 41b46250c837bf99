package dev.flarelink.cloudflare.core;

import java.net.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A successful response: status, headers, body bytes and, for JSON calls, the parsed envelope.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body the raw body
 * @param envelope the parsed envelope for JSON calls, else {@code null}
 */
public record RawResponse(
        int status,
        HttpHeaders headers,
        byte[] body,
        @Nullable JsonNode envelope) {

    /** The {@code cf-ray} header, if present. */
    public @Nullable String cfRay() {
        return headers.firstValue("cf-ray").orElse(null);
    }
}
