package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
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
    private static final Set<String> ADMIN_READ = Set.of(PermissionGroups.R2_READ, PermissionGroups.R2_WRITE);
    private static final Set<String> ADMIN_WRITE = Set.of(PermissionGroups.R2_WRITE);

    private final SandboxContext ctx;
    private final S3Auth auth;
    private final S3Objects objects;
    private final S3Multipart multipart;
    private final S3Buckets buckets;
    private final AuditLog audit;

    S3Handler(SandboxContext ctx, AuditLog audit) {
        this.ctx = ctx;
        this.auth = new S3Auth(ctx);
        this.objects = new S3Objects(ctx);
        this.multipart = new S3Multipart(ctx);
        this.buckets = new S3Buckets(ctx, objects);
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
        if (account == null) {
            throw S3Error.accessDenied("Access Denied");
        }
        Map<String, List<String>> query =
                PercentCodec.query(exchange.getRequestURI().getRawQuery());
        if (bucketName.isEmpty()) {
            return serviceCall(token, method, account, query);
        }
        String subresource = subresource(query, key.isEmpty() ? BUCKET_PARAMETERS : OBJECT_PARAMETERS);
        if (key.isEmpty() && method.equals("PUT") && subresource.isEmpty()) {
            requireAdmin(token, account, ADMIN_WRITE);
            return buckets.create(account, bucketName, body);
        }
        SandboxState.Bucket bucket = account.buckets.get(bucketName);
        if (bucket == null) {
            throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
        }
        if (key.isEmpty()) {
            return bucketCall(token, method, account, bucket, subresource, query, exchange.getRequestHeaders(), body);
        }
        boolean write = method.equals("PUT") || method.equals("DELETE") || method.equals("POST");
        requireObjectAccess(token, account, bucket, write);
        Headers headers = exchange.getRequestHeaders();
        return switch (method + " " + subresource) {
            case "POST uploads" -> multipart.create(bucket, key, headers);
            case "PUT uploadId" -> {
                if (!S3Auth.first(headers, "x-amz-copy-source").isEmpty()) {
                    throw notImplemented("UploadPartCopy (x-amz-copy-source on a part)");
                }
                yield multipart.uploadPart(
                        account.id,
                        bucket,
                        key,
                        S3Multipart.first(query, "uploadId"),
                        S3Multipart.first(query, "partNumber"),
                        body);
            }
            case "POST uploadId" ->
                multipart.complete(account.id, bucket, key, S3Multipart.first(query, "uploadId"), body);
            case "DELETE uploadId" -> multipart.abort(account.id, bucket, key, S3Multipart.first(query, "uploadId"));
            case "GET uploadId" -> multipart.listParts(bucket, key, S3Multipart.first(query, "uploadId"), query);
            case "PUT " -> {
                String copySource = S3Auth.first(headers, "x-amz-copy-source");
                yield copySource.isEmpty()
                        ? objects.put(account.id, bucket, key, body, headers)
                        : copy(token, account, bucket, key, copySource, headers);
            }
            case "GET ", "HEAD " -> {
                if (query.containsKey("partNumber")) {
                    throw notImplemented("GetObject by partNumber");
                }
                yield overridden(objects.get(bucket, key, ApiHandler.header(exchange, "Range")), query);
            }
            case "DELETE " -> objects.delete(bucket, key);
            default ->
                throw notImplemented(method + (subresource.isEmpty() ? "" : " ?" + subresource) + " on an object");
        };
    }

    /** {@code GET /}: ListBuckets, which needs R2 Storage Read or Write on the account (an admin token on R2). */
    private ApiResponse serviceCall(
            SandboxState.Token token, String method, SandboxState.Account account, Map<String, List<String>> query) {
        subresource(query, SERVICE_PARAMETERS);
        if (!method.equals("GET")) {
            throw notImplemented(method + " /");
        }
        requireAdmin(token, account, ADMIN_READ);
        return buckets.list(account, query);
    }

    private ApiResponse bucketCall(
            SandboxState.Token token,
            String method,
            SandboxState.Account account,
            SandboxState.Bucket bucket,
            String subresource,
            Map<String, List<String>> query,
            Headers headers,
            byte[] body) {
        switch (method + " " + subresource) {
            case "GET " -> {
                requireObjectAccess(token, account, bucket, false);
                return objects.list(bucket, query);
            }
            case "HEAD " -> {
                requireObjectAccess(token, account, bucket, false);
                return ApiResponse.raw(200, "application/xml", new byte[0]);
            }
            case "DELETE " -> {
                requireAdmin(token, account, ADMIN_WRITE);
                return buckets.delete(account, bucket);
            }
            case "POST delete" -> {
                requireObjectAccess(token, account, bucket, true);
                return buckets.deleteObjects(bucket, body, headers);
            }
            case "GET cors" -> {
                requireAdmin(token, account, ADMIN_READ);
                return buckets.getCors(bucket);
            }
            case "PUT cors" -> {
                requireAdmin(token, account, ADMIN_WRITE);
                return buckets.putCors(bucket, body);
            }
            case "DELETE cors" -> {
                requireAdmin(token, account, ADMIN_WRITE);
                return buckets.deleteCors(bucket);
            }
            default ->
                throw notImplemented(method + (subresource.isEmpty() ? "" : " ?" + subresource) + " on a bucket");
        }
    }

    /** CopyObject from {@code x-amz-copy-source} ({@code [/]bucket/key}, percent-encoded) in the same account. */
    private ApiResponse copy(
            SandboxState.Token token,
            SandboxState.Account account,
            SandboxState.Bucket bucket,
            String key,
            String copySource,
            Headers headers) {
        if (copySource.contains("?")) {
            throw notImplemented("a versioned copy source");
        }
        String[] parts = PercentCodec.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource)
                .split("/", 2);
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw new S3Error(
                    400, "InvalidArgument", "x-amz-copy-source must be <bucket>/<key>, percent-encoded: " + copySource);
        }
        SandboxState.Bucket source = account.buckets.get(parts[0]);
        if (source == null) {
            throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
        }
        requireObjectAccess(token, account, source, false);
        return objects.copy(account.id, bucket, key, source, parts[1], headers);
    }

    /** Object calls: Bucket Item Read/Write on the bucket, or R2 Storage Read/Write on the account. */
    private void requireObjectAccess(
            SandboxState.Token token, SandboxState.Account account, SandboxState.Bucket bucket, boolean write) {
        String resource = Authz.BUCKET_PREFIX + account.id + "_default_" + bucket.name;
        boolean allowed = ctx.authz.allows(token, write ? WRITE : READ, resource)
                || ctx.authz.allows(token, write ? WRITE : READ, Authz.ACCOUNT_PREFIX + account.id);
        if (!allowed) {
            throw S3Error.accessDenied("Access Denied");
        }
    }

    /**
     * Bucket management (create, delete, list buckets, CORS) needs the account-wide R2 Storage groups, as R2's
     * Admin tokens; bucket-scoped Bucket Item tokens reach objects only.
     */
    private void requireAdmin(SandboxState.Token token, SandboxState.Account account, Set<String> groups) {
        if (!ctx.authz.allows(token, groups, Authz.ACCOUNT_PREFIX + account.id)) {
            throw S3Error.accessDenied("Access Denied: bucket management needs Workers R2 Storage on the account");
        }
    }

    /**
     * GetObject's {@code response-*} overrides, which S3 and R2 honour on signed (e.g. presigned) requests.
     */
    private static ApiResponse overridden(ApiResponse response, Map<String, List<String>> query) {
        OVERRIDES.forEach((parameter, header) -> {
            String value = S3Multipart.first(query, parameter);
            if (!value.isEmpty()) {
                response.header(header, value);
            }
        });
        return response;
    }

    private static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-disposition", "Content-Disposition",
            "response-cache-control", "Cache-Control",
            "response-content-encoding", "Content-Encoding",
            "response-content-language", "Content-Language",
            "response-expires", "Expires");

    /** Query parameters the sandbox understands on {@code /}: ListBuckets'. */
    private static final Set<String> SERVICE_PARAMETERS = Set.of("prefix", "x-id");

    /** Query parameters the sandbox understands on a bucket: ListObjects v1 and v2, and two sub-resources. */
    private static final Set<String> BUCKET_PARAMETERS = Set.of(
            "list-type",
            "prefix",
            "delimiter",
            "max-keys",
            "continuation-token",
            "start-after",
            "marker",
            "encoding-type",
            "fetch-owner",
            "x-id",
            "cors",
            "delete");

    private static final Set<String> OBJECT_PARAMETERS =
            Set.of("uploads", "uploadId", "partNumber", "max-parts", "part-number-marker", "x-id");

    /** Of the known parameters, those that name a sub-resource and so choose the operation. */
    private static final List<String> SUBRESOURCES = List.of("cors", "delete", "uploads", "uploadId");

    /**
     * The call's sub-resource ("" for none). The known parameters are a whitelist: anything else ({@code ?location},
     * {@code ?tagging}, {@code ?policy}, {@code ?uploads} on a bucket, …) answers 501 NotImplemented, because a wrong
     * 200 (a listing, the object) would mislead the client.
     */
    private static String subresource(Map<String, List<String>> query, Set<String> known) {
        for (String name : query.keySet()) {
            boolean signing = name.startsWith("X-Amz-") || name.startsWith("response-");
            if (!signing && !known.contains(name)) {
                throw new S3Error(
                        501,
                        "NotImplemented",
                        "The sandbox does not emulate the '" + name + "' sub-resource (see docs/sandbox.md).");
            }
        }
        for (String name : SUBRESOURCES) {
            if (query.containsKey(name)) {
                return name;
            }
        }
        return "";
    }

    private static S3Error notImplemented(String what) {
        return new S3Error(501, "NotImplemented", "The sandbox does not emulate " + what + " (see docs/sandbox.md).");
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
