package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.core.PageRequest;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.connect.Permission;
import java.util.List;
import java.util.Optional;

/** Creates (or adopts) the project's D1 database. */
final class D1CreateStep extends CreateByNameStep {

    static final String NAME = "d1.create";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Create the D1 database";
    }

    @Override
    String kindOfResource() {
        return "D1 database";
    }

    @Override
    String resourceName(ProjectSpec spec) {
        return spec.d1Name();
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        String base = "/accounts/" + accountId + "/d1/database";
        return List.of(
                new PlannedCall("GET", base + "?name=" + spec.d1Name(), Permission.D1, "Look for the database first"),
                new PlannedCall("POST", base, Permission.D1, "Create database " + spec.d1Name()));
    }

    @Override
    Optional<String> find(CloudflareApi api, String accountId, String name) {
        return api.d1().list(accountId, name, PageRequest.ofSize(100)).autoPager().stream()
                .filter(db -> db.name().equals(name))
                .map(D1Database::uuid)
                .findFirst();
    }

    @Override
    String create(CloudflareApi api, String accountId, String name) {
        return api.d1().create(accountId, D1CreateParams.named(name)).uuid();
    }

    @Override
    void delete(CloudflareApi api, String accountId, String id) {
        api.d1().delete(accountId, id);
    }
}
