package dev.flarelink.cloudflare.tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.Fixtures;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokensApiTests extends WireMockTestSupport {

    private static final String TID = "9a7806061c88ada191ed06f989cc3dac";
    private static final String ACCOUNT_VERIFY = "/accounts/" + ACCOUNT + "/tokens/verify";

    @Test
    void verifiesUserTokenWithDocumentedHeaders() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify"))).willReturn(fixture("token-verify.json")));

        TokenVerification verification = api().tokens().verify();

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path("/user/tokens/verify"))))
                .withHeader("Accept", equalTo("application/json")));
        assertThat(verification.id()).isEqualTo("ed17574386854bf78a67040be0a770b0");
        assertThat(verification.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(verification.expiresOn()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(verification.kind()).isEqualTo(ApiToken.Kind.USER);
    }

    @Test
    void unknownStatusValueIsTolerated() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify")))
                .willReturn(fixture("token-verify-unknown-status.json")));

        assertThat(api().tokens().verifyUserToken().status()).isEqualTo(TokenStatus.UNKNOWN);
    }

    @Test
    void accountTokenPrefixGoesStraightToTheAccountRoute() {
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts"))).willReturn(fixture("accounts.json")));
        wireMock.stubFor(get(urlPathEqualTo(path(ACCOUNT_VERIFY))).willReturn(fixture("token-verify.json")));

        TokenVerification verification = client.withToken(
                        ApiToken.of("cfat_FAKE.AccountOwned.TokenForTests0123456789abcdef"))
                .tokens()
                .verify();

        assertThat(verification.kind()).isEqualTo(ApiToken.Kind.ACCOUNT);
        assertThat(verification.accountId()).isEqualTo(ACCOUNT);
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(path("/user/tokens/verify"))));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(path(ACCOUNT_VERIFY))));
    }

    @Test
    void unprefixedTokenFallsBackToAccountRouteOnCode1000() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify")))
                .willReturn(json(400, Fixtures.read("error-invalid-api-token.json"))));
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts"))).willReturn(fixture("accounts.json")));
        wireMock.stubFor(get(urlPathEqualTo(path(ACCOUNT_VERIFY))).willReturn(fixture("token-verify.json")));

        TokenVerification verification = client.withToken(ApiToken.of("legacyUnprefixedToken0123456789abcdefghij"))
                .tokens()
                .verify();

        assertThat(verification.kind()).isEqualTo(ApiToken.Kind.ACCOUNT);
        assertThat(verification.isActive()).isTrue();
    }

    @Test
    void unprefixedTokenWithOtherAuthErrorDoesNotFallBack() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/verify")))
                .willReturn(json(403, Fixtures.read("error-authentication.json"))));

        assertThatThrownBy(() -> client.withToken(ApiToken.of("legacyUnprefixedToken0123456789abcdefghij"))
                        .tokens()
                        .verify())
                .isInstanceOf(AuthenticationException.class);
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void listsPermissionGroupsByNameAndScope() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/permission_groups")))
                .willReturn(fixture("permission-groups.json")));

        List<PermissionGroup> groups =
                api().tokens().permissionGroups("Workers Scripts Write", "com.cloudflare.api.account");

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path("/user/tokens/permission_groups"))))
                .withQueryParam("name", equalTo("Workers Scripts Write"))
                .withQueryParam("scope", equalTo("com.cloudflare.api.account")));
        assertThat(groups).extracting(PermissionGroup::id).contains("2efd5506f9c8494dacb1fa10a3e7d5b6");
        assertThat(groups.get(2).category()).isEqualTo("developer_platform");
    }

    @Test
    void createSendsPoliciesAndConditionAndReturnsTheValueOnce() {
        wireMock.stubFor(post(urlPathEqualTo(path("/user/tokens"))).willReturn(fixture("token-create.json")));
        String resource = "com.cloudflare.edge.r2.bucket." + ACCOUNT + "_default_contract-files";
        TokenCreateParams params = TokenCreateParams.of(
                        "contract-r2-token",
                        List.of(TokenPolicy.allow(Map.of(resource, "*"), List.of("2efd5506f9c8494dacb1fa10a3e7d5b6"))))
                .withExpiresOn(Instant.parse("2027-03-01T10:00:00.123Z"))
                .withAllowedIps(List.of("203.0.113.0/24"));

        CreatedToken created = api().tokens().create(params);

        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path("/user/tokens"))))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"name\":\"contract-r2-token\",\"policies\":[{\"effect\":\"allow\","
                        + "\"resources\":{\"" + resource + "\":\"*\"},"
                        + "\"permission_groups\":[{\"id\":\"2efd5506f9c8494dacb1fa10a3e7d5b6\"}]}],"
                        + "\"expires_on\":\"2027-03-01T10:00:00Z\","
                        + "\"condition\":{\"request.ip\":{\"in\":[\"203.0.113.0/24\"]}}}")));
        assertThat(created.id()).isEqualTo(TID);
        assertThat(created.value().reveal()).isEqualTo("cfut_FAKE.CreatedToken.ValueForTestsOnly0123456789abcd");
        assertThat(created.toString()).doesNotContain("CreatedTokenValue");
        assertThat(created.policies().get(0).permissionGroups().get(0).name())
                .isEqualTo("Workers R2 Storage Bucket Item Write");
    }

    @Test
    void listGetRollAndDelete() {
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens"))).willReturn(fixture("tokens-list.json")));
        wireMock.stubFor(get(urlPathEqualTo(path("/user/tokens/" + TID))).willReturn(fixture("token-get.json")));
        wireMock.stubFor(
                put(urlPathEqualTo(path("/user/tokens/" + TID + "/value"))).willReturn(fixture("token-roll.json")));
        wireMock.stubFor(delete(urlPathEqualTo(path("/user/tokens/" + TID))).willReturn(fixture("token-delete.json")));

        assertThat(api().tokens().list().items()).extracting(Token::name).containsExactly("contract-r2-token");
        Token token = api().tokens().get(TID);
        ApiToken rolled = api().tokens().roll(TID);
        api().tokens().delete(TID);

        assertThat(token.lastUsedOn()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(token.condition()).containsKey("request.ip");
        assertThat(rolled.reveal()).isEqualTo("cfut_FAKE.RolledTokenV.alueForTestsOnly01234567890abcd");
        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path("/user/tokens"))))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("per_page", equalTo("20")));
        wireMock.verify(authorized(putRequestedFor(urlPathEqualTo(path("/user/tokens/" + TID + "/value"))))
                .withRequestBody(equalToJson("{}")));
        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path("/user/tokens/" + TID)))));
    }

    @Test
    void rollIsNotRetriedAfterAServerError() {
        wireMock.stubFor(
                put(urlPathEqualTo(path("/user/tokens/" + TID + "/value"))).willReturn(error(500, 0, "boom")));

        assertThatThrownBy(() -> api().tokens().roll(TID))
                .isInstanceOf(dev.flarelink.cloudflare.errors.ServerErrorException.class);
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }
}
