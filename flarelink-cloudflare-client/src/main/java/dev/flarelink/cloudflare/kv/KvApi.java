package dev.flarelink.cloudflare.kv;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.core.PageRequest;
import dev.flarelink.cloudflare.errors.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Workers KV namespaces, keys and values of an account. */
public final class KvApi {

    private static final String NAMESPACES = "/accounts/{account_id}/storage/kv/namespaces";
    private static final String NAMESPACE = NAMESPACES + "/{namespace_id}";
    private static final String VALUE = NAMESPACE + "/values/{key_name}";
    /** Cloudflare rejects shorter TTLs. */
    public static final Duration MIN_TTL = Duration.ofSeconds(60);

    private final ApiCaller caller;

    public KvApi(ApiCaller caller) {
        this.caller = caller;
    }

    /** {@code POST …/namespaces}; not retried blindly: a duplicate title fails with 10014 (Conflict). */
    public KvNamespace createNamespace(String accountId, String title) {
        return caller.call(
                ApiRequest.post("kv.namespace.create", NAMESPACES)
                        .path("account_id", accountId)
                        .jsonBody(Map.of("title", title))
                        .build(),
                KvNamespace.class);
    }

    /** {@code GET …/namespaces}, first page of 20. */
    public Page<KvNamespace> listNamespaces(String accountId) {
        return listNamespaces(accountId, PageRequest.first());
    }

    /** {@code GET …/namespaces?page=&per_page=}. */
    public Page<KvNamespace> listNamespaces(String accountId, PageRequest page) {
        return caller.pageByNumber(
                ApiRequest.get("kv.namespace.list", NAMESPACES)
                        .path("account_id", accountId)
                        .build(),
                page,
                KvNamespace.class);
    }

    /** {@code DELETE …/namespaces/{namespace_id}}. */
    public void deleteNamespace(String accountId, String namespaceId) {
        caller.execute(ApiRequest.delete("kv.namespace.delete", NAMESPACE)
                .path("account_id", accountId)
                .path("namespace_id", namespaceId)
                .build());
    }

    /** {@code GET …/keys?prefix=&limit=}: first page; follow {@link Page#nextPage()} for the cursor. */
    public Page<KvKey> listKeys(String accountId, String namespaceId, @Nullable String prefix, int limit) {
        ApiRequest request = ApiRequest.get("kv.key.list", NAMESPACE + "/keys")
                .path("account_id", accountId)
                .path("namespace_id", namespaceId)
                .query("prefix", prefix)
                .query("limit", limit)
                .build();
        return caller.pageByCursor(request, null, KvKey.class, null);
    }

    /** {@code PUT …/values/{key_name}} with raw bytes; the value never expires. */
    public void put(String accountId, String namespaceId, String key, byte[] value) {
        put(accountId, namespaceId, key, value, null);
    }

    /** {@code PUT …/values/{key_name}?expiration_ttl=}; {@code ttl} must be at least 60 s. */
    public void put(String accountId, String namespaceId, String key, byte[] value, @Nullable Duration ttl) {
        if (ttl != null && ttl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("KV expiration TTL must be at least 60 seconds");
        }
        caller.execute(value("kv.value.put", ApiRequest.put("kv.value.put", VALUE), accountId, namespaceId, key)
                .query("expiration_ttl", ttl == null ? null : ttl.toSeconds())
                .body(value, "application/octet-stream")
                .build());
    }

    /** {@code GET …/values/{key_name}}: the raw bytes, or empty when the key does not exist. */
    public Optional<byte[]> get(String accountId, String namespaceId, String key) {
        ApiRequest request = value("kv.value.get", ApiRequest.get("kv.value.get", VALUE), accountId, namespaceId, key)
                .rawResponse("application/octet-stream")
                .build();
        try {
            return Optional.of(caller.raw(request).body());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code DELETE …/values/{key_name}}. */
    public void delete(String accountId, String namespaceId, String key) {
        caller.execute(
                value("kv.value.delete", ApiRequest.delete("kv.value.delete", VALUE), accountId, namespaceId, key)
                        .build());
    }

    /**
     * {@code POST …/bulk/get}: up to 100 values as text in one call, null for a missing key. The keys travel in the
     * body, never in the path, so a key that is itself a secret (a session token) stays out of every call record.
     */
    public Map<String, @Nullable String> bulkGet(String accountId, String namespaceId, List<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        if (keys.size() > BULK_GET_MAX) {
            throw new IllegalArgumentException("KV bulk get takes at most " + BULK_GET_MAX + " keys");
        }
        BulkValues values = caller.call(
                ApiRequest.post("kv.value.bulk_get", NAMESPACE + "/bulk/get")
                        .path("account_id", accountId)
                        .path("namespace_id", namespaceId)
                        .jsonBody(Map.of("keys", keys, "type", "text"))
                        .build(),
                BulkValues.class);
        Map<String, @Nullable String> out = new java.util.HashMap<>();
        if (values != null && values.values() != null) {
            out.putAll(values.values());
        }
        return out;
    }

    /** {@code POST …/bulk/delete}: up to 10,000 keys in one call, keys in the body (never in a call record). */
    public void bulkDelete(String accountId, String namespaceId, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        caller.execute(ApiRequest.post("kv.value.bulk_delete", NAMESPACE + "/bulk/delete")
                .path("account_id", accountId)
                .path("namespace_id", namespaceId)
                .jsonBody(keys)
                .build());
    }

    /** Cloudflare's limit for one bulk read. */
    public static final int BULK_GET_MAX = 100;

    private record BulkValues(@Nullable Map<String, @Nullable String> values) {}

    private static ApiRequest.Builder value(
            String action, ApiRequest.Builder builder, String accountId, String namespaceId, String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(action + ": key must not be empty");
        }
        return builder.path("account_id", accountId)
                .path("namespace_id", namespaceId)
                .path("key_name", key);
    }
}
