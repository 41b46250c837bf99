package dev.flarelink.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A per-token view's own listener hears exactly that view's attempts; the client-wide listener hears all. */
class ViewListenerTests extends WireMockTestSupport {

    @Test
    void eachViewReportsItsOwnAttemptsOnly() {
        wireMock.stubFor(get(urlPathEqualTo("/client/v4/accounts"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[],"
                                + "\"result_info\":{\"page\":1,\"per_page\":20,\"count\":0,\"total_count\":0}}")));
        RecordingListener alice = new RecordingListener();
        RecordingListener bob = new RecordingListener();

        client.withToken(TOKEN, alice).accounts().list();
        client.withToken(TOKEN, alice).accounts().list();
        client.withToken(TOKEN, bob).accounts().list();

        assertThat(alice.events())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.action()).isEqualTo("accounts.list"));
        assertThat(bob.events()).hasSize(1);
        assertThat(listener.events()).hasSize(3);
    }
}
