package dev.flarelink.cloudflare.tokens;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Status of an API token; values Cloudflare adds later read as {@link #UNKNOWN}. */
public enum TokenStatus {
    ACTIVE,
    DISABLED,
    EXPIRED,
    @JsonEnumDefaultValue
    UNKNOWN
}
