package dev.flarelink.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client against a running app (real Tomcat, real filters, real error dispatch), which fills
 * in the CSRF token of a form the way a browser would submit it.
 */
public final class BrowserlessSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;

    public BrowserlessSession(int port) {
        this(port, new CookieManager());
    }

    /** A session whose cookies are shared with others on the same host (cookies ignore the port): several nodes. */
    public BrowserlessSession(int port, CookieManager cookies) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** A GET with one extra request header (a test probe's id). */
    public HttpResponse<String> get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header(header, value)
                .GET()
                .build());
    }

    /** Loads {@code formPage}, takes its CSRF token and posts {@code fields} to {@code action}. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrfToken(formPage));
        return post(action, all);
    }

    /** The CSRF token of this session, as a form on {@code formPage} carries it. */
    public String csrfToken(String formPage) {
        Matcher token = CSRF.matcher(get(formPage).body());
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on " + formPage);
        }
        return token.group(1);
    }

    /** Sends {@code method} to {@code path} with no body (for the method checks). */
    public HttpResponse<String> request(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Sends JSON with this session's cookies and nothing else (no API key): what a cross-site script could do. */
    public HttpResponse<String> json(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of());
    }

    /** Posts a form with extra request headers, e.g. {@code X-Forwarded-For} as a proxy (or a liar) would send it. */
    public HttpResponse<String> post(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Posts an empty JSON request the way a page's script does, with the CSRF token in its header. */
    public HttpResponse<String> postJson(String path, String csrfToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /**
     * Signs up and then signs in, as a person does (sign-up answers alike for new and taken addresses, so it signs
     * nobody in). Answers the sign-in's response, or the sign-up form's when it refused the input.
     */
    public HttpResponse<String> signUp(String email, String password) {
        HttpResponse<String> signedUp = submit("/signup", "/signup", Map.of("email", email, "password", password));
        if (signedUp.statusCode() != 302) {
            return signedUp;
        }
        return submit("/signin", "/signin", Map.of("email", email, "password", password));
    }

    /** Submits the sign-in form and answers where it sent the browser: "/projects" when signed in, else "/signin…". */
    public String signIn(String email, String password) {
        return submit("/signin", "/signin", Map.of("email", email, "password", password))
                .headers()
                .firstValue("Location")
                .orElse("");
    }

    /** A new session signed in as the user, as a separate browser would be; throws when sign-in is refused. */
    public static BrowserlessSession signedIn(int port, String email, String password) {
        BrowserlessSession session = new BrowserlessSession(port);
        String location = session.signIn(email, password);
        if (!location.endsWith("/projects")) {
            throw new IllegalStateException("signing in as " + email + " led to " + location + ", not /projects");
        }
        return session;
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpRequest asBrowser = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .build();
        try {
            return http.send(asBrowser, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
