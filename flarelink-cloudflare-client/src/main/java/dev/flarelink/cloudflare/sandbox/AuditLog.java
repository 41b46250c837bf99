package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records every call the emulator receives (API and S3) with the acting token, and serves them through the
 * audit logs v2 endpoint {@code GET /accounts/{aid}/logs/audit} (reference §9.2). Unlike Cloudflare, reads are
 * recorded too (as {@code view}) because the sandbox's purpose is to show everything a client did.
 */
final class AuditLog {

    static final int MAX_RECORDS = 200_000;

    private final SandboxContext ctx;

    AuditLog(SandboxContext ctx) {
        this.ctx = ctx;
    }

    void routes(Router router) {
        router.add("GET", "/accounts/{aid}/logs/audit", this::query);
    }

    void record(
            HttpExchange exchange,
            SandboxState.@Nullable Token token,
            String accountId,
            String path,
            int status,
            String ray) {
        SandboxState.AuditRecord record = new SandboxState.AuditRecord();
        record.id = Ids.uuid();
        record.time = ctx.clock.millis();
        record.accountId = accountId;
        record.tokenId = token == null ? null : token.id;
        record.tokenName = token == null ? null : token.name;
        record.method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getRawQuery();
        record.uri = query == null ? path : path + "?" + redactSignature(query);
        record.status = status;
        record.rayId = ray;
        record.product = product(path);
        record.userAgent = ApiHandler.header(exchange, "User-Agent");
        record.ip = exchange.getRemoteAddress().getAddress().getHostAddress();
        List<SandboxState.AuditRecord> log = ctx.state.audit;
        if (log.size() >= MAX_RECORDS) {
            log.remove(0);
        }
        log.add(record);
        ctx.store.recorded(record);
    }

    private ApiResponse query(ApiCall call) {
        String aid = call.var("aid");
        ctx.authz.requireAccount(call.requireToken(), aid, 10000, Set.of(PermissionGroups.ACCOUNT_SETTINGS_READ));
        long since = parseTime(call.query("since", ""), "since");
        long before = parseTime(call.query("before", ""), "before");
        String actorToken = call.query("actor_token_id", "");
        String method = call.query("raw_method", "");
        boolean ascending = call.query("direction", "desc").equals("asc");
        int limit = call.queryInt("limit", 100, 1, 1000);
        int offset = call.queryInt("cursor", 0, 0, Integer.MAX_VALUE);
        List<SandboxState.AuditRecord> matches = new ArrayList<>();
        for (SandboxState.AuditRecord record : ctx.state.audit) {
            boolean inRange = record.time >= since && record.time < before;
            boolean actor = actorToken.isEmpty() || actorToken.equals(record.tokenId);
            boolean byMethod = method.isEmpty() || method.equalsIgnoreCase(record.method);
            if (inRange && actor && byMethod && aid.equals(record.accountId)) {
                matches.add(record);
            }
        }
        if (!ascending) {
            java.util.Collections.reverse(matches);
        }
        ArrayNode result = Json.array();
        int end = Math.min(matches.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            result.add(toJson(matches.get(i)));
        }
        ObjectNode info = Json.object();
        info.put("count", String.valueOf(result.size()));
        String next = end < matches.size() ? String.valueOf(end) : "";
        info.put("cursor", next);
        info.set("cursors", Json.object().put("after", next));
        return ApiResponse.ok(result, info);
    }

    private ObjectNode toJson(SandboxState.AuditRecord record) {
        ObjectNode node = Json.object();
        node.put("id", record.id);
        SandboxState.Account account = ctx.state.accounts.get(record.accountId);
        node.set("account", Json.object().put("id", record.accountId).put("name", account == null ? "" : account.name));
        ObjectNode action = node.putObject("action");
        action.put("type", actionType(record.method));
        action.put("description", record.method + " " + record.product);
        action.put("result", record.status < 400 ? "success" : "failure");
        action.put("time", SandboxContext.iso(record.time));
        ObjectNode actor = node.putObject("actor");
        actor.put("id", ctx.state.userId);
        actor.put("type", "user");
        actor.put("context", "api_token");
        actor.put("email", ctx.state.userEmail);
        actor.put("ip_address", record.ip);
        actor.put("token_id", record.tokenId);
        actor.put("token_name", record.tokenName);
        ObjectNode raw = node.putObject("raw");
        raw.put("cf_ray_id", record.rayId);
        raw.put("method", record.method);
        raw.put("status_code", record.status);
        raw.put("uri", record.uri);
        raw.put("user_agent", record.userAgent);
        node.putObject("resource").put("product", record.product);
        return node;
    }

    private static String actionType(String method) {
        return switch (method) {
            case "POST" -> "create";
            case "PUT", "PATCH" -> "update";
            case "DELETE" -> "delete";
            default -> "view";
        };
    }

    static String product(String path) {
        if (path.contains("/workers/")) {
            return "workers";
        }
        if (path.contains("/d1/")) {
            return "d1";
        }
        if (path.contains("/storage/kv/")) {
            return "kv";
        }
        if (path.contains("/r2/") || path.startsWith("s3:")) {
            return "r2";
        }
        if (path.contains("/tokens")) {
            return "api_tokens";
        }
        return path.startsWith("/zones") ? "zones" : "account";
    }

    /** Presigned URL signatures are credentials of a kind; the audit log keeps the URI without them. */
    private static String redactSignature(String query) {
        return query.replaceAll("(?i)(X-Amz-Signature=)[0-9a-f]+", "$1REDACTED");
    }

    private static long parseTime(String value, String name) {
        if (value.isEmpty()) {
            throw ApiException.badRequest(10001, "Missing required query parameter: " + name);
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value)
                            .atStartOfDay()
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli()
                    : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(10001, "Invalid " + name + ": " + value);
        }
    }
}
