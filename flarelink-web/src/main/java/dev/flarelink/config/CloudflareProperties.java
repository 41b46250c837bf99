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
 */
@ConfigurationProperties("flarelink.cloudflare")
public record CloudflareProperties(
        @DefaultValue("https://api.cloudflare.com/client/v4")
        URI baseUrl,

        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("3") int maxAttempts) {}
