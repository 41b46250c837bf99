package dev.flarelink.files;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A custom CORS rule as typed in the editor: origins one per line, headers comma or line separated, max age in
 * seconds (blank: let browsers decide).
 */
public record CorsRuleCommand(
        UUID connectionId,
        String bucket,
        @Nullable String origins,
        @Nullable List<String> methods,
        @Nullable String headers,
        @Nullable String exposeHeaders,
        @Nullable String maxAgeSeconds) {}
