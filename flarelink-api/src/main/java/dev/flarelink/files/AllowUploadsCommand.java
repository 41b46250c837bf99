package dev.flarelink.files;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** "Allow uploads from my app": the app's origins, one per line. */
public record AllowUploadsCommand(
        UUID connectionId, String bucket, @Nullable String origins) {}
