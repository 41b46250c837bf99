package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.apikey.CreateApiKeyCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.config.FlarelinkProperties;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.hardening.RouteMatrix.ApiRoute;
import dev.flarelink.hardening.RouteMatrix.ObjectKind;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.ApiClient;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The authorization matrix of the JSON API: every {@link RouteMatrix#API_ROUTES} route with no key, with the owner's
 * session cookie alone, with a revoked and an expired key, with another user's key on A's objects, with a read-only
 * key, and with A's full key; what each may get, that the refused ones change nothing, and the headers of each.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiRouteMatrixIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    ConnectionService connections;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FlarelinkProperties properties;

    ApiClient api;
    BrowserlessSession owner;
    Seed seed;
    StateSnapshot state;
    UUID strangerId;
    String full;
    String readOnly;
    String revoked;
    String expired;
    String strangers;

    @BeforeAll
    void seed() {
        api = new ApiClient(port);
        String ownerEmail = Emails.unique("apimx-a");
        owner = new BrowserlessSession(port);
        assertThat(owner.signUp(ownerEmail, PASSWORD).statusCode()).isEqualTo(302);
        seed = Seed.plant(owner, ownerEmail, sandbox, provisioning, jdbc);
        full = keys.create(seed.user(), new CreateApiKeyCommand("matrix full", "full", null))
                .secret();
        readOnly = keys.create(seed.user(), new CreateApiKeyCommand("matrix read", "read_only", null))
                .secret();
        var toRevoke = keys.create(seed.user(), new CreateApiKeyCommand("matrix revoked", "full", null));
        keys.revoke(seed.user(), toRevoke.key().id());
        revoked = toRevoke.secret();
        var toExpire = keys.create(seed.user(), new CreateApiKeyCommand("matrix expired", "full", 1));
        jdbc.sql("update api_key set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", toExpire.key().id())
                .update();
        expired = toExpire.secret();

        String strangerEmail = Emails.unique("apimx-b");
        BrowserlessSession stranger = new BrowserlessSession(port);
        assertThat(stranger.signUp(strangerEmail, PASSWORD).statusCode()).isEqualTo(302);
        strangerId = jdbc.sql("select id from user_account where email = :e")
                .param("e", strangerEmail)
                .query(UUID.class)
                .single();
        // B has an account of its own connected, so B's refusals are about A's objects, not NO_CONNECTION.
        String account = sandbox.createAccount("Matrix B " + seed.suffix());
        connections.connect(
                strangerId,
                new ConnectCommand(
                        sandbox.createToken(account, SandboxPermission.flarelinkFive())
                                .value(),
                        null));
        strangers = keys.create(strangerId, new CreateApiKeyCommand("matrix stranger", "full", null))
                .secret();
        state = new StateSnapshot(jdbc, properties.dataDir().resolve("sandbox"));
    }

    @AfterAll
    void quiet() {
        provisioning.awaitIdle(seed.project(), Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void withoutAValidKeyEveryRouteAnswers401JsonAndChangesNothing() {
        Map<String, String> before = state.take(StateSnapshot.Scope.EVERYTHING);
        SoftAssertions softly = new SoftAssertions();
        for (ApiRoute route : RouteMatrix.API_ROUTES) {
            String url = route.url().apply(seed);
            @Nullable String body = route.body().apply(seed);
            HttpResponse<String> noKey = api.send(route.method(), url, null, body);
            HttpResponse<String> cookieOnly =
                    owner.json(route.method().equals("ANY") ? "GET" : route.method(), url, body == null ? "" : body);
            if (route.open()) {
                observe(softly, noKey, route, "no key");
                softly.assertThat(noKey.statusCode()).as("no key on %s", route).isEqualTo(200);
                softly.assertThat(cookieOnly.statusCode())
                        .as("cookie on %s", route)
                        .isEqualTo(200);
            } else {
                expect(softly, noKey, route, "no key", 401, "MISSING_API_KEY");
                expect(softly, cookieOnly, route, "A's session cookie alone", 401, "MISSING_API_KEY");
            }
            expect(softly, api.send(route.method(), url, revoked, body), route, "revoked key", 401, "INVALID_API_KEY");
            expect(softly, api.send(route.method(), url, expired, body), route, "expired key", 401, "INVALID_API_KEY");
            expect(
                    softly,
                    api.send(route.method(), url, "flk_" + "f".repeat(64), body),
                    route,
                    "unknown key",
                    401,
                    "INVALID_API_KEY");
        }
        softly.assertThat(state.take(StateSnapshot.Scope.EVERYTHING))
                .as("state after every refused request")
                .isEqualTo(before);
        softly.assertAll();
    }

    @Test
    @Order(2)
    void anotherUsersKeyGetsNotFoundForEveryObjectOfTheOwnerAndChangesNothingOfTheirs() {
        Map<String, String> before = state.take(new StateSnapshot.Scope(strangerId, false));
        // B reads its own Activity log first: later, it holds B's own requests, which name the ids B sent.
        List<ApiRoute> activityFirst = java.util.stream.Stream.concat(
                        RouteMatrix.API_ROUTES.stream().filter(r -> r.pattern().startsWith("/api/activity")),
                        RouteMatrix.API_ROUTES.stream().filter(r -> !r.pattern().startsWith("/api/activity")))
                .toList();
        SoftAssertions softly = new SoftAssertions();
        for (ApiRoute route : activityFirst) {
            HttpResponse<String> response = api.send(
                    route.method(),
                    route.url().apply(seed),
                    strangers,
                    route.body().apply(seed));
            if (route.kind() != ObjectKind.NONE) {
                expect(softly, response, route, "B's key on A's " + route.kind(), 404, "NOT_FOUND");
            } else {
                // On B's own account: what A gets on A's (B's refusals say nothing of A's).
                observe(softly, response, route, "B's key");
                softly.assertThat(response.statusCode())
                        .as("B %s (%s)", route, response.body())
                        .isEqualTo(route.ownerStatus());
            }
            List<String> shown = seed.identifying().stream()
                    .filter(secret -> response.body().contains(secret))
                    .toList();
            softly.assertThat(shown)
                    .as("A's data in the answer to B's %s", route)
                    .isEmpty();
        }
        softly.assertThat(state.take(new StateSnapshot.Scope(strangerId, false)))
                .as("everything but B's own rows, after B's requests on A's objects")
                .isEqualTo(before);
        softly.assertAll();
    }

    @Test
    @Order(3)
    void aReadOnlyKeyReadsAndIsRefusedEveryWriteWhichChangesNothing() {
        Map<String, String> before = withoutKeyBookkeeping(state.take(new StateSnapshot.Scope(null, true)));
        SoftAssertions softly = new SoftAssertions();
        for (ApiRoute route : RouteMatrix.API_ROUTES) {
            HttpResponse<String> response = api.send(
                    route.method(),
                    route.url().apply(seed),
                    readOnly,
                    route.body().apply(seed));
            if (route.writes()) {
                expect(softly, response, route, "read-only key", 403, "READ_ONLY_KEY");
            } else {
                observe(softly, response, route, "read-only key");
                softly.assertThat(response.statusCode())
                        .as("read-only key %s (%s)", route, response.body())
                        .isEqualTo(route.ownerStatus());
            }
        }
        softly.assertThat(withoutKeyBookkeeping(state.take(new StateSnapshot.Scope(null, true))))
                .as("state after the read-only key's requests (its own last-used time and the log aside)")
                .isEqualTo(before);
        softly.assertAll();
    }

    @Test
    @Order(4)
    void theOwnersFullKeyUsesEveryRoute() {
        SoftAssertions softly = new SoftAssertions();
        for (ApiRoute route : RouteMatrix.API_ROUTES) {
            HttpResponse<String> response = api.send(
                    route.method(), route.url().apply(seed), full, route.body().apply(seed));
            observe(softly, response, route, "A's full key");
            softly.assertThat(response.statusCode())
                    .as("A %s (%s)", route, response.body())
                    .isEqualTo(route.ownerStatus());
        }
        softly.assertAll();
        assertThat(jdbc.sql("select active_project_id from api_preference where user_id = :u")
                        .param("u", seed.user())
                        .query(UUID.class)
                        .single())
                .isEqualTo(seed.project());
        assertThat(api.send(
                                "POST",
                                "/api/d1/query/" + seed.databaseId(),
                                full,
                                "{\"sql\":\"SELECT count(*) AS n FROM " + seed.table()
                                        + " WHERE note = 'by the API matrix'\"}")
                        .body())
                .contains("\"n\":1");
    }

    @Test
    @Order(5)
    void theUsersOfAProjectAreListedAndManagedThroughTheApiWithoutSessionTokens() {
        String base = "/api/projects/" + seed.project() + "/users";
        assertThat(api.send("GET", base, full, null).body())
                .contains("\"users\":[", "\"id\":\"" + seed.appUser() + "\"", "\"nextCursor\"");
        assertThat(api.send("GET", base + "?filter=nobody", full, null).body()).contains("\"code\":\"VALIDATION\"");
        HttpResponse<String> banned = api.send(
                "POST", base + "/" + seed.appUser() + "/ban", full, "{\"reason\":\"spam\",\"until\":\"2099-01-31\"}");
        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
        String user = api.send("GET", base + "/" + seed.appUser(), full, null).body();
        assertThat(user)
                .contains("\"banned\":true", "\"banReason\":\"spam\"", "\"sessions\":[", "\"events\":[")
                .doesNotContain("\"token\"", "password");
        assertThat(api.send("POST", base + "/" + seed.appUser() + "/ban", full, "{\"until\":\"soon\"}")
                        .body())
                .contains("until must be a date");
        assertThat(api.send("POST", base + "/" + seed.appUser() + "/unban", full, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.send("GET", base + "/" + seed.appUser(), full, null).body())
                .contains("\"banned\":false");
    }

    /**
     * The key's own bookkeeping (last used, request window), the log of the requests and the console history of the
     * queries it ran (kept per user, as for the console page) change on every call.
     */
    private static Map<String, String> withoutKeyBookkeeping(Map<String, String> snapshot) {
        Map<String, String> rest = new TreeMap<>(snapshot);
        rest.remove("api_key");
        rest.remove("activity_event");
        rest.remove("d1_console_entry");
        return rest;
    }

    private static void expect(
            SoftAssertions softly, HttpResponse<String> response, ApiRoute route, String who, int status, String code) {
        observe(softly, response, route, who);
        softly.assertThat(response.statusCode())
                .as("%s on %s (%s)", who, route, response.body())
                .isEqualTo(status);
        softly.assertThat(response.body()).as("%s on %s", who, route).contains("\"code\":\"" + code + "\"");
        softly.assertThat(response.body()).as("%s on %s", who, route).contains("\"error\":\"");
    }

    private static void observe(SoftAssertions softly, HttpResponse<String> response, ApiRoute route, String who) {
        String what = who + " " + route + " → " + response.statusCode();
        if (route.json() || response.statusCode() != 200) {
            softly.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("JSON from %s", what)
                    .startsWith("application/json");
        }
        softly.assertThat(response.headers().firstValue("X-Content-Type-Options"))
                .as("nosniff on %s", what)
                .hasValue("nosniff");
        softly.assertThat(response.headers().firstValue("Cache-Control").orElse(""))
                .as("Cache-Control of %s", what)
                .contains("no-store");
        softly.assertThat(
                        response.headers().firstValue("Content-Security-Policy").orElse(""))
                .as("CSP of %s", what)
                .contains("default-src 'none'");
        softly.assertThat(response.headers().allValues("Set-Cookie"))
                .as("no session from %s", what)
                .isEmpty();
    }
}
