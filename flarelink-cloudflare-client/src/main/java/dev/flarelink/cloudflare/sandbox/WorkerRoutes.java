package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Worker scripts: module upload (multipart), list, byte-exact download, delete, settings and workers.dev. */
final class WorkerRoutes {

    static final Set<String> READ =
            Set.of(PermissionGroups.WORKERS_SCRIPTS_READ, PermissionGroups.WORKERS_SCRIPTS_WRITE);
    static final Set<String> WRITE = Set.of(PermissionGroups.WORKERS_SCRIPTS_WRITE);
    private static final String SUBDOMAIN_LABEL = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    private final SandboxContext ctx;
    private final WorkerUpload upload;

    WorkerRoutes(SandboxContext ctx) {
        this.ctx = ctx;
        this.upload = new WorkerUpload(ctx);
    }

    void routes(Router router) {
        String script = "/accounts/{aid}/workers/scripts/{script}";
        router.add("GET", "/accounts/{aid}/workers/scripts", this::list);
        router.add("PUT", script, call -> {
            SandboxState.Script uploaded = upload.upload(account(call, WRITE), call);
            if (ctx.workers != null) {
                ctx.workers.deployed(call.var("aid"), uploaded);
            }
            return ApiResponse.ok(scriptJson(uploaded));
        });
        router.add("GET", script, this::download);
        router.add("GET", script + "/content/v2", this::download);
        router.add("DELETE", script, this::delete);
        router.add("GET", script + "/settings", call -> ApiResponse.ok(settings(script(call, READ))));
        router.add("GET", script + "/subdomain", call -> ApiResponse.ok(subdomainJson(script(call, READ))));
        router.add("POST", script + "/subdomain", this::enableSubdomain);
        router.add("DELETE", script + "/subdomain", this::disableSubdomain);
        router.add("GET", "/accounts/{aid}/workers/subdomain", this::accountSubdomain);
        router.add("PUT", "/accounts/{aid}/workers/subdomain", this::putAccountSubdomain);
    }

    SandboxState.Account account(ApiCall call, Set<String> groups) {
        ctx.authz.requireAccount(call.requireToken(), call.var("aid"), 10000, groups);
        return ctx.account(call.var("aid"));
    }

    private SandboxState.Script script(ApiCall call, Set<String> groups) {
        SandboxState.Script script = account(call, groups).scripts.get(call.var("script"));
        if (script == null) {
            throw ApiException.notFound(10007, "This Worker does not exist on your account.");
        }
        return script;
    }

    private ApiResponse list(ApiCall call) {
        ArrayNode result = Json.array();
        for (SandboxState.Script script : account(call, READ).scripts.values()) {
            result.add(scriptJson(script).putNull("routes"));
        }
        return ApiResponse.ok(result);
    }

    private ApiResponse download(ApiCall call) {
        SandboxState.Script script = script(call, READ);
        List<Multipart.Part> parts = new ArrayList<>();
        for (SandboxState.Module module : script.modules) {
            parts.add(new Multipart.Part(module.name, module.name, module.contentType, module.bytes));
        }
        String boundary = "----sandbox" + Ids.hex(12);
        return ApiResponse.raw(200, "multipart/form-data; boundary=" + boundary, Multipart.write(boundary, parts))
                .header("cf-entrypoint", script.mainModule);
    }

    private ApiResponse delete(ApiCall call) {
        SandboxState.Account account = account(call, WRITE);
        if (account.scripts.remove(call.var("script")) == null) {
            throw ApiException.notFound(10007, "This Worker does not exist on your account.");
        }
        account.domains.values().removeIf(domain -> domain.service.equals(call.var("script")));
        if (ctx.workers != null) {
            ctx.workers.removed(account.id, call.var("script"));
        }
        return ApiResponse.ok(null);
    }

    private ApiResponse enableSubdomain(ApiCall call) {
        SandboxState.Script script = script(call, WRITE);
        JsonNode body = call.json();
        script.subdomainEnabled = body.path("enabled").asBoolean(false);
        script.previewsEnabled = body.path("previews_enabled").asBoolean(script.subdomainEnabled);
        return ApiResponse.ok(subdomainJson(script));
    }

    private ApiResponse disableSubdomain(ApiCall call) {
        SandboxState.Script script = script(call, WRITE);
        script.subdomainEnabled = false;
        script.previewsEnabled = false;
        return ApiResponse.ok(subdomainJson(script));
    }

    private ApiResponse accountSubdomain(ApiCall call) {
        SandboxState.Account account = account(call, READ);
        if (account.workersSubdomain == null) {
            throw ApiException.notFound(10007, "This account does not have a workers.dev subdomain.");
        }
        return ApiResponse.ok(Json.object().put("subdomain", account.workersSubdomain));
    }

    private ApiResponse putAccountSubdomain(ApiCall call) {
        SandboxState.Account account = account(call, WRITE);
        String subdomain = Json.text(call.json(), "subdomain");
        boolean taken = ctx.state.accounts.values().stream()
                .anyMatch(other -> other != account && subdomain.equals(other.workersSubdomain));
        if (!subdomain.matches(SUBDOMAIN_LABEL) || taken) {
            throw ApiException.badRequest(10031, "The subdomain " + subdomain + " is unavailable.");
        }
        account.workersSubdomain = subdomain;
        return ApiResponse.ok(Json.object().put("subdomain", subdomain));
    }

    private static ObjectNode subdomainJson(SandboxState.Script script) {
        return Json.object().put("enabled", script.subdomainEnabled).put("previews_enabled", script.previewsEnabled);
    }

    static ObjectNode scriptJson(SandboxState.Script script) {
        ObjectNode node = Json.object();
        node.put("id", script.name);
        node.put("tag", script.tag);
        node.put("etag", script.etag);
        node.put("created_on", SandboxContext.iso(script.createdOn));
        node.put("modified_on", SandboxContext.iso(script.modifiedOn));
        node.put("compatibility_date", script.compatibilityDate);
        node.set("compatibility_flags", Json.strings(script.compatibilityFlags));
        node.set("handlers", Json.strings(handlers(script)));
        node.put("has_modules", true);
        node.put("has_assets", false);
        node.put("usage_model", "standard");
        node.put("logpush", false);
        node.put("startup_time_ms", 1);
        node.put("deployment_id", Ids.uuid());
        return node;
    }

    private static List<String> handlers(SandboxState.Script script) {
        for (SandboxState.Module module : script.modules) {
            if (module.name.equals(script.mainModule)) {
                String code = new String(module.bytes, StandardCharsets.UTF_8);
                return code.contains("scheduled") ? List.of("fetch", "scheduled") : List.of("fetch");
            }
        }
        return List.of("fetch");
    }

    private static ObjectNode settings(SandboxState.Script script) {
        ObjectNode node = Json.object();
        ArrayNode bindings = Json.array();
        for (JsonNode binding : script.bindings == null ? Json.array() : script.bindings) {
            ObjectNode copy = ((ObjectNode) binding).deepCopy();
            if (Json.text(copy, "type").equals("secret_text")) {
                copy.remove("text");
            }
            bindings.add(copy);
        }
        node.set("bindings", bindings);
        node.put("compatibility_date", script.compatibilityDate);
        node.set("compatibility_flags", Json.strings(script.compatibilityFlags));
        node.put("logpush", false);
        node.set("tags", Json.array());
        node.set("tail_consumers", Json.array());
        node.put("usage_model", "standard");
        return node;
    }
}
