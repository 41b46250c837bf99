package dev.flarelink.cloudflare.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** R2 bucket management over REST: create (name rules, duplicates), list, get, delete (must be empty), CORS. */
final class R2Routes {

    static final String BUCKET_NAME = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";
    private static final Set<String> READ = Set.of(PermissionGroups.R2_READ, PermissionGroups.R2_WRITE);
    private static final Set<String> WRITE = Set.of(PermissionGroups.R2_WRITE);
    private static final Set<String> LOCATIONS = Set.of("apac", "eeur", "enam", "weur", "wnam", "oc");

    private final SandboxContext ctx;

    R2Routes(SandboxContext ctx) {
        this.ctx = ctx;
    }

    void routes(Router router) {
        String base = "/accounts/{aid}/r2/buckets";
        router.add("POST", base, this::create);
        router.add("GET", base, this::list);
        router.add("GET", base + "/{bucket}", call -> ApiResponse.ok(json(bucket(call, READ))));
        router.add("DELETE", base + "/{bucket}", this::delete);
        router.add("GET", base + "/{bucket}/cors", this::getCors);
        router.add("PUT", base + "/{bucket}/cors", this::putCors);
        router.add("DELETE", base + "/{bucket}/cors", this::deleteCors);
    }

    private SandboxState.Account account(ApiCall call, Set<String> groups) {
        ctx.authz.requireAccount(call.requireToken(), call.var("aid"), 10000, groups);
        return ctx.account(call.var("aid"));
    }

    private SandboxState.Bucket bucket(ApiCall call, Set<String> groups) {
        SandboxState.Bucket bucket = account(call, groups).buckets.get(call.var("bucket"));
        if (bucket == null) {
            throw ApiException.notFound(10006, "The specified bucket does not exist.");
        }
        return bucket;
    }

    private ApiResponse create(ApiCall call) {
        SandboxState.Account account = account(call, WRITE);
        JsonNode body = call.json();
        String name = Json.text(body, "name");
        String storageClass = body.path("storageClass").asString("Standard");
        String location = body.path("locationHint").asString("weur").toLowerCase();
        if (!storageClass.equals("Standard") && !storageClass.equals("InfrequentAccess")
                || !LOCATIONS.contains(location)) {
            throw ApiException.badRequest(10040, "The JSON you provided was not well formed.");
        }
        if (!name.matches(BUCKET_NAME)) {
            throw ApiException.badRequest(10005, "The specified bucket name is not valid.");
        }
        if (account.buckets.containsKey(name)) {
            throw ApiException.conflict(10004, "The bucket you tried to create already exists, and you own it.");
        }
        SandboxState.Bucket bucket = new SandboxState.Bucket();
        bucket.name = name;
        bucket.creationDate = ctx.clock.millis();
        bucket.location = location;
        bucket.storageClass = storageClass;
        account.buckets.put(name, bucket);
        return ApiResponse.ok(json(bucket));
    }

    private ApiResponse list(ApiCall call) {
        String contains = call.query("name_contains", "");
        String after = call.query("cursor", call.query("start_after", ""));
        int perPage = call.queryInt("per_page", 20, 1, 1000);
        List<SandboxState.Bucket> matches = new ArrayList<>();
        for (SandboxState.Bucket bucket : account(call, READ).buckets.values()) {
            if (bucket.name.contains(contains) && bucket.name.compareTo(after) > 0) {
                matches.add(bucket);
            }
        }
        ArrayNode buckets = Json.array();
        matches.stream().limit(perPage).forEach(bucket -> buckets.add(json(bucket)));
        ObjectNode info = Json.object().put("per_page", perPage);
        info.put("cursor", matches.size() > perPage ? matches.get(perPage - 1).name : "");
        return ApiResponse.ok(Json.object().set("buckets", buckets), info);
    }

    private ApiResponse delete(ApiCall call) {
        SandboxState.Bucket bucket = bucket(call, WRITE);
        if (!bucket.objects.isEmpty()) {
            throw ApiException.conflict(10008, "The bucket you tried to delete is not empty.");
        }
        ctx.account(call.var("aid")).buckets.remove(bucket.name);
        return ApiResponse.ok(null);
    }

    private ApiResponse getCors(ApiCall call) {
        SandboxState.Bucket bucket = bucket(call, READ);
        if (bucket.corsRules == null) {
            throw ApiException.notFound(10059, "The CORS configuration does not exist.");
        }
        return ApiResponse.ok(bucket.corsRules);
    }

    private ApiResponse putCors(ApiCall call) {
        SandboxState.Bucket bucket = bucket(call, WRITE);
        JsonNode body = call.json();
        Cors.validate(body);
        bucket.corsRules = body;
        return ApiResponse.ok(null);
    }

    private ApiResponse deleteCors(ApiCall call) {
        bucket(call, WRITE).corsRules = null;
        return ApiResponse.ok(null);
    }

    private static ObjectNode json(SandboxState.Bucket bucket) {
        ObjectNode node = Json.object();
        node.put("name", bucket.name);
        node.put("creation_date", SandboxContext.iso(bucket.creationDate));
        node.put("location", bucket.location.toUpperCase());
        node.put("storage_class", bucket.storageClass);
        node.put("jurisdiction", "default");
        return node;
    }
}
