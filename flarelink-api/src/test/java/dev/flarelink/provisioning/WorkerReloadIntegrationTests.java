package dev.flarelink.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.files.MintedKey;
import dev.flarelink.files.R2KeyService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reload ping after a configuration change, against a stand-in Worker (WireMock) that answers the way the real
 * one does (its behaviour is tested in workerd: reload-ticket.test.mjs). What is checked here is Flarelink's half of
 * the contract: the ticket presented is the one whose hash went into {@code flarelink_config} with the change.
 */
class WorkerReloadIntegrationTests extends ProvisioningTestSupport {

    private static final String PATH = "/__flarelink/reload-config";
    private static final WireMockServer worker = new WireMockServer(options().dynamicPort());

    static {
        worker.start();
    }

    @DynamicPropertySource
    static void workerAddress(DynamicPropertyRegistry registry) {
        registry.add("flarelink.reload.target", () -> "http://localhost:" + worker.port());
    }

    @AfterAll
    static void stopWorker() {
        worker.stop();
    }

    @Autowired
    R2KeyService keys;

    @BeforeEach
    void freshWorker() {
        worker.resetAll();
        worker.stubFor(post(PATH).willReturn(okJson("{\"ok\":true,\"version\":\"0.2.0\"}")));
    }

    @Test
    void changingOriginsWritesATicketWithTheChangeAndPresentsItOnce() {
        ProjectView project = createAndWait("reload", "https://a.example.com", null);

        ReloadOutcome outcome = provisioning.changeTrustedOrigins(user, project.id(), "https://b.example.com");

        assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.RELOADED);
        assertThat(outcome.message()).contains("0.2.0", "live");
        Map<String, String> config = config(project.d1DatabaseId());
        assertThat(config.get("TRUSTED_ORIGINS")).isEqualTo("https://b.example.com");
        String ticket = presentedTicket();
        assertThat(ticket).matches("flarelink_rt_[0-9a-f]{64}");
        assertThat(config.get("RELOAD_TICKET_HASH")).isEqualTo(ServiceKeys.sha256(ticket));
        Instant expires = Instant.ofEpochMilli(Long.parseLong(config.get("RELOAD_TICKET_EXPIRES_AT")));
        assertThat(expires)
                .isBetween(Instant.now().plusSeconds(9 * 60), Instant.now().plusSeconds(10 * 60 + 5));
        assertThat(activityDetails()).anyMatch(d -> d.contains("reloaded its configuration"));
        assertThat(activityDump()).doesNotContain(ticket, ticket.substring("flarelink_rt_".length()));
    }

    @Test
    void eachChangeGetsItsOwnTicket() {
        ProjectView project = createAndWait("twice", "https://a.example.com", null);
        provisioning.changeTrustedOrigins(user, project.id(), "https://b.example.com");
        provisioning.changeTrustedOrigins(user, project.id(), "https://c.example.com");

        List<String> tickets = worker.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(WorkerReloadIntegrationTests::bearer)
                .toList();
        assertThat(tickets).hasSize(2).doesNotHaveDuplicates();
        assertThat(config(project.d1DatabaseId()).get("RELOAD_TICKET_HASH"))
                .isEqualTo(ServiceKeys.sha256(tickets.get(1)));
    }

    @Test
    void rotatingTheServiceKeyPingsWithATicketNotWithTheKey() {
        ProjectView project = createAndWait("rotor", "https://a.example.com", null);

        RotatedServiceKey rotated = provisioning.rotateServiceKey(user, project.id());

        assertThat(rotated.reload().reloaded()).isTrue();
        String ticket = presentedTicket();
        assertThat(ticket).isNotEqualTo(rotated.key()).startsWith("flarelink_rt_");
        Map<String, String> config = config(project.d1DatabaseId());
        assertThat(config.get("SERVICE_KEY_HASH")).isEqualTo(ServiceKeys.sha256(rotated.key()));
        assertThat(config.get("RELOAD_TICKET_HASH")).isEqualTo(ServiceKeys.sha256(ticket));
        assertThat(rotated.toString()).doesNotContain(rotated.key());
    }

    @Test
    void aMintedR2KeyIsWrittenWithATicketAndTheWorkerReloads() {
        ProjectView project = createAndWait("keys", "https://a.example.com", "keys-files");

        MintedKey minted = keys.mint(user, connectionId, "keys-files");

        assertThat(minted.storedIn()).isNotNull();
        assertThat(minted.storedIn().projectName()).isEqualTo("keys");
        assertThat(minted.storedIn().reload().reloaded()).isTrue();
        Map<String, String> config = config(project.d1DatabaseId());
        assertThat(config.get("R2_ACCESS_KEY_ID")).isEqualTo(minted.keypair().accessKeyId());
        assertThat(config.get("RELOAD_TICKET_HASH")).isEqualTo(ServiceKeys.sha256(presentedTicket()));
    }

    @Test
    void anOldWorkerThatRefusesTicketsLeavesTheChangeInPlaceAndSaysToRedeploy() {
        ProjectView project = createAndWait("oldie", "https://a.example.com", null);
        worker.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"the service key is not valid\",\"code\":\"INVALID_SERVICE_KEY\"}")));

        ReloadOutcome outcome = provisioning.changeTrustedOrigins(user, project.id(), "https://b.example.com");

        assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Redeploy", "60 seconds");
        assertThat(config(project.d1DatabaseId()).get("TRUSTED_ORIGINS")).isEqualTo("https://b.example.com");
        assertThat(provisioning.get(user, project.id()).trustedOrigins()).containsExactly("https://b.example.com");
        assertThat(activityOutcomes()).contains("failed");
    }

    @Test
    void aThrottledPingIsRetriedOnceAfterRetryAfter() {
        ProjectView project = createAndWait("busy", "https://a.example.com", null);
        worker.stubFor(post(PATH)
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"code\":\"RELOAD_THROTTLED\"}"))
                .willSetStateTo("calm"));
        worker.stubFor(post(PATH)
                .inScenario("throttle")
                .whenScenarioStateIs("calm")
                .willReturn(okJson("{\"ok\":true,\"version\":\"0.2.0\"}")));

        ReloadOutcome outcome = provisioning.changeTrustedOrigins(user, project.id(), "https://b.example.com");

        assertThat(outcome.reloaded()).isTrue();
        assertThat(worker.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
    }

    @Test
    void anUnreachableWorkerDoesNotFailTheChange() {
        ProjectView project = createAndWait("gone", "https://a.example.com", null);
        worker.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ReloadOutcome outcome = provisioning.changeTrustedOrigins(user, project.id(), "https://b.example.com");

        assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("could not be reached", "60 seconds");
        assertThat(config(project.d1DatabaseId()).get("TRUSTED_ORIGINS")).isEqualTo("https://b.example.com");
    }

    private String presentedTicket() {
        List<LoggedRequest> requests = worker.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).as("one reload ping").hasSize(1);
        assertThat(requests.get(0).getHeader("Origin")).isNull();
        return bearer(requests.get(0));
    }

    private static String bearer(LoggedRequest request) {
        String header = request.getHeader("Authorization");
        assertThat(header).startsWith("Bearer ");
        return header.substring("Bearer ".length());
    }

    private Map<String, String> config(String database) {
        List<D1QueryResult> results =
                cf.d1().query(account.accountId(), database, "SELECT key, value FROM flarelink_config");
        return results.get(0).results().stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("key")), r -> String.valueOf(r.get("value"))));
    }

    private List<String> activityDetails() {
        return jdbc.sql("select detail from activity_event where user_id = :user and action = 'worker.reload'")
                .param("user", user)
                .query(String.class)
                .list();
    }

    private List<String> activityOutcomes() {
        return jdbc.sql("select outcome from activity_event where user_id = :user and action = 'worker.reload'")
                .param("user", user)
                .query(String.class)
                .list();
    }

    private String activityDump() {
        return String.join(
                "\n",
                jdbc.sql("select a::text from activity_event a where user_id = :user")
                        .param("user", user)
                        .query(String.class)
                        .list());
    }
}
