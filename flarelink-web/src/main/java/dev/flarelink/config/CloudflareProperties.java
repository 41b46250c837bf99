package dev.flarelink.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Flarelink reaches the Cloudflare API.
 *
 * @param baseUrl the API root ({@code FLARELINK_CLOUDFLARE_BASE_URL}); sandbox mode replaces it with the emulator's
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout time to wait for a response, per attempt
 * @param maxAttempts attempts per call, the first included
 * @param rateLimitPermits requests per token per {@code rateLimitWindow} (Cloudflare's 1,200 per 5 minutes)
 * @param rateLimitWindow the window of that budget
 * @param pageBudgetWait how long a page request may wait for its token's budget before it answers that the budget
 *     is spent (background work waits as long as needed)
 */
@ConfigurationProperties("flarelink.cloudflare")
public record CloudflareProperties(
        @DefaultValue("https://api.cloudflare.com/client/v4")
        URI baseUrl,

        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1200") int rateLimitPermits,
        @DefaultValue("5m") Duration rateLimitWindow,
        @DefaultValue("3s") Duration pageBudgetWait) {}
