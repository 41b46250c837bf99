package dev.flarelink.cloudflare.core;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.RateLimitWait;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
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

    /** A page's thread waits a little for the budget, never minutes: past its limit the call is refused unsent. */
    @Test
    void aLimitedThreadIsRefusedWithTheTimeTheBudgetFreesUp() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify"))).willReturn(fixture("token-verify.json")));
        api().tokens().verifyUserToken();
        api().tokens().verifyUserToken();

        try (RateLimitWait.Scope page = RateLimitWait.limitTo(Duration.ofSeconds(3))) {
            assertThatThrownBy(() -> api().tokens().verifyUserToken())
                    .isInstanceOfSatisfying(TokenBudgetSpentException.class, spent -> {
                        assertThat(spent.freesUpIn()).isEqualTo(Duration.ofSeconds(10));
                        assertThat(spent.budget().permits()).isEqualTo(2);
                        assertThat(spent.getMessage()).contains("budget of 2 requests per 10 seconds");
                    })
                    .isInstanceOf(RateLimitException.class);
        }
        assertThat(sleeper.waits()).isEmpty();
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
        assertThat(RateLimitWait.current()).isEmpty();

        // Within the limit it still waits, and background callers (no limit) wait as long as needed.
        try (RateLimitWait.Scope page = RateLimitWait.limitTo(Duration.ofSeconds(10))) {
            api().tokens().verifyUserToken();
        }
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(10));
        api().tokens().verifyUserToken();
        assertThat(wireMock.getAllServeEvents()).hasSize(4);
    }
}
