package dev.flarelink.cloudflare.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-side S3 client with its own SigV4 signer (written apart from the sandbox's verifier, following the AWS
 * documentation), for header-signed calls and presigned URLs against the sandbox's R2 endpoint.
 */
final class S3Client {

    private static final DateTimeFormatter AMZ =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String endpoint;
    private final String accessKey;
    private final String secret;
    private final Clock clock;

    S3Client(String endpoint, SandboxToken token, Clock clock) {
        this(endpoint, token.r2AccessKeyId(), token.r2SecretAccessKey(), clock);
    }

    S3Client(String endpoint, String accessKey, String secret, Clock clock) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secret = secret;
        this.clock = clock;
    }

    Http.Reply put(String bucket, String key, byte[] body, String contentType) {
        return send("PUT", "/" + bucket + "/" + encodePath(key), "", body, Map.of("content-type", contentType));
    }

    Http.Reply get(String bucket, String key) {
        return send("GET", "/" + bucket + "/" + encodePath(key), "", new byte[0], Map.of());
    }

    Http.Reply head(String bucket, String key) {
        return send("HEAD", "/" + bucket + "/" + encodePath(key), "", new byte[0], Map.of());
    }

    Http.Reply delete(String bucket, String key) {
        return send("DELETE", "/" + bucket + "/" + encodePath(key), "", new byte[0], Map.of());
    }

    Http.Reply list(String bucket, Map<String, String> params) {
        Map<String, String> query = new TreeMap<>(params);
        query.put("list-type", "2");
        return send("GET", "/" + bucket, canonicalQuery(query), new byte[0], Map.of());
    }

    /** Signs with the Authorization header; extra headers are signed too. */
    Http.Reply send(String method, String path, String query, byte[] body, Map<String, String> extra) {
        String amzDate = AMZ.format(clock.instant());
        String payloadHash = hex(sha256(body));
        URI uri = URI.create(endpoint + path + (query.isEmpty() ? "" : "?" + query));
        TreeMap<String, String> headers = new TreeMap<>(extra);
        headers.put("host", uri.getAuthority());
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-content-sha256", payloadHash);
        String signed = String.join(";", headers.keySet());
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) ->
                canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
        String canonical =
                method + "\n" + path + "\n" + query + "\n" + canonicalHeaders + "\n" + signed + "\n" + payloadHash;
        String scope = amzDate.substring(0, 8) + "/auto/s3/aws4_request";
        String signature = sign(amzDate, scope, canonical);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signed
                                + ", Signature=" + signature);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        return Http.send(request.build());
    }

    /** A presigned URL (query-string auth, UNSIGNED-PAYLOAD) valid for {@code expiresSeconds}. */
    URI presign(String method, String bucket, String key, long expiresSeconds) {
        return presign(method, bucket, key, Map.of(), expiresSeconds);
    }

    /** A presigned URL whose signed query also carries {@code extra} (e.g. partNumber and uploadId). */
    URI presign(String method, String bucket, String key, Map<String, String> extra, long expiresSeconds) {
        String amzDate = AMZ.format(clock.instant());
        String scope = amzDate.substring(0, 8) + "/auto/s3/aws4_request";
        String path = "/" + bucket + "/" + encodePath(key);
        URI base = URI.create(endpoint);
        Map<String, String> params = new TreeMap<>(extra);
        params.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        params.put("X-Amz-Credential", accessKey + "/" + scope);
        params.put("X-Amz-Date", amzDate);
        params.put("X-Amz-Expires", String.valueOf(expiresSeconds));
        params.put("X-Amz-SignedHeaders", "host");
        String query = canonicalQuery(params);
        String canonical =
                method + "\n" + path + "\n" + query + "\nhost:" + base.getAuthority() + "\n\nhost\nUNSIGNED-PAYLOAD";
        return URI.create(endpoint + path + "?" + query + "&X-Amz-Signature=" + sign(amzDate, scope, canonical));
    }

    private String sign(String amzDate, String scope, String canonical) {
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.substring(0, 8));
        key = hmac(key, "auto");
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    static String canonicalQuery(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(name)).append('=').append(encode(value));
        });
        return query.toString();
    }

    static String encodePath(String key) {
        return encode(key).replace("%2F", "/");
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
