package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One request as a route sees it: method, decoded path variables, query, body, headers and the caller's token. */
final class ApiCall {

    final String method;
    final String path;
    final Map<String, String> vars;
    final Map<String, List<String>> query;
    final Headers headers;
    final byte[] body;
    final SandboxState.@Nullable Token token;

    ApiCall(
            String method,
            String path,
            Map<String, String> vars,
            Map<String, List<String>> query,
            Headers headers,
            byte[] body,
            SandboxState.@Nullable Token token) {
        this.method = method;
        this.path = path;
        this.vars = vars;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.token = token;
    }

    String var(String name) {
        String value = vars.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no variable " + name);
        }
        return value;
    }

    String query(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    int queryInt(String name, int fallback, int min, int max) {
        String value = query(name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(10001, "Invalid value for " + name);
        }
    }

    JsonNode json() {
        if (body.length == 0) {
            throw ApiException.badRequest(10040, "The JSON you provided was not well formed.");
        }
        return Json.parse(body);
    }

    String header(String name) {
        String value = headers.getFirst(name);
        return value == null ? "" : value;
    }

    SandboxState.Token requireToken() {
        if (token == null) {
            throw new ApiException(401, 10000, "Authentication error");
        }
        return token;
    }
}
