package dev.flarelink.cloudflare.tokens;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One policy of an API token.
 *
 * @param id policy id (set by Cloudflare; null on create)
 * @param effect {@code allow} or {@code deny}
 * @param resources resource keys to {@code "*"} or a nested map (reference §8.6)
 * @param permissionGroups the granted groups; only {@code id} is needed on input
 */
public record TokenPolicy(
        @Nullable String id, String effect, Map<String, Object> resources, List<PermissionGroupRef> permissionGroups) {

    /** An allow policy on the given resources for the given group ids. */
    public static TokenPolicy allow(Map<String, Object> resources, List<String> permissionGroupIds) {
        return new TokenPolicy(
                null,
                "allow",
                resources,
                permissionGroupIds.stream()
                        .map(id -> new PermissionGroupRef(id, null))
                        .toList());
    }

    /**
     * A reference to a permission group inside a policy.
     *
     * @param id group id
     * @param name group name (ignored on input)
     */
    public record PermissionGroupRef(String id, @Nullable String name) {}
}
