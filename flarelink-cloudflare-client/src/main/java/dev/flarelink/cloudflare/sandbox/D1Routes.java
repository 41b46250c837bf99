package dev.flarelink.cloudflare.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** D1 databases: create (unique names, per-account limit), list, get by uuid or name, delete, query and raw. */
final class D1Routes {

    static final int DATABASES_PER_ACCOUNT = 10;
    private static final Set<String> READ = Set.of(PermissionGroups.D1_READ, PermissionGroups.D1_WRITE);
    private static final Set<String> WRITE = Set.of(PermissionGroups.D1_WRITE);

    private final SandboxContext ctx;

    D1Routes(SandboxContext ctx) {
        this.ctx = ctx;
    }

    void routes(Router router) {
        String base = "/accounts/{aid}/d1/database";
        router.add("POST", base, this::create);
        router.add("GET", base, this::list);
        router.add("GET", base + "/{db}", call -> ApiResponse.ok(detail(find(call, READ))));
        router.add("DELETE", base + "/{db}", this::delete);
        router.addData("POST", base + "/{db}/query", call -> query(call, false));
        router.addData("POST", base + "/{db}/raw", call -> query(call, true));
    }

    private SandboxState.Account account(ApiCall call, Set<String> groups) {
        ctx.authz.requireAccount(call.requireToken(), call.var("aid"), 7403, groups);
        return ctx.account(call.var("aid"));
    }

    private ApiResponse create(ApiCall call) {
        SandboxState.Account account = account(call, WRITE);
        String name = Json.text(call.json(), "name");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw ApiException.badRequest(7400, "Invalid database name: " + name);
        }
        if (account.databases.values().stream().anyMatch(db -> db.name.equals(name))) {
            throw ApiException.badRequest(7502, "A database with that name already exists");
        }
        if (account.databases.size() >= DATABASES_PER_ACCOUNT) {
            throw ApiException.badRequest(7406, "System limit reached: databases per account (10)");
        }
        SandboxState.Database db = new SandboxState.Database();
        db.uuid = Ids.uuid();
        db.name = name;
        db.createdAt = ctx.clock.millis();
        account.databases.put(db.uuid, db);
        ctx.d1.connection(db.uuid);
        return ApiResponse.ok(summary(db).put("num_tables", 0).put("file_size", ctx.d1.fileSize(db.uuid)));
    }

    private ApiResponse list(ApiCall call) {
        String name = call.query("name", "");
        List<SandboxState.Database> matches = new ArrayList<>();
        for (SandboxState.Database db : account(call, READ).databases.values()) {
            if (db.name.contains(name)) {
                matches.add(db);
            }
        }
        return Pages.page(call, matches, D1Routes::summary, 1000);
    }

    private SandboxState.Database find(ApiCall call, Set<String> groups) {
        String key = call.var("db");
        for (SandboxState.Database db : account(call, groups).databases.values()) {
            if (db.uuid.equals(key) || db.name.equals(key)) {
                return db;
            }
        }
        throw ApiException.notFound(7404, "Not Found");
    }

    private ApiResponse delete(ApiCall call) {
        SandboxState.Database db = find(call, WRITE);
        ctx.account(call.var("aid")).databases.remove(db.uuid);
        ctx.d1.drop(db.uuid);
        return ApiResponse.ok(null);
    }

    private ApiResponse query(ApiCall call, boolean raw) {
        SandboxState.Database db = find(call, READ);
        JsonNode body = call.json();
        List<D1Engine.Query> queries = new ArrayList<>();
        if (body.has("batch")) {
            for (JsonNode item : body.path("batch")) {
                queries.add(query(item));
            }
        } else {
            queries.add(query(body));
        }
        // the SQL runs outside the sandbox lock (under its database's own lock), so a slow query does not hold up
        // calls to other databases, KV or R2
        String uuid = db.uuid;
        return ApiResponse.ok(ctx.unlocked(() -> ctx.d1.execute(uuid, queries, raw)));
    }

    private static D1Engine.Query query(JsonNode item) {
        String sql = Json.text(item, "sql");
        if (sql.isBlank()) {
            throw ApiException.badRequest(7400, "The request is malformed: sql is required");
        }
        JsonNode params = item.path("params");
        return new D1Engine.Query(sql, params.isArray() ? params : Json.array());
    }

    private static ObjectNode summary(SandboxState.Database db) {
        ObjectNode node = Json.object();
        node.put("uuid", db.uuid);
        node.put("name", db.name);
        node.put("created_at", SandboxContext.iso(db.createdAt));
        node.put("version", "production");
        node.putNull("jurisdiction");
        return node;
    }

    private ObjectNode detail(SandboxState.Database db) {
        ObjectNode node = summary(db);
        node.put("num_tables", ctx.d1.tableCount(db.uuid));
        node.put("file_size", ctx.d1.fileSize(db.uuid));
        node.put("running_in_region", "WEUR");
        node.set("read_replication", Json.object().put("mode", "disabled"));
        return node;
    }
}
