package dev.flarelink.config;

import dev.flarelink.cloudflare.ApiCallListener;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one Cloudflare client of the app: one connection pool shared by every user's token. Which user a call is
 * for, and its Activity event, come from the per-token view ({@code withToken(token, listener)}).
 */
@Configuration(proxyBeanMethods = false)
class CloudflareConfiguration {

    @Bean
    CloudflareClient cloudflareClient(
            CloudflareProperties properties,
            ObjectProvider<CloudflareSandbox> sandbox,
            ObjectProvider<ApiCallListener> observers,
            Clock clock) {
        URI baseUrl = sandbox.stream()
                .findFirst()
                .map(emulator -> URI.create(emulator.baseUrl()))
                .orElse(properties.baseUrl());
        return CloudflareClient.builder()
                .options(CloudflareClientOptions.builder()
                        .baseUrl(baseUrl)
                        .connectTimeout(properties.connectTimeout())
                        .readTimeout(properties.readTimeout())
                        .maxAttempts(properties.maxAttempts())
                        .rateLimit(new RateLimit(properties.rateLimitPermits(), properties.rateLimitWindow()))
                        .clock(clock)
                        .listener(observersOf(observers.orderedStream().toList()))
                        .build())
                .build();
    }

    /** Observers of every attempt besides each call's Activity listener (none in the app; the page-cost guard). */
    private static ApiCallListener observersOf(List<ApiCallListener> observers) {
        if (observers.isEmpty()) {
            return ApiCallListener.NONE;
        }
        return event -> observers.forEach(observer -> observer.onAttempt(event));
    }
}
