package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The S3-compatible R2 endpoint (path style {@code /{bucket}/{key}}): SigV4-verified object calls and CORS
 * preflights answered from the bucket's CORS rules. The bucket is looked up in the account of the signing token.
 */
final class S3Handler implements HttpHandler {

    private static final Set<String> READ = Set.of(
            PermissionGroups.BUCKET_ITEM_READ, PermissionGroups.BUCKET_ITEM_WRITE,
            PermissionGroups.R2_READ, PermissionGroups.R2_WRITE);
    private static final Set<String> WRITE = Set.of(PermissionGroups.BUCKET_ITEM_WRITE, PermissionGroups.R2_WRITE);

    private final SandboxContext ctx;
    private final S3Auth auth;
    private final S3Objects objects;
    private final S3Multipart multipart;
    private final AuditLog audit;

    S3Handler(SandboxContext ctx, AuditLog audit) {
        this.ctx = ctx;
        this.auth = new S3Auth(ctx);
        this.objects = new S3Objects(ctx);
        this.multipart = new S3Multipart(ctx);
        this.audit = audit;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = ApiHandler.readBody(exchange.getRequestBody());
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String[] segments = rawPath.substring(1).split("/", 2);
            String bucketName = PercentCodec.decode(segments[0]);
            String key = segments.length > 1 ? PercentCodec.decode(segments[1]) : "";
            ApiResponse response;
            SandboxState.Token token = null;
            String accountId = "";
            ctx.lock.lock();
            try {
                if (method.equals("OPTIONS")) {
                    response = preflight(exchange, bucketName);
                } else {
                    try {
                        token = auth.verify(new S3Auth.SignedRequest(
                                method,
                                rawPath,
                                exchange.getRequestURI().getRawQuery(),
                                exchange.getRequestHeaders(),
                                body));
                        accountId = token.accountId;
                        String payloadHash = ApiHandler.header(exchange, "x-amz-content-sha256");
                        byte[] payload = AwsChunked.isStreaming(payloadHash)
                                ? AwsChunked.decode(body, ApiHandler.header(exchange, "x-amz-decoded-content-length"))
                                : body;
                        response = perform(exchange, token, method, bucketName, key, payload);
                    } catch (S3Error e) {
                        response = ApiResponse.raw(e.status, "application/xml", e.xml());
                    }
                    corsOnActual(exchange, bucketName, token, method, response);
                }
                audit.record(exchange, token, accountId, "s3:" + rawPath, response.status, Ids.hex(8));
                ctx.store.commit(ctx.state, !method.equals("GET") && !method.equals("HEAD"));
            } finally {
                ctx.lock.unlock();
            }
            send(exchange, response);
        }
    }

    private ApiResponse perform(
            HttpExchange exchange,
            SandboxState.Token token,
            String method,
            String bucketName,
            String key,
            byte[] body) {
        SandboxState.Account account = ctx.state.accounts.get(token.accountId);
        SandboxState.Bucket bucket = account == null ? null : account.buckets.get(bucketName);
        if (bucket == null) {
            throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
        }
        boolean write = method.equals("PUT") || method.equals("DELETE") || method.equals("POST");
        String resource = Authz.BUCKET_PREFIX + account.id + "_default_" + bucket.name;
        boolean allowed = ctx.authz.allows(token, write ? WRITE : READ, resource)
                || ctx.authz.allows(token, write ? WRITE : READ, Authz.ACCOUNT_PREFIX + account.id);
        if (!allowed) {
            throw S3Error.accessDenied("Access Denied");
        }
        Map<String, List<String>> query =
                PercentCodec.query(exchange.getRequestURI().getRawQuery());
        refuseUnknownSubresources(query, key.isEmpty() ? BUCKET_PARAMETERS : OBJECT_PARAMETERS);
        if (key.isEmpty()) {
            return bucketCall(exchange, method, bucket);
        }
        if (query.containsKey("uploads") || query.containsKey("uploadId")) {
            return multipartCall(exchange, method, account.id, bucket, key, query, body);
        }
        return switch (method) {
            case "PUT" -> objects.put(account.id, bucket, key, body, exchange.getRequestHeaders());
            case "GET", "HEAD" -> overridden(objects.get(bucket, key, ApiHandler.header(exchange, "Range")), query);
            case "DELETE" -> objects.delete(bucket, key);
            default -> throw new S3Error(501, "NotImplemented", "This operation is not supported by the sandbox.");
        };
    }

    /**
     * GetObject's {@code response-content-type} and {@code response-content-disposition} overrides, which S3 and R2
     * honour on signed (e.g. presigned) requests.
     */
    private static ApiResponse overridden(ApiResponse response, Map<String, List<String>> query) {
        String type = S3Multipart.first(query, "response-content-type");
        if (!type.isEmpty()) {
            response.header("Content-Type", type);
        }
        String disposition = S3Multipart.first(query, "response-content-disposition");
        if (!disposition.isEmpty()) {
            response.header("Content-Disposition", disposition);
        }
        return response;
    }

    /** CreateMultipartUpload ({@code POST ?uploads}), UploadPart, CompleteMultipartUpload, AbortMultipartUpload. */
    private ApiResponse multipartCall(
            HttpExchange exchange,
            String method,
            String accountId,
            SandboxState.Bucket bucket,
            String key,
            Map<String, List<String>> query,
            byte[] body) {
        if (query.containsKey("uploads") && method.equals("POST")) {
            return multipart.create(bucket, key, exchange.getRequestHeaders());
        }
        String uploadId = S3Multipart.first(query, "uploadId");
        return switch (method) {
            case "PUT" ->
                multipart.uploadPart(accountId, bucket, key, uploadId, S3Multipart.first(query, "partNumber"), body);
            case "POST" -> multipart.complete(accountId, bucket, key, uploadId, body);
            case "DELETE" -> multipart.abort(accountId, bucket, key, uploadId);
            default -> throw new S3Error(501, "NotImplemented", "This operation is not supported by the sandbox.");
        };
    }

    /** Query parameters the sandbox understands on a bucket (ListObjects v1 and v2) and on an object. */
    private static final java.util.Set<String> BUCKET_PARAMETERS = java.util.Set.of(
            "list-type",
            "prefix",
            "delimiter",
            "max-keys",
            "continuation-token",
            "start-after",
            "marker",
            "encoding-type",
            "fetch-owner",
            "x-id");

    private static final java.util.Set<String> OBJECT_PARAMETERS =
            java.util.Set.of("uploads", "uploadId", "partNumber", "x-id");

    /**
     * A sub-resource the sandbox does not emulate ({@code ?cors}, {@code ?location}, {@code ?tagging}, …) answers 501
     * NotImplemented: a wrong 200 (a listing, the object) would mislead the client.
     */
    private static void refuseUnknownSubresources(Map<String, List<String>> query, java.util.Set<String> known) {
        for (String name : query.keySet()) {
            boolean signing = name.startsWith("X-Amz-") || name.startsWith("response-");
            if (!signing && !known.contains(name)) {
                throw new S3Error(
                        501,
                        "NotImplemented",
                        "The sandbox does not emulate the '" + name + "' sub-resource (see docs/sandbox.md).");
            }
        }
    }

    private ApiResponse bucketCall(HttpExchange exchange, String method, SandboxState.Bucket bucket) {
        if (method.equals("HEAD")) {
            return ApiResponse.raw(200, "application/xml", new byte[0]);
        }
        if (method.equals("GET")) {
            return objects.list(
                    bucket, PercentCodec.query(exchange.getRequestURI().getRawQuery()));
        }
        throw new S3Error(501, "NotImplemented", "This operation is not supported by the sandbox.");
    }

    private ApiResponse preflight(HttpExchange exchange, String bucketName) {
        String origin = ApiHandler.header(exchange, "Origin");
        String method = ApiHandler.header(exchange, "Access-Control-Request-Method");
        String requested = ApiHandler.header(exchange, "Access-Control-Request-Headers");
        SandboxState.Bucket bucket = anyBucket(bucketName);
        JsonNode rule = bucket == null || origin.isEmpty()
                ? null
                : Cors.match(bucket.corsRules, origin, method, Cors.requestedHeaders(requested));
        if (rule == null) {
            S3Error denied = new S3Error(
                    403,
                    "AccessForbidden",
                    "CORSResponse: This CORS request is not allowed."
                            + " This is usually because the evaluation of Origin, request method /"
                            + " Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the"
                            + " resource's CORS spec.");
            return ApiResponse.raw(403, "application/xml", denied.xml());
        }
        ApiResponse response = ApiResponse.raw(200, "text/plain", new byte[0]);
        Cors.headers(rule, origin, true, method, requested).forEach(response::header);
        return response;
    }

    /** Adds CORS headers to an actual (non-preflight) response when the bucket's rules allow the origin. */
    private void corsOnActual(
            HttpExchange exchange,
            String bucketName,
            SandboxState.@Nullable Token token,
            String method,
            ApiResponse response) {
        String origin = ApiHandler.header(exchange, "Origin");
        SandboxState.Bucket bucket = bucketOf(token, bucketName);
        if (origin.isEmpty() || bucket == null) {
            return;
        }
        JsonNode rule = Cors.match(bucket.corsRules, origin, method, List.of());
        if (rule != null) {
            Cors.headers(rule, origin, false, method, "").forEach(response::header);
        }
    }

    private SandboxState.@Nullable Bucket bucketOf(SandboxState.@Nullable Token token, String name) {
        if (token == null) {
            return anyBucket(name);
        }
        SandboxState.Account account = ctx.state.accounts.get(token.accountId);
        return account == null ? null : account.buckets.get(name);
    }

    /** A preflight carries no credentials, so the bucket is found by name across accounts. */
    private SandboxState.@Nullable Bucket anyBucket(String name) {
        for (SandboxState.Account account : ctx.state.accounts.values()) {
            SandboxState.Bucket bucket = account.buckets.get(name);
            if (bucket != null) {
                return bucket;
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        if (!response.contentType.isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType);
        }
        for (Map.Entry<String, String> header : response.headers.entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        boolean noBody = response.body.length == 0 || head || response.status == 204;
        exchange.sendResponseHeaders(response.status, noBody ? -1 : response.body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }
}
