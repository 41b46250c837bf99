package dev.flarelink.cloudflare.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Authenticates bearer tokens and evaluates their policies the way Cloudflare documents it: an explicit deny
 * wins, then an explicit allow, otherwise an implicit deny.
 */
final class Authz {

    static final String ACCOUNT_PREFIX = "com.cloudflare.api.account.";
    static final String USER_PREFIX = "com.cloudflare.api.user.";
    static final String BUCKET_PREFIX = "com.cloudflare.edge.r2.bucket.";

    private final SandboxState state;
    private final Clock clock;
    private final Map<String, SandboxState.Token> runtimeTokens;

    Authz(SandboxState state, Clock clock, Map<String, SandboxState.Token> runtimeTokens) {
        this.state = state;
        this.clock = clock;
        this.runtimeTokens = runtimeTokens;
    }

    /** The token named by the Authorization header, or an error shaped as Cloudflare answers it. */
    SandboxState.Token authenticate(String authorization) {
        String value = bearerValue(authorization);
        SandboxState.Token token = byValue(value);
        if (token == null || !active(token)) {
            throw new ApiException(401, 10000, "Authentication error");
        }
        return token;
    }

    static String bearerValue(String authorization) {
        if (authorization.isEmpty()) {
            throw ApiException.badRequest(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        }
        if (!authorization.startsWith("Bearer ") || !authorization.substring(7).matches("[A-Za-z0-9_-]{20,120}")) {
            throw ApiException.withChain(
                    400, 6003, "Invalid request headers", 6111, "Invalid format for Authorization header");
        }
        return authorization.substring(7);
    }

    SandboxState.@Nullable Token byValue(String value) {
        for (SandboxState.Token token : state.tokens.values()) {
            if (token.value.equals(value)) {
                return token;
            }
        }
        // Tokens of the local Workers runtime live only in memory: never listed, never persisted.
        for (SandboxState.Token token : runtimeTokens.values()) {
            if (java.security.MessageDigest.isEqual(
                    token.value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    value.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return token;
            }
        }
        return null;
    }

    /** The status Cloudflare would report now: expiry is evaluated against the sandbox clock. */
    String effectiveStatus(SandboxState.Token token) {
        if (!"active".equals(token.status)) {
            return token.status;
        }
        long now = clock.millis();
        if (token.expiresOn != null && token.expiresOn <= now) {
            return "expired";
        }
        return "active";
    }

    boolean active(SandboxState.Token token) {
        long now = clock.millis();
        boolean started = token.notBefore == null || token.notBefore <= now;
        return started && "active".equals(effectiveStatus(token));
    }

    /** Fails with {@code code} unless the token holds one of {@code groups} on the account. */
    void requireAccount(SandboxState.Token token, String accountId, int code, Set<String> groups) {
        if (!state.accounts.containsKey(accountId) || !allows(token, groups, ACCOUNT_PREFIX + accountId)) {
            throw denied(code);
        }
    }

    void requireUser(SandboxState.Token token, Set<String> groups) {
        if (token.accountOwned || !allows(token, groups, USER_PREFIX + state.userId)) {
            throw denied(9109);
        }
    }

    static ApiException denied(int code) {
        String message = switch (code) {
            case 7403 -> "The given account is not valid or is not authorized to access this service";
            case 9109 -> "Unauthorized to access requested resource";
            default -> "Authentication error";
        };
        return new ApiException(403, code, message);
    }

    /** True when the token has an account-level grant of any kind there (what /accounts lists). */
    boolean seesAccount(SandboxState.Token token, String accountId) {
        if (token.accountOwned) {
            return token.accountId.equals(accountId);
        }
        return hasAnyGrant(token, ACCOUNT_PREFIX + accountId);
    }

    boolean allows(SandboxState.Token token, Set<String> groups, String resource) {
        boolean allowed = false;
        for (JsonNode policy : policies(token)) {
            if (!grantsAny(policy, groups) || !covers(policy.path("resources"), resource)) {
                continue;
            }
            if ("deny".equals(Json.text(policy, "effect"))) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private boolean hasAnyGrant(SandboxState.Token token, String resource) {
        for (JsonNode policy : policies(token)) {
            if ("allow".equals(Json.text(policy, "effect")) && covers(policy.path("resources"), resource)) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<JsonNode> policies(SandboxState.Token token) {
        return token.policies == null ? Json.array() : token.policies;
    }

    private static boolean grantsAny(JsonNode policy, Set<String> groups) {
        for (JsonNode group : policy.path("permission_groups")) {
            if (groups.contains(Json.text(group, "id"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a policy's resources map covers {@code resource}, including nested account-scoped maps. */
    static boolean covers(JsonNode resources, String resource) {
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isString() && keyMatches(key, resource)) {
                return true;
            }
            // A nested map under an account key narrows the grant to e.g. all buckets of that account.
            if (value.isObject()
                    && resource.startsWith(BUCKET_PREFIX)
                    && keyMatches(key, ownerAccountKey(resource))
                    && covers(value, resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean keyMatches(String key, String resource) {
        if (key.equals(resource)) {
            return true;
        }
        return key.endsWith(".*") && resource.startsWith(key.substring(0, key.length() - 1));
    }

    /** For a bucket resource {@code ...bucket.<aid>_<jurisdiction>_<name>}, the owning account's key. */
    private static String ownerAccountKey(String resource) {
        if (resource.startsWith(BUCKET_PREFIX)) {
            String rest = resource.substring(BUCKET_PREFIX.length());
            int underscore = rest.indexOf('_');
            return ACCOUNT_PREFIX + (underscore < 0 ? rest : rest.substring(0, underscore));
        }
        return "\u0000";
    }
}
