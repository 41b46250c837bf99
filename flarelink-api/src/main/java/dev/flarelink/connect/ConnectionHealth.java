package dev.flarelink.connect;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What every signed-in page needs to know about the user's connections: whether there is one, and the first whose
 * token Cloudflare no longer accepts.
 *
 * @param connections how many connections the user has
 * @param revokedConnectionId the first revoked or expired connection, or null when all are active
 */
public record ConnectionHealth(int connections, @Nullable UUID revokedConnectionId) {

    public boolean connected() {
        return connections > 0;
    }

    public boolean revoked() {
        return revokedConnectionId != null;
    }
}
