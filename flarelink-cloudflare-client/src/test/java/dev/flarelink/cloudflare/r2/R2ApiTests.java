package dev.flarelink.cloudflare.r2;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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

import dev.flarelink.cloudflare.Fixtures;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.errors.ConflictException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class R2ApiTests extends WireMockTestSupport {

    private static final String BUCKETS = "/accounts/" + ACCOUNT + "/r2/buckets";
    private static final String BUCKET = BUCKETS + "/contract-files";

    @Test
    void createSendsCamelCaseBodyAndParsesBucket() {
        wireMock.stubFor(post(urlPathEqualTo(path(BUCKETS))).willReturn(fixture("r2-bucket.json")));

        R2Bucket bucket =
                api().r2().createBucket(ACCOUNT, new R2BucketCreateParams("contract-files", "weur", "Standard"));

        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(BUCKETS))))
                .withHeader("cf-r2-jurisdiction", absent())
                .withRequestBody(equalToJson(
                        "{\"name\":\"contract-files\",\"locationHint\":\"weur\",\"storageClass\":\"Standard\"}")));
        assertThat(bucket.creationDate()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(bucket.storageClass()).isEqualTo("Standard");
    }

    @Test
    void invalidBucketNameIsRejectedLocally() {
        assertThatThrownBy(() -> R2BucketCreateParams.named("Bad_Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jurisdictionViewSendsTheJurisdictionHeader() {
        wireMock.stubFor(get(urlPathEqualTo(path(BUCKET))).willReturn(fixture("r2-bucket.json")));

        api().r2().inJurisdiction("eu").getBucket(ACCOUNT, "contract-files");

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(BUCKET))))
                .withHeader("cf-r2-jurisdiction", equalTo("eu")));
    }

    @Test
    void duplicateBucketIsAConflictAndNotRetried() {
        wireMock.stubFor(
                post(urlPathEqualTo(path(BUCKETS))).willReturn(json(409, Fixtures.read("r2-bucket-conflict.json"))));

        assertThatThrownBy(() -> api().r2().createBucket(ACCOUNT, R2BucketCreateParams.named("contract-files")))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.hasCode(10004)).isTrue());
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void listReadsBucketsObjectAndSendsFilters() {
        wireMock.stubFor(get(urlPathEqualTo(path(BUCKETS))).willReturn(fixture("r2-buckets.json")));

        var page = api().r2().listBuckets(ACCOUNT, "contract", 50);

        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(BUCKETS))))
                .withQueryParam("name_contains", equalTo("contract"))
                .withQueryParam("per_page", equalTo("50")));
        assertThat(page.items()).extracting(R2Bucket::name).containsExactly("contract-files");
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void deleteSendsDelete() {
        wireMock.stubFor(delete(urlPathEqualTo(path(BUCKET))).willReturn(fixture("envelope-null-result.json")));

        api().r2().deleteBucket(ACCOUNT, "contract-files");

        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path(BUCKET)))));
    }

    @Test
    void corsUsesR2CamelCaseSchema() {
        wireMock.stubFor(put(urlPathEqualTo(path(BUCKET + "/cors"))).willReturn(fixture("envelope-null-result.json")));
        wireMock.stubFor(get(urlPathEqualTo(path(BUCKET + "/cors"))).willReturn(fixture("r2-cors.json")));
        wireMock.stubFor(
                delete(urlPathEqualTo(path(BUCKET + "/cors"))).willReturn(fixture("envelope-null-result.json")));
        R2Cors cors = new R2Cors(List.of(new R2Cors.Rule(
                "browser-uploads",
                new R2Cors.Allowed(List.of("https://app.example.com"), List.of("GET", "PUT"), List.of("content-type")),
                List.of("ETag"),
                3600)));

        api().r2().putCors(ACCOUNT, "contract-files", cors);
        R2Cors read = api().r2().getCors(ACCOUNT, "contract-files");
        api().r2().deleteCors(ACCOUNT, "contract-files");

        wireMock.verify(authorized(putRequestedFor(urlPathEqualTo(path(BUCKET + "/cors"))))
                .withRequestBody(equalToJson("{\"rules\":[{\"id\":\"browser-uploads\",\"allowed\":{"
                        + "\"origins\":[\"https://app.example.com\"],\"methods\":[\"GET\",\"PUT\"],"
                        + "\"headers\":[\"content-type\"]},\"exposeHeaders\":[\"ETag\"],\"maxAgeSeconds\":3600}]}")));
        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path(BUCKET + "/cors")))));
        assertThat(read).isEqualTo(cors);
    }

    @Test
    void missingCorsPolicyReadsAsNoneButMissingBucketStaysNotFound() {
        wireMock.stubFor(get(urlPathEqualTo(path(BUCKET + "/cors")))
                .willReturn(json(404, Fixtures.read("r2-cors-not-set.json"))));
        wireMock.stubFor(get(urlPathEqualTo(path(BUCKETS + "/gone/cors")))
                .willReturn(json(404, Fixtures.read("r2-bucket-not-found.json"))));

        assertThat(api().r2().getCors(ACCOUNT, "contract-files").rules()).isEmpty();
        assertThatThrownBy(() -> api().r2().getCors(ACCOUNT, "gone")).isInstanceOf(NotFoundException.class);
        // "No policy" (10059) is the answer asked for, not a failure to report; a missing bucket (10006) is one.
        assertThat(listener.events())
                .extracting(e -> e.status() + " " + e.errorCodes() + " " + e.expected())
                .containsExactly("404 [10059] true", "404 [10006] false");
    }

    @Test
    void temporaryCredentialsUseCamelCaseAndRedactSecrets() {
        String path = "/accounts/" + ACCOUNT + "/r2/temp-access-credentials";
        wireMock.stubFor(post(urlPathEqualTo(path(path))).willReturn(fixture("r2-temp-credentials.json")));

        R2TemporaryCredentials credentials = api().r2()
                .createTemporaryCredentials(
                        ACCOUNT,
                        new R2TemporaryCredentialsParams(
                                "contract-files", "parent-key", "object-read-write", 900, List.of("uploads/"), null));

        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(path))))
                .withRequestBody(equalToJson("{\"bucket\":\"contract-files\",\"parentAccessKeyId\":\"parent-key\","
                        + "\"permission\":\"object-read-write\",\"ttlSeconds\":900,\"prefixes\":[\"uploads/\"]}")));
        assertThat(credentials.secretAccessKey()).isEqualTo("example-secret-access-key");
        assertThat(credentials.sessionToken()).isEqualTo("example-session-token");
        assertThat(credentials.toString()).doesNotContain("example-secret").doesNotContain("example-session");
    }
}
