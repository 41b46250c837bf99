package dev.flarelink.cloudflare.core;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.errors.CloudflareInvalidResponseException;
import dev.flarelink.cloudflare.errors.ErrorClassifier;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns one HTTP response into a success or a classified failure. */
final class ResponseReader {

    private final Clock clock;

    ResponseReader(Clock clock) {
        this.clock = clock;
    }

    Transport.Outcome read(HttpResponse<byte[]> response, ApiRequest request, ApiToken token) {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        String ray = headers.firstValue("cf-ray").orElse(null);
        boolean success = status >= 200 && status < 300;
        if (success && !request.jsonResponse()) {
            return Transport.Outcome.ok(new RawResponse(status, headers, body, null));
        }
        if (success && body.length == 0) {
            // 204/205 with no body: treated as an empty success envelope, as wrangler does.
            ObjectNode empty = Json.MAPPER.createObjectNode().put("success", true);
            return Transport.Outcome.ok(new RawResponse(status, headers, body, empty));
        }
        JsonNode envelope = parse(body);
        if (envelope == null || !envelope.isObject()) {
            if (status == 408 || status == 429 || status >= 500) {
                // An HTML 5xx/429 page from the edge is still a server-side failure, classified (and retried) by
                // status.
                return Transport.Outcome.failed(
                        ErrorClassifier.classify(status, List.of(), ray, retryAfter(headers)), true);
            }
            return Transport.Outcome.failed(invalid(status, headers, ray), true);
        }
        List<ApiMessage> errors = errors(envelope, token);
        boolean flaggedFailure = envelope.path("success").isBoolean()
                && !envelope.path("success").asBoolean();
        if (success && !flaggedFailure) {
            return Transport.Outcome.ok(new RawResponse(status, headers, body, envelope));
        }
        return Transport.Outcome.failed(ErrorClassifier.classify(status, errors, ray, retryAfter(headers)), true);
    }

    private static @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static CloudflareInvalidResponseException invalid(int status, HttpHeaders headers, @Nullable String ray) {
        String contentType = headers.firstValue("content-type").orElse("none");
        boolean challenge = headers.firstValue("cf-mitigated")
                .map("challenge"::equalsIgnoreCase)
                .orElse(false);
        String detail = challenge
                ? "blocked by a Cloudflare challenge page (cf-mitigated: challenge)"
                : "body is not the JSON envelope (content-type " + contentType + ")";
        return new CloudflareInvalidResponseException(detail, status, ray, null);
    }

    private static List<ApiMessage> errors(JsonNode envelope, ApiToken token) {
        List<ApiMessage> result = new ArrayList<>();
        for (JsonNode error : envelope.path("errors")) {
            String message = error.path("message").asString("");
            // Defence in depth: an echoed token must never reach an exception message.
            result.add(new ApiMessage(error.path("code").asInt(0), message.replace(token.reveal(), "[redacted]")));
        }
        return result;
    }

    @Nullable
    Duration retryAfter(HttpHeaders headers) {
        String millis = headers.firstValue("retry-after-ms").orElse(null);
        if (millis != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.strip())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = headers.firstValue("retry-after").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unparseable) {
                return null;
            }
        }
    }
}
