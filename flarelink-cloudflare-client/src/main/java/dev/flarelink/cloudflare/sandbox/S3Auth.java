package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies SigV4 on the S3 endpoint, in the Authorization-header form and the presigned-URL form, against key
 * pairs derived from API tokens: access key id = token id, secret = SHA-256 hex of the token value.
 */
final class S3Auth {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final Set<String> REGIONS = Set.of("auto", "us-east-1", "");

    /** What was signed: method, raw path and query, headers and body. */
    record SignedRequest(
            String method, String rawPath, @Nullable String rawQuery, Headers headers, byte[] body) {}

    private final SandboxContext ctx;
    private final Clock clock;

    S3Auth(SandboxContext ctx) {
        this.ctx = ctx;
        this.clock = ctx.clock;
    }

    SandboxState.Token verify(SignedRequest request) {
        List<Map.Entry<String, String>> query = SigV4.queryPairs(request.rawQuery());
        Map<String, String> params = new HashMap<>();
        query.forEach(pair -> params.putIfAbsent(pair.getKey(), pair.getValue()));
        if (params.containsKey("X-Amz-Signature")) {
            return presigned(request, query, params);
        }
        String authorization = first(request.headers(), "Authorization");
        if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
            throw S3Error.accessDenied("Access Denied: a SigV4 signature is required");
        }
        Map<String, String> fields = fields(authorization.substring(SigV4.ALGORITHM.length() + 1));
        String amzDate = first(request.headers(), "x-amz-date");
        LocalDateTime signedAt = parseDate(amzDate);
        if (Duration.between(signedAt.toInstant(ZoneOffset.UTC), clock.instant())
                        .abs()
                        .compareTo(MAX_SKEW)
                > 0) {
            throw new S3Error(
                    403,
                    "RequestTimeTooSkewed",
                    "The difference between the request time and the server's" + " time is too large.");
        }
        String payloadHash = first(request.headers(), "x-amz-content-sha256");
        if (payloadHash.isEmpty()) {
            throw new S3Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
        }
        if (!payloadHash.equals(SigV4.UNSIGNED_PAYLOAD)
                && !AwsChunked.isStreaming(payloadHash)
                && !payloadHash.equals(Ids.sha256Hex(request.body()))) {
            throw new S3Error(
                    400,
                    "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return check(
                request,
                query,
                fields.getOrDefault("Credential", ""),
                amzDate,
                fields.getOrDefault("SignedHeaders", ""),
                fields.getOrDefault("Signature", ""),
                payloadHash);
    }

    private SandboxState.Token presigned(
            SignedRequest request, List<Map.Entry<String, String>> query, Map<String, String> params) {
        if (!SigV4.ALGORITHM.equals(params.get("X-Amz-Algorithm"))) {
            throw new S3Error(400, "AuthorizationQueryParametersError", "Unsupported X-Amz-Algorithm");
        }
        String amzDate = params.getOrDefault("X-Amz-Date", "");
        long expires;
        try {
            expires = Long.parseLong(params.getOrDefault("X-Amz-Expires", ""));
        } catch (NumberFormatException e) {
            throw new S3Error(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be a number");
        }
        if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
            throw new S3Error(
                    400, "AuthorizationQueryParametersError", "X-Amz-Expires must be between 1 and 604800 seconds");
        }
        long signedAt = parseDate(amzDate).toInstant(ZoneOffset.UTC).toEpochMilli();
        if (clock.millis() > signedAt + expires * 1000) {
            throw S3Error.accessDenied("Request has expired");
        }
        if (signedAt - clock.millis() > MAX_SKEW.toMillis()) {
            throw S3Error.accessDenied("Request is not valid yet");
        }
        return check(
                request,
                query,
                params.getOrDefault("X-Amz-Credential", ""),
                amzDate,
                params.getOrDefault("X-Amz-SignedHeaders", ""),
                params.getOrDefault("X-Amz-Signature", ""),
                SigV4.UNSIGNED_PAYLOAD);
    }

    private SandboxState.Token check(
            SignedRequest request,
            List<Map.Entry<String, String>> query,
            String credential,
            String amzDate,
            String signedHeaderList,
            String signature,
            String payloadHash) {
        String[] scope = credential.split("/");
        if (scope.length != 5
                || !scope[3].equals("s3")
                || !scope[4].equals("aws4_request")
                || !REGIONS.contains(scope[2])
                || !amzDate.startsWith(scope[1])) {
            throw new S3Error(400, "AuthorizationHeaderMalformed", "The credential scope is malformed.");
        }
        SandboxState.Token token = ctx.state.tokens.get(scope[0]);
        if (token == null) {
            throw new S3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist.");
        }
        if (!ctx.authz.active(token)) {
            throw S3Error.accessDenied("Access Denied: the token is not active");
        }
        List<String> signedHeaders = SigV4.signedHeaders(signedHeaderList);
        if (!signedHeaders.contains("host")) {
            throw new S3Error(400, "AuthorizationHeaderMalformed", "The host header must be signed.");
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : signedHeaders) {
            List<String> values = request.headers().get(name);
            headers.put(name, values == null ? "" : String.join(",", values));
        }
        String canonical = SigV4.canonicalRequest(
                request.method(),
                SigV4.canonicalUri(request.rawPath()),
                SigV4.canonicalQuery(query),
                headers,
                signedHeaders,
                payloadHash);
        String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        byte[] key = SigV4.signingKey(Ids.sha256Hex(token.value), scope[1], scope[2], scope[3]);
        String expected = SigV4.signature(key, SigV4.stringToSign(amzDate, scopeText, canonical));
        boolean same = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
        if (!same) {
            throw new S3Error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the"
                            + " signature you provided. Check your secret access key and signing method.");
        }
        return token;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    private static LocalDateTime parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE);
        } catch (DateTimeParseException e) {
            throw S3Error.accessDenied("Access Denied: X-Amz-Date is missing or malformed");
        }
    }

    static String first(Headers headers, String name) {
        String value = headers.getFirst(name);
        return value == null ? "" : value;
    }
}
