package dev.flarelink.cloudflare.r2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /accounts/{account_id}/r2/temp-access-credentials}, in camelCase.
 *
 * @param bucket bucket the credentials are limited to
 * @param parentAccessKeyId access key id (token id) of the parent R2 credentials
 * @param permission {@code admin-read-write|admin-read-only|object-read-write|object-read-only}
 * @param ttlSeconds lifetime
 * @param prefixes optional key prefixes
 * @param objects optional object keys
 */
public record R2TemporaryCredentialsParams(
        String bucket,
        @JsonProperty("parentAccessKeyId") String parentAccessKeyId,
        String permission,
        @JsonProperty("ttlSeconds") long ttlSeconds,
        @Nullable List<String> prefixes,
        @Nullable List<String> objects) {}
