package dev.flarelink.cloudflare.core;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.WireMockTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client applies one limiter per token, shared by all views of that token. */
class RateLimitIntegrationTests extends WireMockTestSupport {

    @Override
    protected CloudflareClientOptions.Builder options() {
        return super.options().rateLimit(new RateLimit(2, Duration.ofSeconds(10)));
    }

    @Test
    void limitsEachTokenSeparately() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify"))).willReturn(fixture("token-verify.json")));
        ApiToken other = ApiToken.of("cfut_FAKE.SecondTokenF.orLimiterTests0123456789abcdef");

        api().tokens().verifyUserToken();
        client.withToken(TOKEN).tokens().verifyUserToken();
        client.withToken(other).tokens().verifyUserToken();
        client.withToken(other).tokens().verifyUserToken();
        assertThat(sleeper.waits()).isEmpty();

        api().tokens().verifyUserToken();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(10));
        assertThat(wireMock.getAllServeEvents()).hasSize(5);
    }
}
