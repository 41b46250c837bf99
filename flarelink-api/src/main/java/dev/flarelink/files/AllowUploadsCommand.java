package dev.flarelink.files;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * "Allow uploads from my app": the app's origins, one per line, and the origin of the Flarelink dashboard itself,
 * which is added to the rule when the bucket belongs to a project (the Files browser uploads from the dashboard).
 */
public record AllowUploadsCommand(
        UUID connectionId,
        String bucket,
        @Nullable String origins,
        @Nullable String dashboardOrigin) {

    public AllowUploadsCommand(UUID connectionId, String bucket, @Nullable String origins) {
        this(connectionId, bucket, origins, null);
    }
}
