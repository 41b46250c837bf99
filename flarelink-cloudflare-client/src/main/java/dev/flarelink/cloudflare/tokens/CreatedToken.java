package dev.flarelink.cloudflare.tokens;

import dev.flarelink.cloudflare.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A newly created token: its metadata plus the secret {@code value}, which Cloudflare returns only once (P15).
 *
 * @param id token id (the R2 S3 access key id)
 * @param name token name
 * @param status token status
 * @param issuedOn creation time
 * @param notBefore start of validity
 * @param expiresOn expiry
 * @param policies the stored policies
 * @param condition the stored conditions
 * @param value the secret; {@link ApiToken#toString()} is redacted
 */
public record CreatedToken(
        String id,
        String name,
        TokenStatus status,
        @Nullable Instant issuedOn,
        @Nullable Instant notBefore,
        @Nullable Instant expiresOn,
        @Nullable List<TokenPolicy> policies,
        @Nullable Map<String, Object> condition,
        ApiToken value) {}
