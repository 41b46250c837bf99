package dev.flarelink.cloudflare.workers;

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

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flarelink.cloudflare.Fixtures;
import dev.flarelink.cloudflare.WireMockTestSupport;
import dev.flarelink.cloudflare.core.Json;
import dev.flarelink.cloudflare.core.Multipart;
import dev.flarelink.cloudflare.errors.ConflictException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersApiTests extends WireMockTestSupport {

    private static final String SCRIPTS = "/accounts/" + ACCOUNT + "/workers/scripts";
    private static final String SCRIPT = SCRIPTS + "/auth-worker";
    private static final String DOMAINS = "/accounts/" + ACCOUNT + "/workers/domains";
    private static final String SOURCE = "export default { async fetch() { return new Response(\"ok\") } }";

    @Test
    void uploadBuildsMultipartWithMetadataAndModulePart() throws Exception {
        wireMock.stubFor(put(urlPathEqualTo(path(SCRIPT))).willReturn(fixture("workers-upload.json")));
        WorkerScriptUploadParams params = WorkerScriptUploadParams.builder("auth-worker")
                .mainModule("worker.mjs", SOURCE)
                .compatibilityDate(LocalDate.of(2026, 1, 15))
                .compatibilityFlag("nodejs_compat")
                .binding(WorkerBinding.d1("DB", "db-uuid"))
                .binding(WorkerBinding.kv("SESSIONS", "ns-id"))
                .binding(new WorkerBinding.R2("FILES", "app-files", "eu"))
                .binding(WorkerBinding.plainText("APP_ENV", "production"))
                .binding(WorkerBinding.secretText("API_SECRET", "s3cr3t-value"))
                .keepBindings("secret_text")
                .build();

        WorkerScript script = api().workers().upload(ACCOUNT, params);

        LoggedRequest request = onlyRequest(authorized(putRequestedFor(urlPathEqualTo(path(SCRIPT)))));
        String contentType = request.getHeader("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        List<Multipart.Part> parts = Multipart.parse(
                request.getBody(), Multipart.boundaryOf(contentType).orElseThrow());
        assertThat(parts).extracting(Multipart.Part::name).containsExactly("metadata", "worker.mjs");
        Multipart.Part metadata = parts.get(0);
        assertThat(metadata.filename()).isNull();
        assertThat(Json.MAPPER.readTree(metadata.content()))
                .isEqualTo(Json.MAPPER.readTree("{\"main_module\":\"worker.mjs\",\"compatibility_date\":\"2026-01-15\","
                        + "\"compatibility_flags\":[\"nodejs_compat\"],\"bindings\":["
                        + "{\"type\":\"d1\",\"name\":\"DB\",\"id\":\"db-uuid\"},"
                        + "{\"type\":\"kv_namespace\",\"name\":\"SESSIONS\",\"namespace_id\":\"ns-id\"},"
                        + "{\"type\":\"r2_bucket\",\"name\":\"FILES\",\"bucket_name\":\"app-files\",\"jurisdiction\":\"eu\"},"
                        + "{\"type\":\"plain_text\",\"name\":\"APP_ENV\",\"text\":\"production\"},"
                        + "{\"type\":\"secret_text\",\"name\":\"API_SECRET\",\"text\":\"s3cr3t-value\"}],"
                        + "\"keep_bindings\":[\"secret_text\"]}"));
        Multipart.Part module = parts.get(1);
        assertThat(module.filename()).isEqualTo("worker.mjs");
        assertThat(module.contentType()).isEqualTo("application/javascript+module");
        assertThat(new String(module.content(), StandardCharsets.UTF_8)).isEqualTo(SOURCE);

        assertThat(script.etag()).startsWith("13a3240e");
        assertThat(script.deploymentId()).isEqualTo("bcf48806-b317-4351-9ee7-36e7d557d4de");
        assertThat(script.hasModules()).isTrue();
        assertThat(listener.events().get(0).action()).isEqualTo("workers.script.upload");
        assertThat(listener.events().get(0).toString()).doesNotContain("s3cr3t-value");
        assertThat(params.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void listsScripts() {
        wireMock.stubFor(get(urlPathEqualTo(path(SCRIPTS))).willReturn(fixture("workers-list.json")));

        assertThat(api().workers().list(ACCOUNT)).extracting(WorkerScript::id).containsExactly("contract-worker");
        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(SCRIPTS)))));
    }

    @Test
    void downloadReturnsFirstPartOfAMultipartScript() {
        wireMock.stubFor(get(urlPathEqualTo(path(SCRIPT + "/content/v2")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "multipart/form-data; boundary=\"b0undary\"")
                        .withBody(
                                "--b0undary\r\nContent-Disposition: form-data; name=\"worker.mjs\"; filename=\"worker.mjs\"\r\n"
                                        + "Content-Type: application/javascript+module\r\n\r\n" + SOURCE + "\r\n"
                                        + "--b0undary\r\nContent-Disposition: form-data; name=\"other.mjs\"\r\n\r\nexport {}\r\n"
                                        + "--b0undary--\r\n")));

        assertThat(api().workers().downloadAsString(ACCOUNT, "auth-worker")).isEqualTo(SOURCE);
        wireMock.verify(authorized(getRequestedFor(urlPathEqualTo(path(SCRIPT + "/content/v2")))));
    }

    @Test
    void downloadReturnsWholeBodyOfAServiceWorkerScript() {
        wireMock.stubFor(get(urlPathEqualTo(path(SCRIPT + "/content/v2")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/javascript")
                        .withBody("addEventListener()")));

        assertThat(api().workers().downloadAsString(ACCOUNT, "auth-worker")).isEqualTo("addEventListener()");
    }

    @Test
    void deleteSendsForceOnlyWhenAsked() {
        wireMock.stubFor(delete(urlPathEqualTo(path(SCRIPT))).willReturn(fixture("envelope-null-result.json")));

        api().workers().delete(ACCOUNT, "auth-worker");
        api().workers().delete(ACCOUNT, "auth-worker", true);

        List<LoggedRequest> requests = wireMock.findAll(authorized(deleteRequestedFor(urlPathEqualTo(path(SCRIPT)))));
        assertThat(requests)
                .extracting(LoggedRequest::getUrl)
                .containsExactlyInAnyOrder(path(SCRIPT), path(SCRIPT) + "?force=true");
    }

    @Test
    void enablesAndReadsWorkersDevSubdomain() {
        wireMock.stubFor(
                post(urlPathEqualTo(path(SCRIPT + "/subdomain"))).willReturn(fixture("workers-script-subdomain.json")));
        wireMock.stubFor(
                get(urlPathEqualTo(path(SCRIPT + "/subdomain"))).willReturn(fixture("workers-script-subdomain.json")));
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts/" + ACCOUNT + "/workers/subdomain")))
                .willReturn(fixture("workers-account-subdomain.json")));

        assertThat(api().workers().enableSubdomain(ACCOUNT, "auth-worker").enabled())
                .isTrue();
        assertThat(api().workers().getSubdomain(ACCOUNT, "auth-worker").previewsEnabled())
                .isTrue();
        assertThat(api().workers().accountSubdomain(ACCOUNT)).contains("acme");
        wireMock.verify(authorized(postRequestedFor(urlPathEqualTo(path(SCRIPT + "/subdomain"))))
                .withRequestBody(equalToJson("{\"enabled\":true}")));
    }

    @Test
    void enablingSubdomainIsRetriedOnServerErrorsBecauseItIsIdempotent() {
        wireMock.stubFor(post(urlPathEqualTo(path(SCRIPT + "/subdomain")))
                .inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("ok")
                .willReturn(error(500, 10013, "internal")));
        wireMock.stubFor(post(urlPathEqualTo(path(SCRIPT + "/subdomain")))
                .inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(fixture("workers-script-subdomain.json")));

        assertThat(api().workers().enableSubdomain(ACCOUNT, "auth-worker").enabled())
                .isTrue();
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
    }

    @Test
    void accountWithoutSubdomainReadsAsEmpty() {
        wireMock.stubFor(get(urlPathEqualTo(path("/accounts/" + ACCOUNT + "/workers/subdomain")))
                .willReturn(json(404, Fixtures.read("workers-not-found.json"))));

        assertThat(api().workers().accountSubdomain(ACCOUNT)).isEmpty();
    }

    @Test
    void attachesListsAndDetachesCustomDomains() {
        wireMock.stubFor(put(urlPathEqualTo(path(DOMAINS))).willReturn(fixture("workers-domain.json")));
        wireMock.stubFor(get(urlPathEqualTo(path(DOMAINS))).willReturn(fixture("workers-domains.json")));
        wireMock.stubFor(delete(urlPathEqualTo(path(DOMAINS + "/dbe10b4bc17c295377eabd600e1787fd")))
                .willReturn(fixture("envelope-no-result.json")));

        CustomDomain domain = api().workers()
                .attachDomain(
                        ACCOUNT,
                        DomainAttachParams.of("auth.contract.example", "auth-worker", "zone-1")
                                .overridingExisting());
        List<CustomDomain> domains = api().workers().listDomains(ACCOUNT, "auth-worker");
        api().workers().detachDomain(ACCOUNT, domain.id());

        wireMock.verify(authorized(putRequestedFor(urlPathEqualTo(path(DOMAINS))))
                .withRequestBody(equalToJson("{\"hostname\":\"auth.contract.example\",\"service\":\"auth-worker\","
                        + "\"zone_id\":\"zone-1\",\"environment\":\"production\",\"override_existing_origin\":true,"
                        + "\"override_existing_dns_record\":true}")));
        wireMock.verify(
                getRequestedFor(urlPathEqualTo(path(DOMAINS))).withQueryParam("service", equalTo("auth-worker")));
        wireMock.verify(authorized(deleteRequestedFor(urlPathEqualTo(path(DOMAINS + "/" + domain.id())))));
        assertThat(domain.zoneName()).isEqualTo("contract.example");
        assertThat(domains).extracting(CustomDomain::hostname).containsExactly("auth.contract.example");
    }

    @Test
    void hostnameInUseIsAConflict() {
        wireMock.stubFor(put(urlPathEqualTo(path(DOMAINS)))
                .willReturn(json(409, Fixtures.read("workers-domain-conflict.json"))));

        assertThatThrownBy(() -> api().workers()
                        .attachDomain(ACCOUNT, DomainAttachParams.of("auth.contract.example", "auth-worker", "zone-1")))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.hasCode(100116)).isTrue());
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void settingsReadsBindingsAndCompatibilityDate() {
        wireMock.stubFor(get(urlPathEqualTo(path(SCRIPT + "/settings")))
                .willReturn(success("{\"bindings\":[{\"type\":\"d1\",\"name\":\"DB\",\"database_id\":\"db-uuid\"},"
                        + "{\"type\":\"kv_namespace\",\"name\":\"SESSIONS\",\"namespace_id\":\"ns-id\"}],"
                        + "\"compatibility_date\":\"2026-01-15\",\"compatibility_flags\":[\"nodejs_compat\"],"
                        + "\"logpush\":false,\"usage_model\":\"standard\"}")));

        WorkerSettings settings = api().workers().settings(ACCOUNT, "auth-worker");

        onlyRequest(authorized(getRequestedFor(urlPathEqualTo(path(SCRIPT + "/settings")))));
        assertThat(settings.compatibilityDate()).isEqualTo("2026-01-15");
        assertThat(settings.flagList()).containsExactly("nodejs_compat");
        assertThat(settings.bindingList())
                .extracting(WorkerSettings.Binding::name, WorkerSettings.Binding::type, WorkerSettings.Binding::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DB", "d1", "db-uuid"),
                        org.assertj.core.groups.Tuple.tuple("SESSIONS", "kv_namespace", "ns-id"));
        assertThat(listener.events().get(0).action()).isEqualTo("workers.script.settings.get");
    }
}
