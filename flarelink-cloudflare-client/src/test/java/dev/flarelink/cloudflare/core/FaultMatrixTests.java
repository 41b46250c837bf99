package dev.flarelink.cloudflare.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.flarelink.cloudflare.ApiCallEvent;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.errors.CloudflareConnectionException;
import dev.flarelink.cloudflare.errors.CloudflareInvalidResponseException;
import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.cloudflare.errors.ServerErrorException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G14: under every fault the client never exceeds the configured attempts, never waits less than Retry-After,
 * never blindly retries a create, ends with a defined exception, and reports exactly one event per attempt.
 */
class FaultMatrixTests extends WireMockTestSupport {

    private static final String VERIFY = "/user/tokens/verify";
    private static final String CREATE_DB = "/accounts/" + ACCOUNT + "/d1/database";

    private void stubVerify(ResponseDefinitionBuilder response) {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY))).willReturn(response));
    }

    private void stubCreate(ResponseDefinitionBuilder response) {
        wireMock.stubFor(post(urlPathEqualTo(path(CREATE_DB))).willReturn(response));
    }

    private void verifyCall() {
        api().tokens().verifyUserToken();
    }

    private void createCall() {
        api().d1().create(ACCOUNT, D1CreateParams.named("app-db"));
    }

    /** Journal count == event count == attempts; only the last event says it will not retry. */
    private void assertAttempts(int attempts) {
        assertAttempts(attempts, attempts);
    }

    private void assertAttempts(int attempts, int wireRequests) {
        // WireMock journals a delayed request only when its delay ends, which can be after the client gave up on it.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (wireMock.getAllServeEvents().size() < wireRequests && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(20).toNanos());
        }
        assertThat(wireMock.getAllServeEvents()).hasSize(wireRequests);
        List<ApiCallEvent> events = listener.events();
        assertThat(events).hasSize(attempts);
        assertThat(events)
                .extracting(ApiCallEvent::attempt)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, attempts)
                        .boxed()
                        .toList());
        assertThat(events.subList(0, attempts - 1)).allMatch(ApiCallEvent::willRetry);
        assertThat(events.get(attempts - 1).willRetry()).isFalse();
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN_VALUE));
    }

    private void assertBackoffWaits() {
        List<Duration> waits = sleeper.waits();
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void rateLimitWithRetryAfterWaitsAtLeastThatLongThenGivesUp() {
        stubVerify(error(429, 971, "Please wait").withHeader("Retry-After", "7"));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertAttempts(3);
        assertThat(sleeper.waits())
                .hasSize(2)
                .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void rateLimitThenSuccessRecoversAfterRetryAfter() {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .inScenario("429")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("ok")
                .willReturn(error(429, 971, "Please wait").withHeader("Retry-After", "2")));
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .inScenario("429")
                .whenScenarioStateIs("ok")
                .willReturn(fixture("token-verify.json")));

        verifyCall();

        assertAttempts(2);
        assertThat(sleeper.waits())
                .singleElement()
                .satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(listener.events()).extracting(ApiCallEvent::status).containsExactly(429, 200);
        assertThat(listener.events().get(0).errorCodes()).containsExactly(971);
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        String inNineSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(9).atZone(java.time.ZoneOffset.UTC));
        stubVerify(error(429, 971, "Please wait").withHeader("Retry-After", inNineSeconds));

        assertThatThrownBy(this::verifyCall).isInstanceOf(RateLimitException.class);
        assertAttempts(3);
        assertThat(sleeper.waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void retryAfterMillisecondsIsHonoured() {
        stubVerify(error(429, 971, "Please wait").withHeader("retry-after-ms", "2500"));

        assertThatThrownBy(this::verifyCall).isInstanceOf(RateLimitException.class);
        assertAttempts(3);
        assertThat(sleeper.waits()).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofMillis(2500)));
    }

    @Test
    void requestTimeoutStatusIsRetriedForReads() {
        stubVerify(error(408, 0, "Request Timeout"));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOfSatisfying(
                        dev.flarelink.cloudflare.errors.CloudflareApiException.class,
                        e -> assertThat(e.status()).isEqualTo(408));
        assertAttempts(3);
        assertBackoffWaits();
    }

    @Test
    void rateLimitWithoutRetryAfterBacksOffExponentially() {
        stubVerify(error(429, 971, "Please wait"));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.retryAfter()).isEmpty());
        assertAttempts(3);
        assertBackoffWaits();
    }

    @Test
    void retryAfterBeyondTheMaximumWaitFailsFastInsteadOfSleeping() {
        stubVerify(error(429, 971, "More than 1200 requests per 300 seconds reached")
                .withHeader("Retry-After", "300"));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(300)));
        assertAttempts(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetriedUpToMaxAttempts(int status) {
        stubVerify(error(status, 0, "internal"));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOfSatisfying(
                        ServerErrorException.class, e -> assertThat(e.status()).isEqualTo(status));
        assertAttempts(3);
        assertBackoffWaits();
    }

    @Test
    void serverErrorThenSuccessRecovers() {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .inScenario("503")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("ok")
                .willReturn(error(503, 0, "unavailable")));
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .inScenario("503")
                .whenScenarioStateIs("ok")
                .willReturn(fixture("token-verify.json")));

        assertThat(api().tokens().verifyUserToken().isActive()).isTrue();
        assertAttempts(2);
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void brokenResponsesOnReadsAreRetriedThenReported(Fault fault) {
        stubVerify(aResponse().withFault(fault));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOf(CloudflareConnectionException.class)
                .hasMessageNotContaining(TOKEN_VALUE);
        assertAttempts(3);
        assertBackoffWaits();
        assertConnectionFailureEvents();
    }

    /**
     * When the connection dies before any response byte, the JDK HttpClient itself re-sends a GET once
     * (MultiExchange's "connection expired" retry, GET/HEAD only), so with JDK defaults each client attempt is two
     * wire requests. The client still makes exactly maxAttempts attempts, and the JDK never re-sends a POST (see
     * {@link #createIsNotRetriedAfterAConnectionReset()}). The build runs this class a second time with
     * {@code -Djdk.httpclient.redirects.retrylimit=1}, which disables the JDK re-send: then journal == events.
     */
    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void connectionDroppedBeforeAnyResponseByteIsRetriedThenReported(Fault fault) {
        stubVerify(aResponse().withFault(fault));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOf(CloudflareConnectionException.class)
                .hasMessageNotContaining(TOKEN_VALUE);
        assertAttempts(3, jdkResendsOnce() ? 6 : 3);
        assertBackoffWaits();
        assertConnectionFailureEvents();
    }

    private void assertConnectionFailureEvents() {
        assertThat(listener.events()).allSatisfy(e -> {
            assertThat(e.status()).isNull();
            assertThat(e.failure()).isEqualTo("CloudflareConnectionException");
        });
    }

    private static boolean jdkResendsOnce() {
        String limit = System.getProperty("jdk.httpclient.redirects.retrylimit");
        return limit == null || Integer.parseInt(limit) > 1;
    }

    @Test
    void malformedJsonIsAnInvalidResponseAndNotRetried() {
        stubVerify(json(200, "{\"success\":true,\"result\":{\"id\":"));

        assertThatThrownBy(this::verifyCall).isInstanceOf(CloudflareInvalidResponseException.class);
        assertAttempts(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void htmlErrorPageFromTheEdgeIsAServerErrorAndRetried() {
        stubVerify(aResponse()
                .withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html>502 Bad Gateway</html>"));

        assertThatThrownBy(this::verifyCall).isInstanceOf(ServerErrorException.class);
        assertAttempts(3);
    }

    @Test
    void htmlPageWithSuccessStatusIsAnInvalidResponse() {
        stubVerify(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html>hi</html>"));

        assertThatThrownBy(this::verifyCall).isInstanceOf(CloudflareInvalidResponseException.class);
        assertAttempts(1);
    }

    @Test
    void responseSlowerThanTheReadTimeoutIsRetriedForReads() {
        client = CloudflareClient.builder()
                .options(options().readTimeout(Duration.ofMillis(200)).build())
                .build();
        stubVerify(fixture("token-verify.json").withFixedDelay(1_000));

        assertThatThrownBy(this::verifyCall)
                .isInstanceOfSatisfying(
                        CloudflareConnectionException.class,
                        e -> assertThat(e.isTimeout()).isTrue());
        assertAttempts(3);
    }

    @Test
    void createThatTimesOutAfterTheServerPerformedItIsNotRetried() {
        client = CloudflareClient.builder()
                .options(options().readTimeout(Duration.ofMillis(200)).build())
                .build();
        stubCreate(fixture("d1-create.json").withFixedDelay(1_000));

        assertThatThrownBy(this::createCall)
                .isInstanceOfSatisfying(
                        CloudflareConnectionException.class,
                        e -> assertThat(e.isTimeout()).isTrue());
        assertAttempts(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void createIsNotRetriedOnServerError() {
        stubCreate(error(503, 0, "unavailable"));

        assertThatThrownBy(this::createCall).isInstanceOf(ServerErrorException.class);
        assertAttempts(1);
    }

    @Test
    void createIsNotRetriedAfterAConnectionReset() {
        stubCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(this::createCall).isInstanceOf(CloudflareConnectionException.class);
        assertAttempts(1);
    }

    @Test
    void createIsRetriedOnRateLimitBecauseCloudflareDidNotProcessIt() {
        stubCreate(error(429, 971, "Please wait").withHeader("Retry-After", "1"));

        assertThatThrownBy(this::createCall).isInstanceOf(RateLimitException.class);
        assertAttempts(3);
        assertThat(sleeper.waits()).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void createIsRetriedWhenTheConnectionWasRefusedBeforeSending() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        client = CloudflareClient.builder()
                .options(options()
                        .baseUrl("http://127.0.0.1:" + closedPort + "/client/v4")
                        .build())
                .build();
        CloudflareApi api = client.withToken(TOKEN);

        assertThatThrownBy(() -> api.d1().create(ACCOUNT, D1CreateParams.named("app-db")))
                .isInstanceOf(CloudflareConnectionException.class);
        assertThat(listener.events())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.status()).isNull());
        assertThat(sleeper.waits()).hasSize(2);
    }

    @Test
    void failingListenerNeverChangesTheOutcome() {
        client = CloudflareClient.builder()
                .options(options()
                        .listener(event -> {
                            throw new IllegalStateException("listener bug");
                        })
                        .build())
                .build();
        stubVerify(fixture("token-verify.json"));

        assertThat(api().tokens().verifyUserToken().isActive()).isTrue();
    }
}
