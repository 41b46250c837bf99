package dev.flarelink.cloudflare;

import dev.flarelink.cloudflare.core.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Plain configuration of a {@link CloudflareClient}; web maps its {@code CloudflareProperties} onto it.
 *
 * @param baseUrl API root, default {@code https://api.cloudflare.com/client/v4}
 * @param connectTimeout TCP/TLS connect timeout, default 5 s
 * @param readTimeout per-attempt time to the response, default 30 s
 * @param uploadTimeout per-attempt time for Worker script uploads, default 120 s
 * @param maxAttempts attempts per call including the first, default 3
 * @param maxRetryWait longest server-requested wait ({@code Retry-After}) the client sleeps before retrying; a longer
 *     one fails fast with {@code RateLimitException}, default 60 s
 * @param userAgent {@code User-Agent} header, default {@code flarelink/<version>}
 * @param rateLimit client-side budget per token, default 1,200 per 5 minutes
 * @param clock time source for the limiter and event timestamps
 * @param sleeper how the client waits between retries and when the limiter is full
 * @param listener observation hook called for every HTTP attempt
 */
public record CloudflareClientOptions(
        URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration uploadTimeout,
        int maxAttempts,
        Duration maxRetryWait,
        String userAgent,
        RateLimit rateLimit,
        Clock clock,
        Sleeper sleeper,
        ApiCallListener listener) {

    /** The production API root. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cloudflare.com/client/v4");

    public CloudflareClientOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(uploadTimeout, "uploadTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(listener, "listener");
    }

    /** Production defaults. */
    public static CloudflareClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these options. */
    public Builder toBuilder() {
        return new Builder()
                .baseUrl(baseUrl)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .uploadTimeout(uploadTimeout)
                .maxAttempts(maxAttempts)
                .maxRetryWait(maxRetryWait)
                .userAgent(userAgent)
                .rateLimit(rateLimit)
                .clock(clock)
                .sleeper(sleeper)
                .listener(listener);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    static String defaultUserAgent() {
        String version = CloudflareClientOptions.class.getPackage().getImplementationVersion();
        return "flarelink/" + (version == null ? "dev" : version);
    }

    /** Builds {@link CloudflareClientOptions}; every field has a production default. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration uploadTimeout = Duration.ofSeconds(120);
        private int maxAttempts = 3;
        private Duration maxRetryWait = Duration.ofSeconds(60);
        private String userAgent = defaultUserAgent();
        private RateLimit rateLimit = RateLimit.CLOUDFLARE_DEFAULT;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private ApiCallListener listener = ApiCallListener.NONE;

        private Builder() {}

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(baseUrl));
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder uploadTimeout(Duration uploadTimeout) {
            this.uploadTimeout = uploadTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder maxRetryWait(Duration maxRetryWait) {
            this.maxRetryWait = maxRetryWait;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Sets the user agent to {@code flarelink/<version>}. */
        public Builder version(String version) {
            return userAgent("flarelink/" + version);
        }

        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder listener(ApiCallListener listener) {
            this.listener = listener;
            return this;
        }

        public CloudflareClientOptions build() {
            return new CloudflareClientOptions(
                    baseUrl,
                    connectTimeout,
                    readTimeout,
                    uploadTimeout,
                    maxAttempts,
                    maxRetryWait,
                    userAgent,
                    rateLimit,
                    clock,
                    sleeper,
                    listener);
        }
    }
}
