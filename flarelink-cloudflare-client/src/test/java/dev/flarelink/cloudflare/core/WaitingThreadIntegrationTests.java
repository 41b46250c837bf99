package dev.flarelink.cloudflare.core;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.RateLimitWait;
import dev.flarelink.cloudflare.WaitingThread;
import dev.flarelink.cloudflare.WireMockTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thread holding a turn to work gives it back for every Cloudflare call, retries included, and takes it again. */
class WaitingThreadIntegrationTests extends WireMockTestSupport {

    private final List<String> turn = new ArrayList<>();

    /** Notes what the exchange looked like from the server's side at each hand-over. */
    private final WaitingThread.Turn recording = new WaitingThread.Turn() {
        private boolean held = true;

        @Override
        public boolean giveBack() {
            if (!held) {
                return false;
            }
            held = false;
            turn.add("given back after " + wireMock.getAllServeEvents().size() + " requests");
            return true;
        }

        @Override
        public void resume() {
            held = true;
            turn.add("resumed after " + wireMock.getAllServeEvents().size() + " requests");
        }
    };

    @Test
    void theTurnIsGivenBackForTheWholeCallWithItsRetries() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify")))
                .inScenario("busy")
                .whenScenarioStateIs("Started")
                .willReturn(fixture("error-rate-limited.json").withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("free"));
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify")))
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(fixture("token-verify.json")));

        try (RateLimitWait.Scope working = WaitingThread.holding(recording)) {
            api().tokens().verifyUserToken();
        }

        assertThat(turn).containsExactly("given back after 0 requests", "resumed after 2 requests");
        assertThat(sleeper.waits()).hasSize(1);
    }

    @Test
    void aThreadWithoutATurnJustCalls() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify"))).willReturn(fixture("token-verify.json")));

        api().tokens().verifyUserToken();
        try (RateLimitWait.Scope working = WaitingThread.holding(recording)) {
            // Already given back (a wait within a wait): nothing more to give, nothing to take again twice.
            WaitingThread.waiting(() -> api().tokens().verifyUserToken());
        }

        assertThat(turn).containsExactly("given back after 1 requests", "resumed after 2 requests");
    }
}
