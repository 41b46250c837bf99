package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a route answers: status, content type, body bytes and extra headers. */
final class ApiResponse {

    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    ApiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static ApiResponse ok(@Nullable JsonNode result) {
        return json(200, Json.success(result, null));
    }

    static ApiResponse ok(@Nullable JsonNode result, @Nullable JsonNode resultInfo) {
        return json(200, Json.success(result, resultInfo));
    }

    static ApiResponse okWithMessage(JsonNode result, int code, String message) {
        ObjectNode envelope = Json.success(result, null);
        ObjectNode item = Json.object();
        item.put("code", code);
        item.put("message", message);
        item.putNull("type");
        envelope.withArray("messages").add(item);
        return json(200, envelope);
    }

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    static ApiResponse error(ApiException error) {
        return json(error.status, Json.failure(error));
    }

    static ApiResponse raw(int status, String contentType, byte[] body) {
        return new ApiResponse(status, contentType, body);
    }

    static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
