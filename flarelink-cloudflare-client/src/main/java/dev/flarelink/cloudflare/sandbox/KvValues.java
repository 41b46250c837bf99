package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** KV values: raw-byte reads with an {@code expiration} header, raw or multipart writes with TTL rules, bulk. */
final class KvValues {

    private static final long MIN_TTL_SECONDS = 60;

    private final SandboxContext ctx;
    private final KvRoutes kv;

    KvValues(SandboxContext ctx, KvRoutes kv) {
        this.ctx = ctx;
        this.kv = kv;
    }

    void routes(Router router, String base) {
        router.add("GET", base + "/values/{key}", this::get);
        router.addData("PUT", base + "/values/{key}", this::put);
        router.addData("DELETE", base + "/values/{key}", this::delete);
        router.add("GET", base + "/metadata/{key}", call -> ApiResponse.ok(KvRoutes.metadataOrNull(entry(call))));
        router.addData("PUT", base + "/bulk", this::bulkPut);
        router.addData("POST", base + "/bulk/delete", this::bulkDelete);
        router.addData("POST", base + "/bulk/get", this::bulkGet);
    }

    private SandboxState.KvEntry entry(ApiCall call) {
        SandboxState.KvEntry entry = kv.readable(call).entries.get(call.var("key"));
        if (entry == null || kv.expired(entry)) {
            throw ApiException.notFound(10009, "get: 'key not found'");
        }
        return entry;
    }

    private ApiResponse get(ApiCall call) {
        SandboxState.KvEntry entry = entry(call);
        ApiResponse response = ApiResponse.raw(200, "application/octet-stream", entry.value);
        return entry.expiration == null ? response : response.header("expiration", String.valueOf(entry.expiration));
    }

    private ApiResponse put(ApiCall call) {
        SandboxState.Namespace namespace = kv.writable(call);
        String key = checkKey(call.var("key"));
        SandboxState.KvEntry entry = new SandboxState.KvEntry();
        entry.expiration = expiration(call.query("expiration", ""), call.query("expiration_ttl", ""));
        String contentType = call.header("Content-Type");
        if (Multipart.isMultipart(contentType)) {
            for (Multipart.Part part : Multipart.parse(contentType, call.body)) {
                if (part.name().equals("value")) {
                    entry.value = part.bytes();
                } else if (part.name().equals("metadata")) {
                    entry.metadata = Json.parse(part.bytes());
                }
            }
        } else {
            entry.value = call.body;
        }
        namespace.entries.put(key, entry);
        return ApiResponse.ok(Json.object());
    }

    private ApiResponse delete(ApiCall call) {
        kv.writable(call).entries.remove(call.var("key"));
        return ApiResponse.ok(Json.object());
    }

    private ApiResponse bulkPut(ApiCall call) {
        SandboxState.Namespace namespace = kv.writable(call);
        JsonNode items = call.json();
        if (!items.isArray() || items.size() > 10_000) {
            throw ApiException.badRequest(10001, "bulk write takes an array of at most 10,000 items");
        }
        for (JsonNode item : items) {
            SandboxState.KvEntry entry = new SandboxState.KvEntry();
            String value = Json.text(item, "value");
            entry.value = item.path("base64").asBoolean(false)
                    ? Base64.getDecoder().decode(value)
                    : value.getBytes(StandardCharsets.UTF_8);
            entry.expiration = expiration(
                    item.path("expiration").asString(""),
                    item.path("expiration_ttl").asString(""));
            entry.metadata = item.has("metadata") ? item.get("metadata") : null;
            namespace.entries.put(checkKey(Json.text(item, "key")), entry);
        }
        return ApiResponse.ok(bulkResult(items.size()));
    }

    private ApiResponse bulkDelete(ApiCall call) {
        SandboxState.Namespace namespace = kv.writable(call);
        JsonNode keys = call.json();
        for (JsonNode key : keys) {
            namespace.entries.remove(key.asString());
        }
        return ApiResponse.ok(bulkResult(keys.size()));
    }

    /** Cloudflare's {@code bulk/get}: at most 100 keys, values as text, null for a missing or expired key. */
    private ApiResponse bulkGet(ApiCall call) {
        SandboxState.Namespace namespace = kv.readable(call);
        JsonNode keys = call.json().path("keys");
        if (!keys.isArray() || keys.isEmpty() || keys.size() > 100) {
            throw ApiException.badRequest(10001, "bulk get takes \"keys\": an array of 1 to 100 keys");
        }
        ObjectNode values = Json.object();
        for (JsonNode key : keys) {
            SandboxState.KvEntry entry = namespace.entries.get(key.asString());
            if (entry == null || kv.expired(entry)) {
                values.putNull(key.asString());
            } else {
                values.put(key.asString(), new String(entry.value, StandardCharsets.UTF_8));
            }
        }
        return ApiResponse.ok(Json.object().set("values", values));
    }

    private static ObjectNode bulkResult(int count) {
        return Json.object().put("successful_key_count", count).<ObjectNode>set("unsuccessful_keys", Json.array());
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > KvRoutes.MAX_KEY_BYTES) {
            throw new ApiException(414, 10033, "put: 'key too long or empty'");
        }
        return key;
    }

    /** Unix-seconds expiry; {@code expiration_ttl} wins over {@code expiration}; both must be ≥ 60 s ahead. */
    private @Nullable Long expiration(String absolute, String ttl) {
        long now = ctx.clock.millis() / 1000;
        if (!ttl.isEmpty()) {
            long seconds = number(ttl, "expiration_ttl");
            if (seconds < MIN_TTL_SECONDS) {
                throw ApiException.badRequest(
                        10019, "Invalid expiration_ttl of " + ttl + ". Expiration TTL must be at least 60.");
            }
            return now + seconds;
        }
        if (!absolute.isEmpty()) {
            long at = number(absolute, "expiration");
            if (at < now + MIN_TTL_SECONDS) {
                throw ApiException.badRequest(
                        10019,
                        "Invalid expiration of " + absolute
                                + ". Expiration times must be at least 60 seconds in the future.");
            }
            return at;
        }
        return null;
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(10019, "Invalid " + name + " of " + value + ".");
        }
    }
}
