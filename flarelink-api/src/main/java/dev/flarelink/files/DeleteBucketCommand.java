package dev.flarelink.files;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Delete a bucket; {@code typedName} must repeat its name, as a guard against deleting the wrong one. */
public record DeleteBucketCommand(
        UUID connectionId, String bucket, @Nullable String typedName) {}
