package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4 for S3 (the canonical request, string to sign, signing key and signature), hand
 * written with JDK {@link Mac} and {@link java.security.MessageDigest} so the sandbox can verify what S3 clients
 * and presigned URLs send to R2.
 */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private SigV4() {}

    /** S3 canonical URI: the decoded path re-encoded once per RFC 3986, slashes kept (S3 does not normalise). */
    static String canonicalUri(String rawPath) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        return PercentCodec.encode(PercentCodec.decode(path), true);
    }

    /** Sorted, re-encoded {@code name=value} pairs, excluding the signature itself. */
    static String canonicalQuery(List<Map.Entry<String, String>> params) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> param : params) {
            if (!param.getKey().equals("X-Amz-Signature")) {
                pairs.add(PercentCodec.encode(param.getKey(), false) + "="
                        + PercentCodec.encode(param.getValue(), false));
            }
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** Raw query pairs, percent-decoded without treating '+' as space (SigV4 clients encode spaces as %20). */
    static List<Map.Entry<String, String>> queryPairs(@Nullable String rawQuery) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = PercentCodec.decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : PercentCodec.decode(pair.substring(eq + 1));
                pairs.add(Map.entry(name, value));
            }
        }
        return pairs;
    }

    /**
     * The canonical request. {@code headers} maps lower-case names to their values for every signed header;
     * values are trimmed and inner runs of spaces collapsed.
     */
    static String canonicalRequest(
            String method,
            String canonicalUri,
            String canonicalQuery,
            Map<String, String> headers,
            List<String> signedHeaders,
            String payloadHash) {
        StringBuilder out = new StringBuilder();
        out.append(method)
                .append('\n')
                .append(canonicalUri)
                .append('\n')
                .append(canonicalQuery)
                .append('\n');
        for (String name : signedHeaders) {
            String value = headers.getOrDefault(name, "").trim().replaceAll(" +", " ");
            out.append(name).append(':').append(value).append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return out.toString();
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Ids.sha256Hex(canonicalRequest);
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    static String signature(byte[] signingKey, String stringToSign) {
        return HexFormat.of().formatHex(hmac(signingKey, stringToSign));
    }

    static List<String> signedHeaders(String list) {
        return List.of(list.toLowerCase().split(";")).stream()
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toList());
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
