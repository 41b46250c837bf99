package dev.flarelink.cloudflare.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user API token as listed or read back (never includes the secret value).
 *
 * @param id token id
 * @param name token name
 * @param status token status
 * @param issuedOn creation time
 * @param modifiedOn last modification
 * @param lastUsedOn last use, if known
 * @param notBefore start of validity, if restricted
 * @param expiresOn expiry, if any
 * @param policies the token's policies
 * @param condition request conditions such as {@code request.ip}, kept as sent by Cloudflare
 */
public record Token(
        String id,
        String name,
        TokenStatus status,
        @Nullable Instant issuedOn,
        @Nullable Instant modifiedOn,
        @Nullable Instant lastUsedOn,
        @Nullable Instant notBefore,
        @Nullable Instant expiresOn,
        @Nullable List<TokenPolicy> policies,
        @Nullable Map<String, Object> condition) {}
