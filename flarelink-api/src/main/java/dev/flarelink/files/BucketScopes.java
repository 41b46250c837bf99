package dev.flarelink.files;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ResourceProjects;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Opens the user's connection for work on a bucket so that the Cloudflare calls and the actions recorded carry the
 * project the bucket belongs to (created by its provisioning or attached later), and name the bucket.
 */
@Component
class BucketScopes {

    private final ConnectionService connections;
    private final ResourceProjects projects;

    BucketScopes(ConnectionService connections, ResourceProjects projects) {
        this.connections = connections;
        this.projects = projects;
    }

    /** The connection, its calls attributed to the bucket's project when it has one. */
    ConnectedAccount open(UUID userId, UUID connectionId, String bucket) {
        return connections.open(userId, connectionId, projectOf(userId, connectionId, bucket));
    }

    @Nullable
    UUID projectOf(UUID userId, UUID connectionId, String bucket) {
        return projects.forBucket(userId, connectionId, bucket);
    }

    /** An action about these buckets, carrying the first one's project and every bucket's name. */
    ActivityEntry action(
            UUID userId, UUID connectionId, List<String> buckets, String action, String outcome, String detail) {
        UUID project = buckets.isEmpty() ? null : projectOf(userId, connectionId, buckets.get(0));
        ActivityEntry entry = ActivityEntry.action(userId, action, connectionId, project, outcome, detail);
        return buckets.isEmpty()
                ? entry
                : entry.withResources(
                        buckets.stream().map(b -> "bucket_name=" + b).collect(Collectors.joining(",")));
    }

    ActivityEntry action(UUID userId, UUID connectionId, String bucket, String action, String outcome, String detail) {
        return action(userId, connectionId, List.of(bucket), action, outcome, detail);
    }
}
