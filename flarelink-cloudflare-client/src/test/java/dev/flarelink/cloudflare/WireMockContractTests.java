package dev.flarelink.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the behavioural contract against WireMock stubs built from the reference's documented shapes. */
class WireMockContractTests extends CloudflareContractTests {

    private static final String A = "/accounts/" + WireMockTestSupport.ACCOUNT;
    private static final String DB_UUID = "c8b5e4a2-1f3d-4e5b-9a7c-2d6f8e0b1a3c";
    private static final String NS_ID = "0f2ac74b498b48028cb68387c421e279";
    private static final String TOKEN_ID = "9a7806061c88ada191ed06f989cc3dac";
    private static final String DOMAIN_ID = "dbe10b4bc17c295377eabd600e1787fd";

    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Override
    protected ContractTarget target() {
        server.resetAll();
        stubTokensAndAccounts();
        stubD1();
        stubKv();
        stubR2();
        stubWorkers();
        server.stubFor(
                any(anyUrl()).atPriority(10).willReturn(WireMockTestSupport.error(400, 1000, "Invalid API Token")));
        return new ContractTarget(
                URI.create(server.baseUrl() + "/client/v4"),
                WireMockTestSupport.TOKEN,
                WireMockTestSupport.ACCOUNT,
                "contract.example");
    }

    private static void stub(MappingBuilder mapping, String fixture) {
        stub(mapping.willReturn(WireMockTestSupport.fixture(fixture)));
    }

    private static void stub(MappingBuilder mapping) {
        server.stubFor(mapping.atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + WireMockTestSupport.TOKEN_VALUE)));
    }

    private static String p(String relative) {
        return "/client/v4" + relative;
    }

    private static void stubTokensAndAccounts() {
        stub(get(urlPathEqualTo(p("/user/tokens/verify"))), "token-verify.json");
        stub(get(urlPathEqualTo(p("/accounts"))), "accounts.json");
        stub(get(urlPathEqualTo(p("/zones"))), "zones-empty.json");
        stub(
                get(urlPathEqualTo(p("/zones")))
                        .withQueryParam("name", equalTo("contract.example"))
                        .atPriority(4),
                "zones.json");
        stub(get(urlPathEqualTo(p("/user/tokens/permission_groups"))), "permission-groups.json");
        stub(post(urlPathEqualTo(p("/user/tokens"))), "token-create.json");
        stub(get(urlPathEqualTo(p("/user/tokens"))), "tokens-list.json");
        stub(get(urlPathEqualTo(p("/user/tokens/" + TOKEN_ID))), "token-get.json");
        stub(put(urlPathEqualTo(p("/user/tokens/" + TOKEN_ID + "/value"))), "token-roll.json");
        stub(delete(urlPathEqualTo(p("/user/tokens/" + TOKEN_ID))), "token-delete.json");
        stub(get(urlPathEqualTo(p(A + "/logs/audit"))), "audit-v2.json");
    }

    private static void stubD1() {
        String dbs = A + "/d1/database";
        stub(
                post(urlPathEqualTo(p(dbs))).withRequestBody(matchingJsonPath("$.name", equalTo(DB_NAME))),
                "d1-create.json");
        stub(post(urlPathEqualTo(p(dbs)))
                .withRequestBody(matchingJsonPath("$.name", equalTo(DUPLICATE_DB_NAME)))
                .inScenario("duplicate")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("created")
                .willReturn(WireMockTestSupport.success(
                        "{\"uuid\":\"" + DB_UUID + "\",\"name\":\"" + DUPLICATE_DB_NAME + "\"}")));
        stub(post(urlPathEqualTo(p(dbs)))
                .withRequestBody(matchingJsonPath("$.name", equalTo(DUPLICATE_DB_NAME)))
                .inScenario("duplicate")
                .whenScenarioStateIs("created")
                .willReturn(WireMockTestSupport.error(400, 7502, "A database with that name already exists")));
        stub(get(urlPathEqualTo(p(dbs))), "d1-list.json");
        stub(get(urlPathEqualTo(p(dbs + "/" + DB_UUID))), "d1-get.json");
        stub(get(urlPathEqualTo(p(dbs + "/" + MISSING_DB)))
                .willReturn(WireMockTestSupport.error(404, 7404, "Not Found")));
        stub(delete(urlPathEqualTo(p(dbs + "/" + DB_UUID))), "envelope-null-result.json");
        String query = dbs + "/" + DB_UUID + "/query";
        stub(post(urlPathEqualTo(p(query)))
                .withRequestBody(containing("no_such_table"))
                .willReturn(WireMockTestSupport.json(400, Fixtures.read("d1-sql-error.json"))));
        stub(post(urlPathEqualTo(p(query))).withRequestBody(containing("CREATE TABLE")), "d1-query-ddl.json");
        stub(
                post(urlPathEqualTo(p(query))).withRequestBody(matchingJsonPath("$.sql", containing("INSERT"))),
                "d1-query-ddl.json");
        stub(post(urlPathEqualTo(p(query))).withRequestBody(containing("SELECT id, email")), "d1-query.json");
        stub(post(urlPathEqualTo(p(query))).withRequestBody(matchingJsonPath("$.batch")), "d1-batch.json");
        stub(post(urlPathEqualTo(p(dbs + "/" + DB_UUID + "/raw"))), "d1-raw.json");
    }

    private static void stubKv() {
        String nss = A + "/storage/kv/namespaces";
        String ns = nss + "/" + NS_ID;
        String key = ns + "/values/session%3Aabc%2F1%3Fx";
        stub(post(urlPathEqualTo(p(nss))), "kv-namespace.json");
        stub(get(urlPathEqualTo(p(nss))), "kv-namespaces.json");
        stub(delete(urlPathEqualTo(p(ns))), "envelope-null-result.json");
        stub(put(urlPathEqualTo(p(key))), "envelope-null-result.json");
        stub(get(urlPathEqualTo(p(key)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/octet-stream")
                        .withBody("hello")));
        stub(delete(urlPathEqualTo(p(key))), "envelope-null-result.json");
        stub(get(urlPathEqualTo(p(ns + "/values/missing-key")))
                .willReturn(WireMockTestSupport.json(404, Fixtures.read("kv-key-not-found.json"))));
        stub(get(urlPathEqualTo(p(ns + "/keys"))), "kv-keys.json");
    }

    private static void stubR2() {
        String buckets = A + "/r2/buckets";
        String bucket = buckets + "/" + BUCKET;
        stub(post(urlPathEqualTo(p(buckets))), "r2-bucket.json");
        stub(get(urlPathEqualTo(p(buckets))), "r2-buckets.json");
        stub(get(urlPathEqualTo(p(bucket))), "r2-bucket.json");
        stub(delete(urlPathEqualTo(p(bucket))), "envelope-null-result.json");
        stub(get(urlPathEqualTo(p(buckets + "/" + MISSING_BUCKET)))
                .willReturn(WireMockTestSupport.json(404, Fixtures.read("r2-bucket-not-found.json"))));
        stub(put(urlPathEqualTo(p(bucket + "/cors"))), "envelope-null-result.json");
        stub(get(urlPathEqualTo(p(bucket + "/cors"))), "r2-cors.json");
        stub(delete(urlPathEqualTo(p(bucket + "/cors"))), "envelope-null-result.json");
    }

    private static void stubWorkers() {
        String script = A + "/workers/scripts/" + SCRIPT;
        stub(put(urlPathEqualTo(p(script))), "workers-upload.json");
        stub(get(urlPathEqualTo(p(A + "/workers/scripts"))), "workers-list.json");
        stub(get(urlPathEqualTo(p(script + "/content/v2")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "multipart/form-data; boundary=cfboundary")
                        .withHeader("cf-entrypoint", "worker.mjs")
                        .withBody(
                                "--cfboundary\r\nContent-Disposition: form-data; name=\"worker.mjs\"; filename=\"worker.mjs\"\r\n"
                                        + "Content-Type: application/javascript+module\r\n\r\n" + SCRIPT_SOURCE
                                        + "\r\n--cfboundary--\r\n")));
        stub(post(urlPathEqualTo(p(script + "/subdomain"))), "workers-script-subdomain.json");
        stub(get(urlPathEqualTo(p(A + "/workers/subdomain"))), "workers-account-subdomain.json");
        stub(put(urlPathEqualTo(p(A + "/workers/domains"))), "workers-domain.json");
        stub(get(urlPathEqualTo(p(A + "/workers/domains"))), "workers-domains.json");
        stub(delete(urlPathEqualTo(p(A + "/workers/domains/" + DOMAIN_ID))), "envelope-no-result.json");
        stub(delete(urlPathMatching(p(script))), "envelope-null-result.json");
    }
}
