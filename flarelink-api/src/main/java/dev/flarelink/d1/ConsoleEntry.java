package dev.flarelink.d1;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A run from the console's history, or a saved snippet.
 *
 * @param name the snippet's name (null for history)
 * @param outcome {@code ok} or {@code failed} for history, null for snippets
 */
public record ConsoleEntry(
        UUID id,
        @Nullable String name,
        String sql,
        @Nullable String outcome,
        Instant createdAt) {}
