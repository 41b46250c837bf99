package dev.flarelink.cloudflare;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.Transport;
import java.util.Objects;

/**
 * Entry point of the Cloudflare API client: holds one shared HTTP transport; {@link #withToken(ApiToken)} binds a
 * tenant's token.
 *
 * <pre>{@code
 * CloudflareClient client = CloudflareClient.builder().options(CloudflareClientOptions.defaults()).build();
 * TokenVerification v = client.withToken(ApiToken.of(secret)).tokens().verify();
 * }</pre>
 */
public final class CloudflareClient {

    private final CloudflareClientOptions options;
    private final Transport transport;

    private CloudflareClient(CloudflareClientOptions options) {
        this.options = options;
        this.transport = new Transport(options);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A cheap view that performs calls with {@code token}; it shares this client's connection pool and limiter. */
    public CloudflareApi withToken(ApiToken token) {
        return withToken(token, ApiCallListener.NONE);
    }

    /**
     * Binds a token and a listener of its own: every attempt made through the returned view is reported to
     * {@code listener} as well as to the client-wide one. This is how the Activity log learns who made a call
     * without any thread-local state.
     */
    public CloudflareApi withToken(ApiToken token, ApiCallListener listener) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(listener, "listener");
        return new CloudflareApi(new ApiCaller(transport, token, listener), token.kind());
    }

    /** The options this client was built with. */
    public CloudflareClientOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "CloudflareClient[" + options.baseUrl() + "]";
    }

    /** Builds a {@link CloudflareClient}. */
    public static final class Builder {
        private CloudflareClientOptions options = CloudflareClientOptions.defaults();

        private Builder() {}

        public Builder options(CloudflareClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public CloudflareClient build() {
            return new CloudflareClient(options);
        }
    }
}
