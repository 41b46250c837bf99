package dev.flarelink.cloudflare.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.core.PageRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLogsApiTests extends WireMockTestSupport {

    private static final Instant SINCE = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-03-02T00:00:00.500Z");

    @Test
    void listsV2EntriesFilteredByTimeTokenAndRay() {
        String path = "/accounts/" + ACCOUNT + "/logs/audit";
        wireMock.stubFor(get(urlPathEqualTo(path(path))).willReturn(fixture("audit-v2.json")));

        var page = api().auditLogs()
                .list(
                        ACCOUNT,
                        AuditLogQuery.between(SINCE, BEFORE)
                                .byToken("tok-1")
                                .byRay(RAY)
                                .withLimit(50));

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(path))))
                .withQueryParam("since", equalTo("2026-03-01T00:00:00Z"))
                .withQueryParam("before", equalTo("2026-03-02T00:00:00Z"))
                .withQueryParam("actor_token_id", equalTo("tok-1"))
                .withQueryParam("raw_cf_ray_id", equalTo("8e9b1c60ef9e1c9a"))
                .withQueryParam("limit", equalTo("50")));
        AuditLogEntry entry = page.items().get(0);
        assertThat(entry.actor().tokenId()).isEqualTo("ed17574386854bf78a67040be0a770b0");
        assertThat(entry.actor().ipAddress()).isEqualTo("198.51.100.7");
        assertThat(entry.raw().cfRayId()).isEqualTo("8e9b1c60ef9e1c9a");
        assertThat(entry.raw().statusCode()).isEqualTo(200);
        assertThat(entry.action().time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.resultInfo())
                .get()
                .satisfies(info -> assertThat(info.count()).isEqualTo(1));
    }

    @Test
    void listsV1EntriesByActorEmailWithPaging() {
        String path = "/accounts/" + ACCOUNT + "/audit_logs";
        wireMock.stubFor(get(urlPathEqualTo(path(path))).willReturn(fixture("audit-v1.json")));

        var page = api().auditLogs().listV1(ACCOUNT, SINCE, BEFORE, "ops@acme.test", PageRequest.ofSize(100));

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(path))))
                .withQueryParam("actor.email", equalTo("ops@acme.test"))
                .withQueryParam("since", equalTo("2026-03-01T00:00:00Z"))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("per_page", equalTo("100")));
        AuditLogV1Entry entry = page.items().get(0);
        assertThat(entry.interfaceName()).isEqualTo("API");
        assertThat(entry.action().result()).isTrue();
        assertThat(entry.resource().id()).isEqualTo("contract-worker");
    }
}
