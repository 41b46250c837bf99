package dev.flarelink.apikey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings.
 *
 * @param requestsPerMinute requests one key may make per minute ({@code flarelink.api.requests-per-minute}); the
 *     default leaves room under Cloudflare's 1,200 calls per 5 minutes per token for the pages and background work
 */
@ConfigurationProperties("flarelink.api")
public record ApiKeyProperties(@DefaultValue("120") int requestsPerMinute) {

    public ApiKeyProperties {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("flarelink.api.requests-per-minute must be at least 1");
        }
    }
}
