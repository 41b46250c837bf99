package dev.flarelink.activity;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Who a Cloudflare call is made for: the user, and the connection and project it concerns when there is one. */
public record ActivityActor(
        UUID userId, @Nullable UUID connectionId, @Nullable UUID projectId) {

    public static ActivityActor of(UUID userId, UUID connectionId) {
        return new ActivityActor(userId, connectionId, null);
    }

    public ActivityActor forProject(UUID project) {
        return new ActivityActor(userId, connectionId, project);
    }
}
