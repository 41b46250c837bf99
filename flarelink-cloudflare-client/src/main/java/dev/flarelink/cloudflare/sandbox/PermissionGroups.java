package dev.flarelink.cloudflare.sandbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The permission-group catalogue (ids from the reference §8.7) and the scope each group applies to. */
final class PermissionGroups {

    static final String ACCOUNT_SCOPE = "com.cloudflare.api.account";
    static final String USER_SCOPE = "com.cloudflare.api.user";
    static final String ZONE_SCOPE = "com.cloudflare.api.account.zone";
    static final String BUCKET_SCOPE = "com.cloudflare.edge.r2.bucket";

    static final String BUCKET_ITEM_READ = "6a018a9f2fc74eb6b293b0c548f38b39";
    static final String BUCKET_ITEM_WRITE = "2efd5506f9c8494dacb1fa10a3e7d5b6";
    static final String R2_READ = "b4992e1108244f5d8bfbd5744320c2e1";
    static final String R2_WRITE = "bf7481a1826f439697cb59a20b22293e";
    static final String WORKERS_SCRIPTS_READ = "1a71c399035b4950a1bd1466bbe4f420";
    static final String WORKERS_SCRIPTS_WRITE = "e086da7e2179491d91ee5f35b3ca210a";
    static final String KV_READ = "8b47d2786a534c08a1f94ee8f9f599ef";
    static final String KV_WRITE = "f7f0eda5697f475c90846e879bab8666";
    static final String D1_READ = "192192df92ee43ac90f2aeeffce67e35";
    static final String D1_WRITE = "09b2857d1c31407795e75e3fed8617a1";
    static final String API_TOKENS_READ = "0cc3a61731504c89b99ec1be78b77aa0";
    static final String API_TOKENS_WRITE = "686d18d5ac6c441c867cbf6771e58a0a";
    static final String ACCOUNT_API_TOKENS_READ = "eb56a6953c034b9d97dd838155666f06";
    static final String ACCOUNT_API_TOKENS_WRITE = "5bc3f8b21c554832afc660159ab75fa4";
    static final String ACCOUNT_SETTINGS_READ = "c1fde68c7bcc44588cbb6ddbc16d6480";
    static final String ZONE_READ = "c8fed203ed3043cba015a93ad1616f1f";
    static final String USER_DETAILS_READ = "8acbe5bb0d54464ab867149d7f7cf8ac";
    static final String DNS_READ = "82e64a83756745bbbb1c9c2701bf816b";

    record Group(String id, String name, String scope) {}

    static final List<Group> ALL = List.of(
            new Group(BUCKET_ITEM_READ, "Workers R2 Storage Bucket Item Read", BUCKET_SCOPE),
            new Group(BUCKET_ITEM_WRITE, "Workers R2 Storage Bucket Item Write", BUCKET_SCOPE),
            new Group(R2_READ, "Workers R2 Storage Read", ACCOUNT_SCOPE),
            new Group(R2_WRITE, "Workers R2 Storage Write", ACCOUNT_SCOPE),
            new Group(WORKERS_SCRIPTS_READ, "Workers Scripts Read", ACCOUNT_SCOPE),
            new Group(WORKERS_SCRIPTS_WRITE, "Workers Scripts Write", ACCOUNT_SCOPE),
            new Group(KV_READ, "Workers KV Storage Read", ACCOUNT_SCOPE),
            new Group(KV_WRITE, "Workers KV Storage Write", ACCOUNT_SCOPE),
            new Group(D1_READ, "D1 Read", ACCOUNT_SCOPE),
            new Group(D1_WRITE, "D1 Write", ACCOUNT_SCOPE),
            new Group(USER_DETAILS_READ, "User Details Read", USER_SCOPE),
            new Group(API_TOKENS_READ, "API Tokens Read", USER_SCOPE),
            new Group(API_TOKENS_WRITE, "API Tokens Write", USER_SCOPE),
            new Group(ACCOUNT_API_TOKENS_READ, "Account API Tokens Read", ACCOUNT_SCOPE),
            new Group(ACCOUNT_API_TOKENS_WRITE, "Account API Tokens Write", ACCOUNT_SCOPE),
            new Group(ACCOUNT_SETTINGS_READ, "Account Settings Read", ACCOUNT_SCOPE),
            new Group(ZONE_READ, "Zone Read", ZONE_SCOPE),
            new Group(DNS_READ, "DNS Read", ZONE_SCOPE));

    private static final Map<String, Group> BY_ID = ALL.stream().collect(Collectors.toMap(Group::id, group -> group));

    private PermissionGroups() {}

    static boolean known(String id) {
        return BY_ID.containsKey(id);
    }

    static String name(String id) {
        Group group = BY_ID.get(id);
        return group == null ? "" : group.name();
    }

    static ArrayNode catalogue(String nameFilter, String scopeFilter) {
        ArrayNode result = Json.array();
        for (Group group : ALL) {
            if (!nameFilter.isEmpty() && !group.name().equals(nameFilter)) {
                continue;
            }
            if (!scopeFilter.isEmpty() && !group.scope().equals(scopeFilter)) {
                continue;
            }
            ObjectNode node = result.addObject();
            node.put("id", group.id());
            node.put("name", group.name());
            node.set("scopes", Json.array().add(group.scope()));
        }
        return result;
    }
}
