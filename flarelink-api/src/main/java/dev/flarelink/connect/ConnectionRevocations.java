package dev.flarelink.connect;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks connections whose token Cloudflare rejects. A bean of its own so the mark goes through a transaction proxy
 * and commits even when the caller's work rolls back.
 */
@Component
class ConnectionRevocations {

    private final ConnectionRepository connections;
    private final ActivityService activity;

    ConnectionRevocations(ConnectionRepository connections, ActivityService activity) {
        this.connections = connections;
        this.activity = activity;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void markRevoked(UUID userId, UUID connectionId, String status) {
        if (connections.markRevoked(userId, connectionId, status)) {
            activity.recordAction(ActivityEntry.action(
                    userId,
                    "connection.revoked",
                    connectionId,
                    null,
                    "failed",
                    "Cloudflare rejected the token (" + status + ")"));
        }
    }
}
