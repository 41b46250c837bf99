package dev.flarelink.cloudflare.r2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /accounts/{account_id}/r2/buckets}, in R2's camelCase.
 *
 * @param name 3–63 lowercase letters, digits and hyphens, starting and ending alphanumeric
 * @param locationHint {@code apac|eeur|enam|weur|wnam|oc}, optional
 * @param storageClass {@code Standard|InfrequentAccess}, optional
 */
public record R2BucketCreateParams(
        String name,
        @JsonProperty("locationHint") @Nullable String locationHint,
        @JsonProperty("storageClass") @Nullable String storageClass) {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");

    public R2BucketCreateParams {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid R2 bucket name: " + name);
        }
    }

    public static R2BucketCreateParams named(String name) {
        return new R2BucketCreateParams(name, null, null);
    }
}
