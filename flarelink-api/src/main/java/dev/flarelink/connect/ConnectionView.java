package dev.flarelink.connect;

import java.time.Instant;
import java.util.UUID;

/**
 * What may be shown of a connection: never the token, nor its ciphertext.
 *
 * @param tokenFingerprint the token's first characters and last 4, e.g. {@code cfut_…x9Qa}
 * @param status {@code active}, {@code revoked} or {@code expired}
 */
public record ConnectionView(
        UUID id,
        String accountId,
        String accountName,
        String tokenId,
        String tokenFingerprint,
        String status,
        PermissionReceipt receipt,
        Instant checkedAt,
        Instant createdAt) {

    public boolean active() {
        return "active".equals(status);
    }
}
