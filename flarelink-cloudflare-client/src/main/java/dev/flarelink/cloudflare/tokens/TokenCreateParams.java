package dev.flarelink.cloudflare.tokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /user/tokens}.
 *
 * @param name token name (use a unique, reconcilable name: creates are not idempotent)
 * @param policies at least one policy
 * @param notBefore optional start of validity
 * @param expiresOn optional expiry
 * @param condition optional request condition, e.g. {@code {"request.ip": {"in": ["203.0.113.0/24"]}}}
 */
public record TokenCreateParams(
        String name,
        List<TokenPolicy> policies,
        @Nullable Instant notBefore,
        @Nullable Instant expiresOn,
        @Nullable Map<String, Object> condition) {

    public TokenCreateParams {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one policy");
        }
        policies = List.copyOf(policies);
        notBefore = notBefore == null ? null : notBefore.truncatedTo(ChronoUnit.SECONDS);
        expiresOn = expiresOn == null ? null : expiresOn.truncatedTo(ChronoUnit.SECONDS);
    }

    public static TokenCreateParams of(String name, List<TokenPolicy> policies) {
        return new TokenCreateParams(name, policies, null, null, null);
    }

    public TokenCreateParams withExpiresOn(Instant expiresOn) {
        return new TokenCreateParams(name, policies, notBefore, expiresOn, condition);
    }

    /** Restricts use to the given CIDRs, with the documented {@code request.ip} key (P21). */
    public TokenCreateParams withAllowedIps(List<String> cidrs) {
        return new TokenCreateParams(
                name, policies, notBefore, expiresOn, Map.of("request.ip", Map.of("in", List.copyOf(cidrs))));
    }
}
