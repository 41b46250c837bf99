package dev.flarelink.hardening;

import dev.flarelink.support.ApiClient;
import dev.flarelink.support.BrowserlessSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BrowserlessSession} that keeps every response it receives (the form pages a submit reads included), so
 * a test can search all of them afterwards.
 */
final class RecordingSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** One response as received: what was asked for and everything that came back. */
    record Exchange(String request, int status, String headers, String body) {}

    private final BrowserlessSession http;
    private final List<Exchange> exchanges = new ArrayList<>();

    private final int port;

    RecordingSession(int port) {
        this.port = port;
        this.http = new BrowserlessSession(port);
    }

    HttpResponse<String> get(String path) {
        return record("GET " + path, http.get(path));
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
        return record("POST " + path, http.post(path, fields));
    }

    /** Loads {@code formPage}, takes its CSRF token and posts {@code fields} to {@code action}, as a browser does. */
    HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        Matcher token = CSRF.matcher(get(formPage).body());
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on " + formPage);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token.group(1));
        return post(action, all);
    }

    /** Calls the JSON API with {@code key} as a script does (no cookies), and keeps the answer like the others. */
    HttpResponse<String> api(String method, String path, String key, @Nullable String body) {
        return record(method + " " + path + " (API)", new ApiClient(port).send(method, path, key, body));
    }

    /** Follows a redirect answer the way a browser would. */
    HttpResponse<String> follow(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return get(location.replaceFirst("^https?://[^/]+", ""));
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private HttpResponse<String> record(String request, HttpResponse<String> response) {
        exchanges.add(new Exchange(
                request, response.statusCode(), response.headers().map().toString(), response.body()));
        return response;
    }
}
