package dev.flarelink.d1;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The D1 databases reachable through one of the user's connections.
 *
 * @param problem why the list could not be read (revoked token, missing permission), or null
 */
public record DatabaseSummary(
        UUID connectionId,
        String accountName,
        List<Database> databases,
        @Nullable String problem) {

    /** One D1 database. */
    public record Database(String id, String name) {}
}
