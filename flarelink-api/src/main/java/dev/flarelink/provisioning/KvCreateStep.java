package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.core.PageRequest;
import dev.flarelink.cloudflare.kv.KvNamespace;
import dev.flarelink.connect.Permission;
import java.util.List;
import java.util.Optional;

/** Creates (or adopts) the KV namespace the Worker keeps sessions in. */
final class KvCreateStep extends CreateByNameStep {

    static final String NAME = "kv.create";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Create the KV namespace for sessions";
    }

    @Override
    String kindOfResource() {
        return "KV namespace";
    }

    @Override
    String resourceName(ProjectSpec spec) {
        return spec.kvTitle();
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        String base = "/accounts/" + accountId + "/storage/kv/namespaces";
        return List.of(
                new PlannedCall("GET", base, Permission.WORKERS_KV, "Look for the namespace first"),
                new PlannedCall("POST", base, Permission.WORKERS_KV, "Create namespace " + spec.kvTitle()));
    }

    @Override
    Optional<String> find(CloudflareApi api, String accountId, String name) {
        return api.kv().listNamespaces(accountId, PageRequest.ofSize(100)).autoPager().stream()
                .filter(ns -> ns.title().equals(name))
                .map(KvNamespace::id)
                .findFirst();
    }

    @Override
    String create(CloudflareApi api, String accountId, String name) {
        return api.kv().createNamespace(accountId, name).id();
    }

    @Override
    void delete(CloudflareApi api, String accountId, String id) {
        api.kv().deleteNamespace(accountId, id);
    }
}
