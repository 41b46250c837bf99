package dev.flarelink.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A script calling the JSON API the way the {@code @flarelink/mcp} server does: {@code Authorization: Bearer}, JSON
 * in and out, no cookies at all.
 */
public final class ApiClient {

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, @Nullable String key) {
        return send("GET", path, key, null);
    }

    /** {@code method} on {@code path} with {@code key} (none when null) and a JSON {@code body} (none when null). */
    public HttpResponse<String> send(String method, String path, @Nullable String key, @Nullable String body) {
        return send(method, path, key, body, Map.of());
    }

    /** As {@link #send(String, String, String, String)}, with extra request headers. */
    public HttpResponse<String> send(
            String method, String path, @Nullable String key, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json, */*;q=0.1")
                .method(
                        method.equals("ANY") ? "GET" : method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
