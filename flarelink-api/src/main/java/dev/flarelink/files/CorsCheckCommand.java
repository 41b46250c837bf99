package dev.flarelink.files;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A live preflight check: the page's origin, the method it will use and the headers it will send (optional). */
public record CorsCheckCommand(
        UUID connectionId,
        String bucket,
        @Nullable String origin,
        @Nullable String method,
        @Nullable String headers) {}
