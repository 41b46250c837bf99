package dev.flarelink.cloudflare.d1;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.ApiCallEvent;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.core.PageRequest;
import dev.flarelink.cloudflare.errors.BadRequestException;
import dev.flarelink.cloudflare.errors.PermissionDeniedException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class D1ApiTests extends WireMockTestSupport {

    private static final String DBS = "/accounts/" + ACCOUNT + "/d1/database";
    private static final String DB = "c8b5e4a2-1f3d-4e5b-9a7c-2d6f8e0b1a3c";

    @Test
    void createPostsNameAndHint() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS))).willReturn(fixture("d1-create.json")));

        D1Database db = api().d1().create(ACCOUNT, new D1CreateParams("contract-db", "weur", null));

        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(DBS))))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"name\":\"contract-db\",\"primary_location_hint\":\"weur\"}")));
        assertThat(db.uuid()).isEqualTo(DB);
        assertThat(db.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(db.version()).isEqualTo("production");
    }

    @Test
    void listSendsPagingAndNameFilter() {
        wireMock.stubFor(get(urlPathEqualTo(path(DBS))).willReturn(fixture("d1-list.json")));

        var page = api().d1().list(ACCOUNT, "contract", new PageRequest(2, 10));

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(DBS))))
                .withQueryParam("name", equalTo("contract"))
                .withQueryParam("page", equalTo("2"))
                .withQueryParam("per_page", equalTo("10")));
        assertThat(page.items()).extracting(D1Database::name).containsExactly("contract-db");
    }

    @Test
    void getParsesSizeFieldsAndDeleteSendsDelete() {
        wireMock.stubFor(get(urlPathEqualTo(path(DBS + "/" + DB))).willReturn(fixture("d1-get.json")));
        wireMock.stubFor(delete(urlPathEqualTo(path(DBS + "/" + DB))).willReturn(fixture("envelope-null-result.json")));

        D1Database db = api().d1().get(ACCOUNT, DB);
        api().d1().delete(ACCOUNT, DB);

        assertThat(db.numTables()).isZero();
        assertThat(db.fileSize()).isEqualTo(12288L);
        assertThat(db.runningInRegion()).isEqualTo("WEUR");
        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path(DBS + "/" + DB)))));
    }

    @Test
    void querySendsSqlAndParamsAndParsesMeta() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS + "/" + DB + "/query"))).willReturn(fixture("d1-query.json")));

        List<D1QueryResult> results = api().d1()
                .query(ACCOUNT, DB, "SELECT * FROM users WHERE id = ? AND email = ?", List.of(42, "secret@param"));

        wireMock.verify(
                authorized(postRequestedFor(urlPathEqualTo(path(DBS + "/" + DB + "/query"))))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"sql\":\"SELECT * FROM users WHERE id = ? AND email = ?\",\"params\":[42,\"secret@param\"]}")));
        D1QueryResult result = results.get(0);
        assertThat(result.results()).containsExactly(Map.of("id", 1, "email", "a@b.c"));
        assertThat(result.meta().rowsRead()).isEqualTo(1L);
        assertThat(result.meta().sizeAfter()).isEqualTo(16384L);
        assertThat(result.meta().servedByColo()).isEqualTo("AMS");
    }

    @Test
    void queryEventCarriesSqlButNeverParameterValues() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS + "/" + DB + "/query"))).willReturn(fixture("d1-query.json")));

        api().d1().query(ACCOUNT, DB, "SELECT * FROM users WHERE email = ?", List.of("secret@param"));

        ApiCallEvent event = listener.events().get(0);
        assertThat(event.action()).isEqualTo("d1.database.query");
        assertThat(event.method()).isEqualTo("POST");
        assertThat(event.pathTemplate()).isEqualTo("/accounts/{account_id}/d1/database/{database_id}/query");
        assertThat(event.resourceIds()).containsEntry("account_id", ACCOUNT).containsEntry("database_id", DB);
        assertThat(event.sql()).isEqualTo("SELECT * FROM users WHERE email = ?");
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.cfRay()).isEqualTo(RAY);
        assertThat(event.toString()).doesNotContain("secret@param").doesNotContain(TOKEN_VALUE);
    }

    @Test
    void eventSqlIsTruncatedTo4Kb() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS + "/" + DB + "/query"))).willReturn(fixture("d1-query.json")));
        char[] longComment = new char[10_000];
        Arrays.fill(longComment, 'é');

        api().d1().query(ACCOUNT, DB, "SELECT 1 -- " + new String(longComment));

        String sql = listener.events().get(0).sql();
        assertThat(sql).startsWith("SELECT 1 -- ");
        assertThat(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(4090);
    }

    @Test
    void rawParsesColumnsAndRows() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS + "/" + DB + "/raw"))).willReturn(fixture("d1-raw.json")));

        List<D1RawResult> results = api().d1().raw(ACCOUNT, DB, "SELECT id, email FROM users", List.of());

        wireMock.verify(postRequestedFor(urlPathEqualTo(path(DBS + "/" + DB + "/raw")))
                .withRequestBody(equalToJson("{\"sql\":\"SELECT id, email FROM users\"}")));
        assertThat(results.get(0).results().columns()).containsExactly("id", "email");
        assertThat(results.get(0).results().rows()).containsExactly(List.of(1, "a@b.c"));
        assertThat(listener.events().get(0).action()).isEqualTo("d1.database.raw");
    }

    @Test
    void batchSendsStatementsAsBatchArray() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS + "/" + DB + "/query"))).willReturn(fixture("d1-batch.json")));

        List<D1QueryResult> results = api().d1()
                .batch(
                        ACCOUNT,
                        DB,
                        List.of(D1Statement.of("INSERT INTO t VALUES (?)", "x"), D1Statement.of("SELECT 1 AS n")));

        wireMock.verify(
                postRequestedFor(urlPathEqualTo(path(DBS + "/" + DB + "/query")))
                        .withRequestBody(
                                equalToJson(
                                        "{\"batch\":[{\"sql\":\"INSERT INTO t VALUES (?)\",\"params\":[\"x\"]},{\"sql\":\"SELECT 1 AS n\"}]}")));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).meta().changes()).isEqualTo(1L);
        assertThat(listener.events().get(0).sql()).isEqualTo("INSERT INTO t VALUES (?);\nSELECT 1 AS n");
    }

    @Test
    void sqlErrorIsBadRequestWithCode7500AndIsNotRetried() {
        wireMock.stubFor(post(urlPathEqualTo(path(DBS + "/" + DB + "/query")))
                .willReturn(json(400, dev.flarelink.cloudflare.Fixtures.read("d1-sql-error.json"))));

        assertThatThrownBy(() -> api().d1().query(ACCOUNT, DB, "SELECT * FROM users"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.hasCode(7500)).isTrue();
                    assertThat(e.getMessage())
                            .contains("no such table: users")
                            .contains("HTTP 400")
                            .contains(RAY);
                });
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void d1UnauthorisedIsPermissionDenied() {
        wireMock.stubFor(get(urlPathEqualTo(path(DBS)))
                .willReturn(json(403, dev.flarelink.cloudflare.Fixtures.read("d1-unauthorized.json"))));

        assertThatThrownBy(() -> api().d1().list(ACCOUNT)).isInstanceOf(PermissionDeniedException.class);
    }
}
