package dev.flarelink.files;

import dev.flarelink.cloudflare.tokens.PermissionGroup;
import java.util.List;

/**
 * Resolves the bucket-item permission groups by name at runtime (ids have changed before, reference §8.7), accepting
 * the dashboard's "Edit" spelling for "Write".
 */
final class PermissionGroupNames {

    static final String READ = "Workers R2 Storage Bucket Item Read";
    static final String WRITE = "Workers R2 Storage Bucket Item Write";

    private PermissionGroupNames() {}

    /** The ids of the object read and object write groups. */
    static List<String> bucketItemReadWrite(List<PermissionGroup> catalogue) {
        return List.of(id(catalogue, READ, READ), id(catalogue, WRITE, WRITE.replace("Write", "Edit")));
    }

    private static String id(List<PermissionGroup> catalogue, String name, String alias) {
        return catalogue.stream()
                .filter(g -> g.name().equalsIgnoreCase(name) || g.name().equalsIgnoreCase(alias))
                .map(PermissionGroup::id)
                .findFirst()
                .orElseThrow(() -> new FilesProblemException(
                        "mint",
                        "Cloudflare's permission catalogue has no group named \"" + name + "\", so Flarelink cannot "
                                + "scope a key to this bucket. Create the key in Cloudflare (R2 → Manage R2 API "
                                + "Tokens) and paste it below."));
    }
}
