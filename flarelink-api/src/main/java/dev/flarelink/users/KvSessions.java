package dev.flarelink.users;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.kv.KvApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's sessions in the project's KV namespace, where better-auth keeps them (secondary storage): one key per
 * session token, and an index {@code active-sessions-<userId>} listing the tokens. Tokens are read from the index and
 * used only as KV keys in request bodies (bulk calls), never shown, logged or kept.
 */
final class KvSessions {

    static final String INDEX_PREFIX = "active-sessions-";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KvSessions() {}

    static String indexKey(String userId) {
        return INDEX_PREFIX + userId;
    }

    /** The tokens the index lists (expired ones included: they are removed with the rest). */
    static List<String> tokens(CloudflareApi api, String accountId, String namespaceId, String userId) {
        byte[] raw = api.kv().get(accountId, namespaceId, indexKey(userId)).orElse(null);
        List<String> tokens = new ArrayList<>();
        if (raw == null) {
            return tokens;
        }
        JsonNode index = parse(new String(raw, StandardCharsets.UTF_8));
        for (JsonNode entry : index) {
            String token = entry.path("token").asString("");
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** The live sessions, newest first, read with bulk gets; a session whose key is gone is left out. */
    static List<UserDetail.SessionView> sessions(
            CloudflareApi api, String accountId, String namespaceId, List<String> tokens, Instant now) {
        List<UserDetail.SessionView> out = new ArrayList<>();
        for (int from = 0; from < tokens.size(); from += KvApi.BULK_GET_MAX) {
            List<String> chunk = tokens.subList(from, Math.min(tokens.size(), from + KvApi.BULK_GET_MAX));
            Map<String, @Nullable String> values = api.kv().bulkGet(accountId, namespaceId, chunk);
            for (String token : chunk) {
                String value = values.get(token);
                if (value == null) {
                    continue;
                }
                JsonNode session = parse(value).path("session");
                String expires = text(session.get("expiresAt"));
                if (expires != null && expired(expires, now)) {
                    continue;
                }
                out.add(new UserDetail.SessionView(
                        text(session.get("createdAt")),
                        expires,
                        text(session.get("ipAddress")),
                        text(session.get("userAgent"))));
            }
        }
        out.sort((a, b) -> String.valueOf(b.createdAt()).compareTo(String.valueOf(a.createdAt())));
        return out;
    }

    /** Removes every listed session, then the index: the user is signed out at every edge within KV's ~60 s. */
    static int signOutEverywhere(CloudflareApi api, String accountId, String namespaceId, String userId) {
        List<String> tokens = tokens(api, accountId, namespaceId, userId);
        api.kv().bulkDelete(accountId, namespaceId, tokens);
        api.kv().bulkDelete(accountId, namespaceId, List.of(indexKey(userId)));
        return tokens.size();
    }

    private static boolean expired(String expiresAt, Instant now) {
        try {
            return Instant.parse(expiresAt).isBefore(now);
        } catch (RuntimeException notIso) {
            return false;
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isNumber() ? Instant.ofEpochMilli(node.asLong()).toString() : node.asString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }
}
