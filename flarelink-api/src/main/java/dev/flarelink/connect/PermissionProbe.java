package dev.flarelink.connect;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.errors.PermissionDeniedException;
import java.util.EnumSet;
import java.util.Set;

/** Finds out which of the five permissions a token has, each with one harmless read. */
final class PermissionProbe {

    private PermissionProbe() {}

    static PermissionReceipt probe(CloudflareApi api, String accountId) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (allowed(api, accountId, permission)) {
                granted.add(permission);
            }
        }
        return new PermissionReceipt(granted);
    }

    private static boolean allowed(CloudflareApi api, String accountId, Permission permission) {
        try {
            switch (permission) {
                case WORKERS_SCRIPTS -> api.workers().list(accountId);
                case D1 -> api.d1().list(accountId);
                case WORKERS_KV -> api.kv().listNamespaces(accountId);
                case WORKERS_R2 -> api.r2().listBuckets(accountId);
                case API_TOKENS -> api.tokens().list();
            }
            return true;
        } catch (PermissionDeniedException | AuthenticationException refused) {
            // Cloudflare answers a missing permission group with 403 (sometimes 401) and code 10000 or a family code.
            return false;
        }
    }
}
