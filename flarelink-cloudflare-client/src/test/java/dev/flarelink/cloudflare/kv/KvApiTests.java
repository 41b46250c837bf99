package dev.flarelink.cloudflare.kv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flarelink.cloudflare.Fixtures;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.errors.ConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KvApiTests extends WireMockTestSupport {

    private static final String NSS = "/accounts/" + ACCOUNT + "/storage/kv/namespaces";
    private static final String NS = NSS + "/ns1";
    private static final String ENCODED_KEY = NS + "/values/a%2Fb%3Fc%23d%25e%20f";

    @Test
    void createsListsAndDeletesNamespaces() {
        wireMock.stubFor(post(urlPathEqualTo(path(NSS))).willReturn(fixture("kv-namespace.json")));
        wireMock.stubFor(get(urlPathEqualTo(path(NSS))).willReturn(fixture("kv-namespaces.json")));
        wireMock.stubFor(delete(urlPathEqualTo(path(NS))).willReturn(fixture("envelope-null-result.json")));

        KvNamespace created = api().kv().createNamespace(ACCOUNT, "contract-sessions");
        var listed = api().kv().listNamespaces(ACCOUNT).items();
        api().kv().deleteNamespace(ACCOUNT, "ns1");

        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(NSS))))
                .withRequestBody(equalToJson("{\"title\":\"contract-sessions\"}")));
        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path(NS)))));
        assertThat(created.supportsUrlEncoding()).isTrue();
        assertThat(listed).extracting(KvNamespace::title).containsExactly("contract-sessions");
    }

    @Test
    void duplicateTitleIsAConflictEvenThoughCloudflareSays400() {
        wireMock.stubFor(
                post(urlPathEqualTo(path(NSS))).willReturn(json(400, Fixtures.read("kv-namespace-conflict.json"))));

        assertThatThrownBy(() -> api().kv().createNamespace(ACCOUNT, "dup")).isInstanceOf(ConflictException.class);
    }

    @Test
    void listKeysSendsPrefixAndLimitAndStopsOnEmptyCursor() {
        wireMock.stubFor(get(urlPathEqualTo(path(NS + "/keys"))).willReturn(fixture("kv-keys.json")));

        var page = api().kv().listKeys(ACCOUNT, "ns1", "session:", 10);

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(NS + "/keys"))))
                .withQueryParam("prefix", equalTo("session:"))
                .withQueryParam("limit", equalTo("10")));
        assertThat(page.hasNextPage()).isFalse();
        KvKey first = page.items().get(0);
        assertThat(first.expiresAt()).isEqualTo(Instant.ofEpochSecond(1767225600));
        assertThat(first.metadata()).isNotNull();
        assertThat(page.items().get(1).expiration()).isNull();
    }

    @Test
    void putSendsRawBytesWithTtlAndEncodesTheKeyAsOneSegment() {
        wireMock.stubFor(put(urlPathEqualTo(path(ENCODED_KEY))).willReturn(fixture("envelope-null-result.json")));

        api().kv().put(ACCOUNT, "ns1", "a/b?c#d%e f", new byte[] {1, 2, 3}, Duration.ofSeconds(120));

        LoggedRequest request = onlyRequest(authorized(putRequestedFor(urlPathEqualTo(path(ENCODED_KEY))))
                .withQueryParam("expiration_ttl", equalTo("120"))
                .withHeader("Content-Type", equalTo("application/octet-stream")));
        assertThat(request.getBody()).containsExactly(1, 2, 3);
    }

    @Test
    void ttlBelowSixtySecondsIsRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> api().kv().put(ACCOUNT, "ns1", "k", new byte[0], Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void getReturnsRawBytesOrEmptyForMissingKeys() {
        wireMock.stubFor(get(urlPathEqualTo(path(NS + "/values/k")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/octet-stream")
                        .withHeader("expiration", "1767225600")
                        .withBody("value".getBytes(StandardCharsets.UTF_8))));
        wireMock.stubFor(get(urlPathEqualTo(path(NS + "/values/missing")))
                .willReturn(json(404, Fixtures.read("kv-key-not-found.json"))));

        assertThat(api().kv().get(ACCOUNT, "ns1", "k"))
                .hasValueSatisfying(v -> assertThat(v).asString().isEqualTo("value"));
        assertThat(api().kv().get(ACCOUNT, "ns1", "missing")).isEmpty();
        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(NS + "/values/k"))))
                .withHeader("Accept", WireMock.equalTo("application/octet-stream")));
    }

    @Test
    void bulkCallsSendTheKeysInTheBodyNeverInThePath() {
        wireMock.stubFor(post(urlPathEqualTo(path(NS + "/bulk/get")))
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"values\":"
                                + "{\"secret-token\":\"{}\",\"gone\":null}}}")));
        wireMock.stubFor(post(urlPathEqualTo(path(NS + "/bulk/delete")))
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":"
                                + "{\"successful_key_count\":1,\"unsuccessful_keys\":[]}}")));

        var values = api().kv().bulkGet(ACCOUNT, "ns1", java.util.List.of("secret-token", "gone"));
        api().kv().bulkDelete(ACCOUNT, "ns1", java.util.List.of("secret-token"));

        assertThat(values).containsEntry("secret-token", "{}").containsKey("gone");
        assertThat(values.get("gone")).isNull();
        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(NS + "/bulk/get"))))
                .withRequestBody(equalToJson("{\"keys\":[\"secret-token\",\"gone\"],\"type\":\"text\"}")));
        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(NS + "/bulk/delete"))))
                .withRequestBody(equalToJson("[\"secret-token\"]")));
        assertThat(wireMock.getAllServeEvents())
                .allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain("secret-token"));
    }

    @Test
    void deleteSendsDelete() {
        wireMock.stubFor(
                delete(urlPathEqualTo(path(NS + "/values/k"))).willReturn(fixture("envelope-null-result.json")));

        api().kv().delete(ACCOUNT, "ns1", "k");

        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path(NS + "/values/k")))));
    }
}
