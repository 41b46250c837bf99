package dev.flarelink.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server per test class plus a client wired with a fake clock, recording sleeper and listener. */
public abstract class WireMockTestSupport {

    protected static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    protected static final String TOKEN_VALUE = "cfut_FAKE.TestTokenVal.ueNotARealSecret0123456789abc";
    protected static final ApiToken TOKEN = ApiToken.of(TOKEN_VALUE);
    protected static final String RAY = "8e9b1c60ef9e1c9a-AMS";

    protected static WireMockServer wireMock;

    protected FakeClock clock;
    protected RecordingSleeper sleeper;
    protected RecordingListener listener;
    protected CloudflareClient client;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void resetWireMockAndClient() {
        wireMock.resetAll();
        clock = new FakeClock();
        sleeper = new RecordingSleeper(clock);
        listener = new RecordingListener();
        client = CloudflareClient.builder().options(options().build()).build();
    }

    /** Options pointing at WireMock with test doubles; subclasses may tweak them. */
    protected CloudflareClientOptions.Builder options() {
        return CloudflareClientOptions.builder()
                .baseUrl(wireMock.baseUrl() + "/client/v4")
                .readTimeout(Duration.ofSeconds(5))
                .version("test")
                .clock(clock)
                .sleeper(sleeper)
                .listener(listener);
    }

    protected CloudflareApi api() {
        return client.withToken(TOKEN);
    }

    /** Adds the headers every call must carry: the bearer token and Flarelink's user agent. */
    protected static RequestPatternBuilder authorized(RequestPatternBuilder pattern) {
        return pattern.withHeader("Authorization", equalTo("Bearer " + TOKEN_VALUE))
                .withHeader("User-Agent", equalTo("flarelink/test"));
    }

    /** The single request matching the pattern (fails if there is not exactly one). */
    protected static LoggedRequest onlyRequest(RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = wireMock.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    protected static String path(String relative) {
        return "/client/v4" + relative;
    }

    /** A JSON response with Cloudflare's headers. */
    protected static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("cf-ray", RAY)
                .withBody(body);
    }

    protected static ResponseDefinitionBuilder fixture(String name) {
        return json(200, Fixtures.read(name));
    }

    protected static ResponseDefinitionBuilder success(String resultJson) {
        return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
    }

    protected static ResponseDefinitionBuilder error(int status, int code, String message) {
        return json(
                status,
                "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                        + "\"}],\"messages\":[],\"result\":null}");
    }
}
