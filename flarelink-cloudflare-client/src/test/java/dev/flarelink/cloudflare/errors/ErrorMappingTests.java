package dev.flarelink.cloudflare.errors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.WireMockTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status + {@code errors[].code} → exception type, over the wire (one attempt, so no retries interfere). */
class ErrorMappingTests extends WireMockTestSupport {

    private static final String VERIFY = "/user/tokens/verify";

    @Override
    protected CloudflareClientOptions.Builder options() {
        return super.options().maxAttempts(1);
    }

    @ParameterizedTest(name = "HTTP {0} code {1} -> {2}")
    @CsvSource({
        "400, 1000, AuthenticationException",
        "401, 1000, AuthenticationException",
        "400, 6003, AuthenticationException",
        "400, 9106, AuthenticationException",
        "403, 9106, AuthenticationException",
        "401, 10000, AuthenticationException",
        "403, 10000, AuthenticationException",
        "401, 12345, AuthenticationException",
        "403, 9109, PermissionDeniedException",
        "403, 7403, PermissionDeniedException",
        "403, 12345, PermissionDeniedException",
        "404, 7404, NotFoundException",
        "404, 10007, NotFoundException",
        "404, 10006, NotFoundException",
        "400, 10009, NotFoundException",
        "409, 10004, ConflictException",
        "400, 10014, ConflictException",
        "400, 7502, ConflictException",
        "409, 100116, ConflictException",
        "409, 100117, ConflictException",
        "400, 7500, BadRequestException",
        "400, 10021, BadRequestException",
        "400, 10040, BadRequestException",
        "422, 1, BadRequestException",
        "418, 1, BadRequestException",
        "429, 971, RateLimitException",
        "400, 971, RateLimitException",
        "500, 7500, ServerErrorException",
        "502, 0, ServerErrorException",
        "503, 10000, ServerErrorException",
        "200, 10000, AuthenticationException",
    })
    void mapsStatusAndCodeToExceptionType(int status, int code, String exceptionType) throws Exception {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY))).willReturn(error(status, code, "message " + code)));
        Class<?> expected = Class.forName("dev.flarelink.cloudflare.errors." + exceptionType);

        CloudflareApiException e = catchThrowableOfType(
                CloudflareApiException.class, () -> api().tokens().verifyUserToken());

        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.codes()).containsExactly(code);
        assertThat(e.cfRay()).isEqualTo(RAY);
    }

    @Test
    void messageNamesStatusRayAndErrorsButNeverTheToken() {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .willReturn(error(400, 6003, "Invalid format for Authorization header: Bearer " + TOKEN_VALUE)));

        assertThatThrownBy(() -> api().tokens().verifyUserToken())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining(RAY)
                .hasMessageContaining("[6003]")
                .hasMessageNotContaining(TOKEN_VALUE);
    }

    @Test
    void errorChainEnvelopeIsParsed() {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .willReturn(json(400, dev.flarelink.cloudflare.Fixtures.read("error-invalid-headers.json"))));

        assertThatThrownBy(() -> api().tokens().verifyUserToken())
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.hasCode(6003)).isTrue());
    }

    @Test
    void challengePageIsAnInvalidResponse() {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY)))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "text/html")
                        .withHeader("cf-mitigated", "challenge")
                        .withHeader("cf-ray", RAY)
                        .withBody("<html><title>Just a moment...</title></html>")));

        assertThatThrownBy(() -> api().tokens().verifyUserToken())
                .isInstanceOfSatisfying(CloudflareInvalidResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.cfRay()).isEqualTo(RAY);
                    assertThat(e.getMessage()).contains("challenge");
                });
    }

    @Test
    void successEnvelopeWithUnexpectedResultShapeIsAnInvalidResponse() {
        wireMock.stubFor(get(urlPathEqualTo(path(VERIFY))).willReturn(success("[1,2,3]")));

        assertThatThrownBy(() -> api().tokens().verifyUserToken())
                .isInstanceOf(CloudflareInvalidResponseException.class);
    }
}
