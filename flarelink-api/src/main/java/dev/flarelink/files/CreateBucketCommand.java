package dev.flarelink.files;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Create a bucket in a connection's account; the location hint is optional. */
public record CreateBucketCommand(
        UUID connectionId, @Nullable String name, @Nullable String locationHint) {}
