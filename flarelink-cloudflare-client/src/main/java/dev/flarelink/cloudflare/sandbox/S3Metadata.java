package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata an S3 client sends with an object and gets back on GET and HEAD: user metadata ({@code x-amz-meta-*},
 * at most 8,192 bytes of names and values together, R2's limit) and the stored HTTP headers.
 */
final class S3Metadata {

    static final String USER_PREFIX = "x-amz-meta-";
    /** Headers R2 keeps with an object besides Content-Type, in the spelling they are answered with. */
    static final List<String> HTTP_HEADERS =
            List.of("Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires");

    private static final int MAX_USER_METADATA_BYTES = 8_192;

    final Map<String, String> user;
    final Map<String, String> http;

    private S3Metadata(Map<String, String> user, Map<String, String> http) {
        this.user = user;
        this.http = http;
    }

    /** Reads both kinds from request headers; too much user metadata is refused before anything is stored. */
    static S3Metadata from(Headers headers) {
        Map<String, String> user = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(USER_PREFIX) && name.length() > USER_PREFIX.length()) {
                String key = name.substring(USER_PREFIX.length());
                String value = String.join(",", header.getValue());
                user.put(key, value);
                bytes += key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > MAX_USER_METADATA_BYTES) {
            throw new S3Error(
                    400,
                    "MetadataTooLarge",
                    "Your metadata headers exceed the maximum allowed metadata size of 8192 bytes (x-amz-meta-* names"
                            + " and values together); send less metadata.");
        }
        Map<String, String> http = new TreeMap<>();
        for (String name : HTTP_HEADERS) {
            String value = headers.getFirst(name);
            if (value != null && !value.isEmpty()) {
                http.put(name, value);
            }
        }
        return new S3Metadata(user, http);
    }

    /** Adds the stored metadata to a GET or HEAD response. */
    static ApiResponse answer(ApiResponse response, SandboxState.R2Object object) {
        object.userMetadata.forEach((name, value) -> response.header(USER_PREFIX + name, value));
        object.httpMetadata.forEach(response::header);
        return response;
    }
}
