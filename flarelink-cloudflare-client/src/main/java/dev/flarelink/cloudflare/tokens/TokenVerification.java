package dev.flarelink.cloudflare.tokens;

import dev.flarelink.cloudflare.ApiToken;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a token.
 *
 * @param id token id (also the R2 S3 access key id and audit-log {@code actor.token_id})
 * @param status token status
 * @param notBefore start of validity, if restricted
 * @param expiresOn end of validity, if any
 * @param kind whether it verified as a user token or an account-owned token
 * @param accountId the account whose route verified an account-owned token, else {@code null}
 */
public record TokenVerification(
        String id,
        TokenStatus status,
        @Nullable Instant notBefore,
        @Nullable Instant expiresOn,
        ApiToken.Kind kind,
        @Nullable String accountId) {

    /** Whether the token is usable now. */
    public boolean isActive() {
        return status == TokenStatus.ACTIVE;
    }

    record Result(
            String id,
            TokenStatus status,
            @Nullable Instant notBefore,
            @Nullable Instant expiresOn) {
        TokenVerification as(ApiToken.Kind kind, @Nullable String accountId) {
            return new TokenVerification(
                    id, status == null ? TokenStatus.UNKNOWN : status, notBefore, expiresOn, kind, accountId);
        }
    }
}
