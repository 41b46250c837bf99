package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Workers KV: namespaces (unique titles), keys with cursor paging, values with TTL and metadata. */
final class KvRoutes {

    private static final Set<String> READ = Set.of(PermissionGroups.KV_READ, PermissionGroups.KV_WRITE);
    private static final Set<String> WRITE = Set.of(PermissionGroups.KV_WRITE);
    static final int MAX_KEY_BYTES = 512;

    private final SandboxContext ctx;
    private final KvValues values;

    KvRoutes(SandboxContext ctx) {
        this.ctx = ctx;
        this.values = new KvValues(ctx, this);
    }

    void routes(Router router) {
        String base = "/accounts/{aid}/storage/kv/namespaces";
        router.add("POST", base, this::create);
        router.add("GET", base, this::list);
        router.add("GET", base + "/{ns}", call -> ApiResponse.ok(json(namespace(call, READ))));
        router.add("PUT", base + "/{ns}", this::rename);
        router.add("DELETE", base + "/{ns}", this::delete);
        router.add("GET", base + "/{ns}/keys", this::keys);
        values.routes(router, base + "/{ns}");
    }

    SandboxState.Account account(ApiCall call, Set<String> groups) {
        ctx.authz.requireAccount(call.requireToken(), call.var("aid"), 10000, groups);
        return ctx.account(call.var("aid"));
    }

    SandboxState.Namespace namespace(ApiCall call, Set<String> groups) {
        SandboxState.Namespace namespace = account(call, groups).namespaces.get(call.var("ns"));
        if (namespace == null) {
            throw ApiException.notFound(10013, "get namespace: 'namespace not found'");
        }
        return namespace;
    }

    SandboxState.Namespace writable(ApiCall call) {
        return namespace(call, WRITE);
    }

    SandboxState.Namespace readable(ApiCall call) {
        return namespace(call, READ);
    }

    private ApiResponse create(ApiCall call) {
        SandboxState.Account account = account(call, WRITE);
        String title = Json.text(call.json(), "title");
        if (title.isBlank()) {
            throw ApiException.badRequest(10019, "create namespace: 'title is required'");
        }
        if (account.namespaces.values().stream().anyMatch(ns -> ns.title.equals(title))) {
            throw ApiException.badRequest(
                    10014, "create namespace: 'A namespace with this account ID and title already exists'");
        }
        SandboxState.Namespace namespace = new SandboxState.Namespace();
        namespace.id = Ids.hex32();
        namespace.title = title;
        account.namespaces.put(namespace.id, namespace);
        return ApiResponse.ok(json(namespace));
    }

    private ApiResponse list(ApiCall call) {
        List<SandboxState.Namespace> namespaces =
                new ArrayList<>(account(call, READ).namespaces.values());
        Comparator<SandboxState.Namespace> order = call.query("order", "id").equals("title")
                ? Comparator.comparing(ns -> ns.title)
                : Comparator.comparing(ns -> ns.id);
        namespaces.sort(call.query("direction", "asc").equals("desc") ? order.reversed() : order);
        return Pages.page(call, namespaces, KvRoutes::json);
    }

    private ApiResponse rename(ApiCall call) {
        SandboxState.Namespace namespace = namespace(call, WRITE);
        namespace.title = Json.text(call.json(), "title");
        return ApiResponse.ok(json(namespace));
    }

    private ApiResponse delete(ApiCall call) {
        SandboxState.Namespace namespace = namespace(call, WRITE);
        ctx.account(call.var("aid")).namespaces.remove(namespace.id);
        return ApiResponse.ok(null);
    }

    private ApiResponse keys(ApiCall call) {
        SandboxState.Namespace namespace = namespace(call, READ);
        String prefix = call.query("prefix", "");
        int limit = call.queryInt("limit", 1000, 10, 1000);
        String cursor = call.query("cursor", "");
        String after =
                cursor.isEmpty() ? "" : new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        List<ObjectNode> page = new ArrayList<>();
        String last = "";
        boolean more = false;
        for (Map.Entry<String, SandboxState.KvEntry> entry : namespace.entries.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)
                    || (!after.isEmpty() && key.compareTo(after) <= 0)
                    || expired(entry.getValue())) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(keyJson(key, entry.getValue()));
            last = key;
        }
        ObjectNode info = Json.object();
        info.put("count", page.size());
        info.put(
                "cursor",
                more
                        ? Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8))
                        : "");
        return ApiResponse.ok(Json.array().addAll(page), info);
    }

    boolean expired(SandboxState.KvEntry entry) {
        return entry.expiration != null && entry.expiration * 1000 <= ctx.clock.millis();
    }

    private static ObjectNode keyJson(String key, SandboxState.KvEntry entry) {
        ObjectNode node = Json.object().put("name", key);
        if (entry.expiration != null) {
            node.put("expiration", entry.expiration);
        }
        if (entry.metadata != null) {
            node.set("metadata", entry.metadata);
        }
        return node;
    }

    private static ObjectNode json(SandboxState.Namespace namespace) {
        return Json.object()
                .put("id", namespace.id)
                .put("title", namespace.title)
                .put("supports_url_encoding", true);
    }

    static JsonNode metadataOrNull(SandboxState.KvEntry entry) {
        return entry.metadata == null ? Json.MAPPER.getNodeFactory().nullNode() : entry.metadata;
    }
}
