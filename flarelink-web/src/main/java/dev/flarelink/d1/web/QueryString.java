package dev.flarelink.d1.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** A path with query parameters, every name and value form-encoded (so {@code +}, {@code &}, {@code #} survive). */
final class QueryString {

    private final StringBuilder url;
    private boolean first = true;

    QueryString(String path) {
        this.url = new StringBuilder(path);
    }

    QueryString add(String name, String value) {
        url.append(first ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        first = false;
        return this;
    }

    QueryString addIfPresent(String name, @Nullable String value) {
        return value == null ? this : add(name, value);
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
