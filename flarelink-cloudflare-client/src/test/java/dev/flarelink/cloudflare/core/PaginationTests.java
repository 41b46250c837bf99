package dev.flarelink.cloudflare.core;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.accounts.Account;
import dev.flarelink.cloudflare.audit.AuditLogEntry;
import dev.flarelink.cloudflare.audit.AuditLogQuery;
import dev.flarelink.cloudflare.kv.KvKey;
import dev.flarelink.cloudflare.r2.R2Bucket;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PaginationTests extends WireMockTestSupport {

    private static final String KEYS = "/accounts/" + ACCOUNT + "/storage/kv/namespaces/ns1/keys";

    private static String accounts(int... ids) {
        return IntStream.of(ids)
                .mapToObj(i -> "{\"id\":\"acc" + i + "\",\"name\":\"Account " + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private void stubAccountsPage(int page, String result, String resultInfo) {
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts")))
                .withQueryParam("page", equalTo(String.valueOf(page)))
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + ",\"result_info\":"
                                + resultInfo + "}")));
    }

    private void stubThreeAccountPages() {
        String info = "{\"page\":%d,\"per_page\":2,\"count\":%d,\"total_count\":5,\"total_pages\":3}";
        stubAccountsPage(1, accounts(1, 2), info.formatted(1, 2));
        stubAccountsPage(2, accounts(3, 4), info.formatted(2, 2));
        stubAccountsPage(3, accounts(5), info.formatted(3, 1));
    }

    @Test
    void pageBasedAutoPagerWalksThreePages() {
        stubThreeAccountPages();

        List<String> ids = api().accounts().list(PageRequest.ofSize(2)).autoPager().stream()
                .map(Account::id)
                .toList();

        assertThat(ids).containsExactly("acc1", "acc2", "acc3", "acc4", "acc5");
        for (int page = 1; page <= 3; page++) {
            wireMock.verify(
                    1,
                    getRequestedFor(urlPathEqualTo(path("/accounts")))
                            .withQueryParam("page", equalTo(String.valueOf(page)))
                            .withQueryParam("per_page", equalTo("2")));
        }
        assertThat(wireMock.getAllServeEvents()).hasSize(3);
    }

    @Test
    void pageBasedNextPageStopsAtTheLastPage() {
        stubThreeAccountPages();

        Page<Account> first = api().accounts().list(PageRequest.ofSize(2));
        Page<Account> third = first.nextPage().nextPage();

        assertThat(third.items()).extracting(Account::id).containsExactly("acc5");
        assertThat(third.hasNextPage()).isFalse();
        assertThatThrownBy(third::nextPage).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void autoPagerIsLazy() {
        stubThreeAccountPages();

        Iterator<Account> iterator =
                api().accounts().list(PageRequest.ofSize(2)).autoPager().iterator();
        iterator.next();
        iterator.next();

        assertThat(wireMock.getAllServeEvents()).hasSize(1);
        assertThat(iterator.hasNext()).isTrue();
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
    }

    @Test
    void pageBasedWithoutTotalsStopsOnAShortPage() {
        String info = "{\"page\":%d,\"per_page\":2}";
        stubAccountsPage(1, accounts(1, 2), info.formatted(1));
        stubAccountsPage(2, accounts(3), info.formatted(2));

        assertThat(api().accounts().list(PageRequest.ofSize(2)).autoPager().stream())
                .hasSize(3);
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
    }

    private void stubKeysPage(String cursorParam, String names, String nextCursor) {
        var mapping = get(urlPathEqualTo(path(KEYS)));
        mapping = cursorParam == null
                ? mapping.withQueryParam("cursor", absent())
                : mapping.withQueryParam("cursor", equalTo(cursorParam));
        String result = java.util.Arrays.stream(names.split(","))
                .map(n -> "{\"name\":\"" + n + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        wireMock.stubFor(mapping.willReturn(json(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result
                        + ",\"result_info\":{\"count\":2,\"cursor\":\"" + nextCursor + "\"}}")));
    }

    @Test
    void cursorBasedAutoPagerWalksThreePagesAndStopsOnEmptyCursor() {
        stubKeysPage(null, "k1,k2", "c1");
        stubKeysPage("c1", "k3,k4", "c2");
        stubKeysPage("c2", "k5", "");

        List<String> names = api().kv().listKeys(ACCOUNT, "ns1", null, 2).autoPager().stream()
                .map(KvKey::name)
                .toList();

        assertThat(names).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(wireMock.getAllServeEvents()).hasSize(3);
        wireMock.verify(getRequestedFor(urlPathEqualTo(path(KEYS)))
                .withQueryParam("cursor", equalTo("c2"))
                .withQueryParam("limit", equalTo("2")));
    }

    @Test
    void r2BucketListFollowsCursorInsideObjectResult() {
        String buckets = "/accounts/" + ACCOUNT + "/r2/buckets";
        wireMock.stubFor(get(urlPathEqualTo(path(buckets)))
                .withQueryParam("cursor", absent())
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"buckets\":"
                                + "[{\"name\":\"b1\"}]},\"result_info\":{\"cursor\":\"next\",\"per_page\":1}}")));
        wireMock.stubFor(get(urlPathEqualTo(path(buckets)))
                .withQueryParam("cursor", equalTo("next"))
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"buckets\":"
                                + "[{\"name\":\"b2\"}]},\"result_info\":{\"per_page\":1}}")));

        assertThat(api().r2().listBuckets(ACCOUNT, null, 1).autoPager().stream())
                .extracting(R2Bucket::name)
                .containsExactly("b1", "b2");
    }

    @Test
    void auditLogsFollowCursorsAfter() {
        String audit = "/accounts/" + ACCOUNT + "/logs/audit";
        String entry = "{\"id\":\"%s\"}";
        wireMock.stubFor(get(urlPathEqualTo(path(audit)))
                .withQueryParam("cursor", absent())
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"result\":[" + entry.formatted("e1")
                                + "],\"result_info\":{\"cursors\":{\"after\":\"A1\"}}}")));
        wireMock.stubFor(get(urlPathEqualTo(path(audit)))
                .withQueryParam("cursor", equalTo("A1"))
                .willReturn(json(
                        200,
                        "{\"success\":true,\"errors\":[],\"result\":[" + entry.formatted("e2")
                                + "],\"result_info\":{\"cursors\":{}}}")));

        var query = AuditLogQuery.between(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(api().auditLogs().list(ACCOUNT, query).autoPager().stream())
                .extracting(AuditLogEntry::id)
                .containsExactly("e1", "e2");
    }

    @Test
    void everyPageFetchIsReportedToTheListener() {
        stubThreeAccountPages();

        api().accounts().list(PageRequest.ofSize(2)).autoPager().forEach(a -> {});

        assertThat(listener.events()).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("accounts.list");
            assertThat(e.pathTemplate()).isEqualTo("/accounts");
        });
    }
}
