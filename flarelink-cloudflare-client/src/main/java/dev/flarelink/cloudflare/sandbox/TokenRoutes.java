package dev.flarelink.cloudflare.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Token verification, the permission-group catalogue, and user-token create/list/get/update/roll/delete. */
final class TokenRoutes {

    static final int USER_TOKEN_QUOTA = 50;
    private static final Set<String> READ = Set.of(PermissionGroups.API_TOKENS_READ, PermissionGroups.API_TOKENS_WRITE);
    private static final Set<String> WRITE = Set.of(PermissionGroups.API_TOKENS_WRITE);
    private static final Set<String> ACCOUNT_READ =
            Set.of(PermissionGroups.ACCOUNT_API_TOKENS_READ, PermissionGroups.ACCOUNT_API_TOKENS_WRITE);

    private final SandboxContext ctx;

    TokenRoutes(SandboxContext ctx) {
        this.ctx = ctx;
    }

    void routes(Router router) {
        router.addSelfAuth("GET", "/user/tokens/verify", call -> verify(call, null));
        router.addSelfAuth("GET", "/accounts/{aid}/tokens/verify", call -> verify(call, call.var("aid")));
        router.add("GET", "/user/tokens/permission_groups", this::userGroups);
        router.add("GET", "/accounts/{aid}/tokens/permission_groups", this::accountGroups);
        router.add("POST", "/user/tokens", this::create);
        router.add("GET", "/user/tokens", this::list);
        router.add("GET", "/user/tokens/{tid}", call -> ApiResponse.ok(toJson(find(call, READ))));
        router.add("PUT", "/user/tokens/{tid}", this::update);
        router.add("PUT", "/user/tokens/{tid}/value", this::roll);
        router.add("DELETE", "/user/tokens/{tid}", this::delete);
    }

    private ApiResponse verify(ApiCall call, @Nullable String accountId) {
        SandboxState.Token token = call.token;
        boolean wrongKind = token != null
                && (accountId == null ? token.accountOwned : !token.accountOwned || !token.accountId.equals(accountId));
        if (token == null || wrongKind) {
            throw new ApiException(401, 1000, "Invalid API Token");
        }
        String status = ctx.authz.effectiveStatus(token);
        if (!ctx.authz.active(token) && !ctx.switches.verifyReportsInactive()) {
            throw new ApiException(401, 10000, "Authentication error");
        }
        ObjectNode result = Json.object();
        result.put("id", token.id);
        result.put("status", status);
        putTime(result, "not_before", token.notBefore);
        putTime(result, "expires_on", token.expiresOn);
        return ApiResponse.okWithMessage(result, 10000, "This API Token is valid and active");
    }

    private ApiResponse userGroups(ApiCall call) {
        ctx.authz.requireUser(call.requireToken(), READ);
        return ApiResponse.ok(PermissionGroups.catalogue(call.query("name", ""), call.query("scope", "")));
    }

    private ApiResponse accountGroups(ApiCall call) {
        ctx.authz.requireAccount(call.requireToken(), call.var("aid"), 9109, ACCOUNT_READ);
        return ApiResponse.ok(PermissionGroups.catalogue(call.query("name", ""), call.query("scope", "")));
    }

    private ApiResponse create(ApiCall call) {
        SandboxState.Token caller = call.requireToken();
        ctx.authz.requireUser(caller, WRITE);
        JsonNode body = call.json();
        long userTokens =
                ctx.state.tokens.values().stream().filter(t -> !t.accountOwned).count();
        if (userTokens >= USER_TOKEN_QUOTA) {
            throw ApiException.badRequest(1001, "Token quota exceeded: a user can have at most 50 API tokens");
        }
        SandboxState.Token token = mint(ctx, requiredName(body), false, caller.accountId, policies(body));
        applyTimes(token, body);
        token.condition = body.has("condition") ? body.get("condition") : null;
        ObjectNode result = toJson(token);
        result.put("value", token.value); // shown once, as Cloudflare does
        return ApiResponse.ok(result);
    }

    private ApiResponse list(ApiCall call) {
        ctx.authz.requireUser(call.requireToken(), READ);
        List<SandboxState.Token> tokens = new ArrayList<>();
        for (SandboxState.Token token : ctx.state.tokens.values()) {
            if (!token.accountOwned) {
                tokens.add(token);
            }
        }
        return Pages.page(call, tokens, this::toJson);
    }

    private ApiResponse update(ApiCall call) {
        SandboxState.Token token = find(call, WRITE);
        JsonNode body = call.json();
        token.name = requiredName(body);
        token.policies = policies(body);
        String status = Json.text(body, "status");
        if (status.equals("active") || status.equals("disabled")) {
            token.status = status;
        }
        applyTimes(token, body);
        token.modifiedOn = ctx.clock.millis();
        return ApiResponse.ok(toJson(token));
    }

    private ApiResponse roll(ApiCall call) {
        SandboxState.Token token = find(call, WRITE);
        token.value = Ids.tokenValue(token.accountOwned);
        token.modifiedOn = ctx.clock.millis();
        return ApiResponse.ok(Json.MAPPER.getNodeFactory().stringNode(token.value));
    }

    private ApiResponse delete(ApiCall call) {
        SandboxState.Token token = find(call, WRITE);
        ctx.state.tokens.remove(token.id);
        return ApiResponse.ok(Json.object().put("id", token.id));
    }

    private SandboxState.Token find(ApiCall call, Set<String> groups) {
        ctx.authz.requireUser(call.requireToken(), groups);
        SandboxState.Token token = ctx.state.tokens.get(call.var("tid"));
        if (token == null || token.accountOwned) {
            throw ApiException.notFound(1003, "Token not found");
        }
        return token;
    }

    /** Creates and stores a token; used by the API and by the sandbox's seeding methods. */
    static SandboxState.Token mint(
            SandboxContext ctx, String name, boolean accountOwned, String accountId, JsonNode policies) {
        SandboxState.Token token = new SandboxState.Token();
        token.id = Ids.hex32();
        token.name = name;
        token.value = Ids.tokenValue(accountOwned);
        token.accountOwned = accountOwned;
        token.accountId = accountId;
        token.issuedOn = ctx.clock.millis();
        token.modifiedOn = token.issuedOn;
        token.policies = policies;
        ctx.state.tokens.put(token.id, token);
        return token;
    }

    ObjectNode toJson(SandboxState.Token token) {
        ObjectNode node = Json.object();
        node.put("id", token.id);
        node.put("name", token.name);
        node.put("status", ctx.authz.effectiveStatus(token));
        node.put("issued_on", SandboxContext.iso(token.issuedOn));
        node.put("modified_on", SandboxContext.iso(token.modifiedOn));
        putTime(node, "not_before", token.notBefore);
        putTime(node, "expires_on", token.expiresOn);
        node.set("policies", token.policies == null ? Json.array() : token.policies);
        if (token.condition != null) {
            node.set("condition", token.condition);
        }
        return node;
    }

    private static String requiredName(JsonNode body) {
        String name = Json.text(body, "name");
        if (name.isBlank()) {
            throw ApiException.badRequest(1001, "Invalid request: name is required");
        }
        return name;
    }

    /** Validates policies and fills in policy ids and permission-group names as Cloudflare echoes them. */
    static ArrayNode policies(JsonNode body) {
        JsonNode input = body.path("policies");
        if (!input.isArray() || input.isEmpty()) {
            throw ApiException.badRequest(1001, "Invalid request: policies are required");
        }
        ArrayNode result = Json.array();
        for (JsonNode policy : input) {
            String effect = Json.text(policy, "effect");
            if (!effect.equals("allow") && !effect.equals("deny")
                    || !policy.path("resources").isObject()) {
                throw ApiException.badRequest(1001, "Invalid request: each policy needs an effect and resources");
            }
            ArrayNode groups = Json.array();
            for (JsonNode group : policy.path("permission_groups")) {
                String id = Json.text(group, "id");
                if (!PermissionGroups.known(id)) {
                    throw ApiException.badRequest(1001, "Invalid request: unknown permission group " + id);
                }
                groups.addObject().put("id", id).put("name", PermissionGroups.name(id));
            }
            ObjectNode copy = result.addObject();
            copy.put("id", Ids.hex32());
            copy.put("effect", effect);
            copy.set("resources", policy.get("resources"));
            copy.set("permission_groups", groups);
        }
        return result;
    }

    private static void applyTimes(SandboxState.Token token, JsonNode body) {
        token.notBefore = time(body, "not_before", token.notBefore);
        token.expiresOn = time(body, "expires_on", token.expiresOn);
    }

    private static @Nullable Long time(JsonNode body, String field, @Nullable Long current) {
        String value = Json.text(body, field);
        if (value.isEmpty()) {
            return current;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(1001, "Invalid request: " + field + " must be RFC 3339");
        }
    }

    private static void putTime(ObjectNode node, String field, @Nullable Long millis) {
        if (millis != null) {
            node.put(field, SandboxContext.iso(millis));
        }
    }
}
