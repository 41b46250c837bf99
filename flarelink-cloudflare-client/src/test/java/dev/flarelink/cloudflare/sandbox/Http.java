package dev.flarelink.cloudflare.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test-side HTTP access to the sandbox with the JDK client and Jackson 3, as a real client would call it. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder().build();

    /** A response: status, headers, raw body, and the body parsed as JSON when it is JSON. */
    record Reply(int status, HttpResponse<byte[]> raw) {
        byte[] body() {
            return raw.body();
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        JsonNode result() {
            return json().path("result");
        }

        int errorCode() {
            return json().path("errors").path(0).path("code").asInt();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    private final String base;

    Http(String base) {
        this.base = base;
    }

    Reply get(String path, @Nullable String token) {
        return send("GET", path, token, null, null);
    }

    Reply delete(String path, @Nullable String token) {
        return send("DELETE", path, token, null, null);
    }

    Reply post(String path, @Nullable String token, Object body) {
        return send("POST", path, token, "application/json", json(body));
    }

    Reply put(String path, @Nullable String token, Object body) {
        return send("PUT", path, token, "application/json", json(body));
    }

    Reply send(
            String method, String path, @Nullable String token, @Nullable String contentType, byte @Nullable [] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(Object body) {
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsBytes(body);
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
