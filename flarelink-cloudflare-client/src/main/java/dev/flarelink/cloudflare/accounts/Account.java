package dev.flarelink.cloudflare.accounts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Cloudflare account the token can see.
 *
 * @param id 32-hex account id
 * @param name account name
 * @param type {@code standard} or {@code enterprise} (open-ended)
 * @param createdOn creation time, if reported
 */
public record Account(
        String id,
        String name,
        @Nullable String type,
        @Nullable Instant createdOn) {}
