package dev.flarelink.cloudflare.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A description of one logical API call: action name, method, path template with its ids, query, body and retry
 * safety. Built by the resource classes and executed by {@link Transport}.
 */
public final class ApiRequest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final String action;
    private final String method;
    private final String pathTemplate;
    private final Map<String, String> pathParams;
    private final List<Map.Entry<String, String>> query;
    private final byte @Nullable [] body;
    private final @Nullable String contentType;
    private final Map<String, String> headers;
    private final boolean idempotent;
    private final boolean jsonResponse;
    private final @Nullable String sql;
    private final boolean upload;
    private final java.util.Set<Integer> expectedErrors;

    private ApiRequest(Builder b) {
        this.action = b.action;
        this.method = b.method;
        this.pathTemplate = b.pathTemplate;
        this.pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.pathParams));
        this.query = List.copyOf(b.query);
        this.body = b.body;
        this.contentType = b.contentType;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.idempotent = b.idempotent != null ? b.idempotent : !"POST".equals(b.method);
        this.jsonResponse = b.jsonResponse;
        this.sql = b.sql;
        this.upload = b.upload;
        this.expectedErrors = java.util.Set.copyOf(b.expectedErrors);
        checkPlaceholders();
    }

    public static Builder get(String action, String pathTemplate) {
        return new Builder(action, "GET", pathTemplate);
    }

    public static Builder post(String action, String pathTemplate) {
        return new Builder(action, "POST", pathTemplate);
    }

    public static Builder put(String action, String pathTemplate) {
        return new Builder(action, "PUT", pathTemplate);
    }

    public static Builder delete(String action, String pathTemplate) {
        return new Builder(action, "DELETE", pathTemplate);
    }

    /** The concrete path with every placeholder replaced by its percent-encoded value. */
    public String renderPath() {
        Matcher m = PLACEHOLDER.matcher(pathTemplate);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(encodeSegment(pathParams.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The encoded query string without the leading {@code ?}, or empty. */
    public String renderQuery() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : query) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encodeQuery(e.getKey())).append('=').append(encodeQuery(e.getValue()));
        }
        return out.toString();
    }

    /** Percent-encodes one path segment: everything except RFC 3986 unreserved characters (P23). */
    static String encodeSegment(@Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing path parameter");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
    }

    private static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void checkPlaceholders() {
        Matcher m = PLACEHOLDER.matcher(pathTemplate);
        while (m.find()) {
            String value = pathParams.get(m.group(1));
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(m.group(1) + " must not be empty");
            }
        }
    }

    public String action() {
        return action;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    public byte @Nullable [] body() {
        return body;
    }

    public @Nullable String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Whether repeating the call cannot create a second effect (GET, PUT, DELETE unless overridden). */
    public boolean idempotent() {
        return idempotent;
    }

    /** Whether a successful response is the JSON envelope (false for raw byte downloads). */
    public boolean jsonResponse() {
        return jsonResponse;
    }

    public @Nullable String sql() {
        return sql;
    }

    /** Whether this is a large upload that gets the longer upload timeout. */
    public boolean upload() {
        return upload;
    }

    /**
     * Cloudflare error codes that are an answer the caller expects, not a failure (e.g. 10059, "this bucket has no
     * CORS policy"): the call is still raised as an exception, but its event says the answer was expected.
     */
    public java.util.Set<Integer> expectedErrors() {
        return expectedErrors;
    }

    /** A copy with one query parameter replaced (used by paging). */
    public ApiRequest withQuery(String name, String value) {
        Builder b = toBuilder();
        b.query.removeIf(e -> e.getKey().equals(name));
        b.query.add(Map.entry(name, value));
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(action, method, pathTemplate);
        b.pathParams.putAll(pathParams);
        b.query.addAll(query);
        b.body = body;
        b.contentType = contentType;
        b.headers.putAll(headers);
        b.idempotent = idempotent;
        b.jsonResponse = jsonResponse;
        b.sql = sql;
        b.upload = upload;
        b.expectedErrors.addAll(expectedErrors);
        return b;
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate + " (" + action + ")";
    }

    /** Builds an {@link ApiRequest}. */
    public static final class Builder {
        private final String action;
        private final String method;
        private final String pathTemplate;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private byte @Nullable [] body;
        private @Nullable String contentType;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable Boolean idempotent;
        private boolean jsonResponse = true;
        private @Nullable String sql;
        private boolean upload;
        private final java.util.Set<Integer> expectedErrors = new java.util.HashSet<>();

        private Builder(String action, String method, String pathTemplate) {
            this.action = action;
            this.method = method;
            this.pathTemplate = pathTemplate;
        }

        /** Binds a path placeholder; the value is also reported as a resource id to the listener. */
        public Builder path(String name, String value) {
            pathParams.put(name, value);
            return this;
        }

        /** Adds a query parameter unless the value is null. */
        public Builder query(String name, @Nullable Object value) {
            if (value != null) {
                query.add(Map.entry(name, String.valueOf(value)));
            }
            return this;
        }

        public Builder jsonBody(Object value) {
            this.body = Json.write(value);
            this.contentType = "application/json";
            return this;
        }

        public Builder body(byte[] body, String contentType) {
            this.body = body.clone();
            this.contentType = contentType;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Overrides the method-based default of whether retrying is safe. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Marks a raw (non-envelope) success response, such as a KV value or script content. */
        public Builder rawResponse(String accept) {
            this.jsonResponse = false;
            return header("Accept", accept);
        }

        public Builder sql(String sql) {
            this.sql = sql;
            return this;
        }

        /** An error code that is an expected answer of this call rather than a failure; see {@link #expectedErrors()}. */
        public Builder expectedError(int code) {
            this.expectedErrors.add(code);
            return this;
        }

        /** Marks a large upload (Worker scripts), which gets the longer upload timeout. */
        public Builder upload() {
            this.upload = true;
            return this;
        }

        public ApiRequest build() {
            return new ApiRequest(this);
        }
    }
}
