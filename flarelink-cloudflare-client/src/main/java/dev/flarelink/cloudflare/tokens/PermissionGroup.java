package dev.flarelink.cloudflare.tokens;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the permission-group catalogue; resolve ids by name at runtime (P20).
 *
 * @param id 32-hex group id
 * @param name API name, e.g. {@code Workers Scripts Write}
 * @param scopes resource scopes it applies to, e.g. {@code com.cloudflare.api.account}
 * @param category catalogue category, if reported
 */
public record PermissionGroup(
        String id,
        String name,
        @Nullable List<String> scopes,
        @Nullable String category) {}
