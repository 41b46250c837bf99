package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.TotpCodes;
import dev.flarelink.account.TotpEnrolment;
import dev.flarelink.account.TwoFactorService;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.config.FlarelinkProperties;
import dev.flarelink.hardening.RouteMatrix.Route;
import dev.flarelink.hardening.RouteMatrix.Scope;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base32;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import testsupport.FailingController;

/**
 * The authorization matrix, the CSRF and method checks and the headers crawler: every route of the app, as its
 * handler mappings list it, is requested by an anonymous visitor, by user B against user A's objects, without a
 * CSRF token and by A, and every response is checked for the security headers. One app, one seeding; the tests
 * run in order on the same seeded objects.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@Import(FailingController.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteMatrixIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMappings;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FlarelinkProperties properties;

    @Autowired
    TwoFactorService twoFactor;

    BrowserlessSession owner;
    BrowserlessSession stranger;
    String strangerEmail;
    UUID strangerId;
    Seed seed;
    StateSnapshot state;

    /** Every status the crawls saw, to show the headers were checked on each class of response. */
    final Set<Integer> statusesSeen = new TreeSet<>();

    /** How many Set-Cookie headers the crawls checked the flags of. */
    int cookiesChecked;

    @BeforeAll
    void seed() {
        String ownerEmail = Emails.unique("matrix-a");
        owner = new BrowserlessSession(port);
        assertThat(owner.signUp(ownerEmail, PASSWORD).statusCode()).isEqualTo(302);
        BrowserlessSession ownerElsewhere = new BrowserlessSession(port);
        assertThat(ownerElsewhere
                        .submit("/signin", "/signin", Map.of("email", ownerEmail, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(302);
        seed = Seed.plant(owner, ownerEmail, sandbox, provisioning, jdbc)
                .withAccount(otherSession(owner), passkeyOf(ownerEmail));
        strangerEmail = Emails.unique("matrix-b");
        stranger = new BrowserlessSession(port);
        assertThat(stranger.signUp(strangerEmail, PASSWORD).statusCode()).isEqualTo(302);
        strangerId = jdbc.sql("select id from user_account where email = :e")
                .param("e", strangerEmail)
                .query(UUID.class)
                .single();
        state = new StateSnapshot(jdbc, properties.dataDir().resolve("sandbox"));
    }

    @AfterAll
    void quiet() {
        // Leave no provisioning run behind for the context's shutdown.
        provisioning.awaitIdle(seed.project(), Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void everyRouteOfTheAppIsInTheMatrixAndEveryEntryIsStillARoute() {
        Set<String> served = servedRoutes();
        Set<String> declared =
                RouteMatrix.ROUTES.stream().map(Route::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> api = RouteMatrix.API_ROUTES.stream()
                .map(RouteMatrix.ApiRoute::key)
                .collect(Collectors.toCollection(TreeSet::new));
        declared.addAll(api);

        SoftAssertions softly = new SoftAssertions();
        served.stream()
                .filter(route -> !declared.contains(route))
                .forEach(route -> softly.fail(
                        "The app serves %s but RouteMatrix has no entry for it: add one (see docs/security.md)",
                        route));
        declared.stream()
                .filter(route -> !served.contains(route))
                .forEach(route -> softly.fail(
                        "RouteMatrix has an entry for %s but the app no longer serves it: remove the entry", route));
        softly.assertThat(RouteMatrix.ROUTES.size() + api.size())
                .as("one entry per route")
                .isEqualTo(declared.size());
        softly.assertAll();
    }

    @Test
    @Order(2)
    void everyRouteAnswersOneMethodAndOnlyGetIsSafe() {
        SoftAssertions softly = new SoftAssertions();
        for (String route : servedRoutes()) {
            String method = route.substring(0, route.indexOf(' '));
            if (route.equals("ANY /error")) {
                continue; // the container's error dispatch keeps the failed request's method
            }
            if (route.contains(" /api/")) {
                continue; // the JSON API uses methods as REST does; ApiRouteMatrixIntegrationTests checks it
            }
            softly.assertThat(method)
                    .as("%s: a route answers GET (reads) or POST (changes), never any method", route)
                    .isIn("GET", "POST");
        }
        softly.assertAll();
    }

    @Test
    @Order(3)
    void anonymousVisitorsAreSentToSignInAndPublicPagesShowNobodysData() {
        SoftAssertions softly = new SoftAssertions();
        BrowserlessSession anonymous = new BrowserlessSession(port);
        // The first visit sets the session cookie; signing in sets a new one.
        observe(softly, anonymous.get("/signin"), signIn(), "anonymous", false);
        String csrf = anonymous.csrfToken("/signin");
        BrowserlessSession signingIn = new BrowserlessSession(port);
        HttpResponse<String> signedIn = observe(
                softly,
                signingIn.submit("/signin", "/signin", Map.of("email", strangerEmail, "password", PASSWORD)),
                signIn(),
                "B signing in",
                false);
        softly.assertThat(signedIn.headers().allValues("Set-Cookie"))
                .as("a new session at sign-in")
                .isNotEmpty();
        Map<String, String> before = state.take(StateSnapshot.Scope.EVERYTHING);

        for (Route route : RouteMatrix.ROUTES) {
            if (route.scope() == Scope.ERROR_PAGE) {
                continue;
            }
            String url = route.url().apply(seed);
            if (route.scope() == Scope.THIS_MACHINE) {
                // Open to a browser on this machine (as this crawl is) by design; through a proxy, closed.
                softly.assertThat(observe(softly, anonymous.get(url), route, "anonymous here", false)
                                .statusCode())
                        .as("anonymous on this machine %s", route)
                        .isEqualTo(200);
                HttpResponse<String> proxied = observe(
                        softly,
                        anonymous.get(url, "X-Forwarded-For", "203.0.113.7"),
                        route,
                        "anonymous through a proxy",
                        false);
                softly.assertThat(proxied.statusCode())
                        .as("anonymous through a proxy %s", route)
                        .isEqualTo(403);
                assertShowsNothingOfTheOwner(softly, proxied, "anonymous through a proxy " + route);
                continue;
            }
            HttpResponse<String> response = route.isGet()
                    ? observe(softly, anonymous.get(url), route, "anonymous", false)
                    : observe(
                            softly,
                            anonymous.post(url, withCsrf(route.form().apply(seed), csrf)),
                            route,
                            "anonymous",
                            false);
            if (route.scope() == Scope.PUBLIC) {
                softly.assertThat(response.statusCode())
                        .as("anonymous %s", route)
                        .isBetween(200, 399);
            } else {
                softly.assertThat(response.statusCode())
                        .as("anonymous %s", route)
                        .isEqualTo(302);
                softly.assertThat(response.headers().firstValue("Location").orElse(""))
                        .as("anonymous %s is sent to sign in", route)
                        .endsWith("/signin");
            }
            assertShowsNothingOfTheOwner(softly, response, "anonymous " + route);
        }
        HttpResponse<String> errorPage = observe(softly, anonymous.get("/error"), errorRoute(), "anonymous", false);
        assertShowsNothingOfTheOwner(softly, errorPage, "anonymous GET /error");
        softly.assertThat(state.take(StateSnapshot.Scope.EVERYTHING))
                .as("state after the anonymous crawl")
                .isEqualTo(before);
        softly.assertAll();
    }

    @Test
    @Order(4)
    void anotherUserGetsNotFoundForEveryObjectOfTheOwnerAndChangesNothing() {
        String csrf = stranger.csrfToken("/account");
        Map<String, String> before = state.take(StateSnapshot.Scope.EVERYTHING);

        SoftAssertions softly = new SoftAssertions();
        for (Route route : RouteMatrix.ROUTES) {
            if (route.scope() != Scope.OWNED) {
                continue;
            }
            String url = route.url().apply(seed);
            List<HttpResponse<String>> responses = new ArrayList<>();
            if (route.isGet()) {
                responses.add(stranger.get(url));
            } else {
                // The payload that would change A's object, and A's own harmless one: neither gets past the owner.
                responses.add(stranger.post(url, withCsrf(route.form().apply(seed), csrf)));
                if (route.ownerForm() != null) {
                    responses.add(stranger.post(url, withCsrf(route.ownerForm(seed), csrf)));
                }
            }
            for (HttpResponse<String> response : responses) {
                observe(softly, response, route, "B", true);
                softly.assertThat(response.statusCode())
                        .as("B on A's %s: %s", route.kind(), route)
                        .isEqualTo(404);
                assertShowsNothingOfTheOwner(softly, response, "B " + route);
            }
        }
        softly.assertThat(state.take(StateSnapshot.Scope.EVERYTHING))
                .as("state after B's requests on A's objects")
                .isEqualTo(before);
        softly.assertAll();
        assertTheOwnersObjectsAreThere();
    }

    @Test
    @Order(5)
    void anotherUsersOwnPagesAndFormsShowAndTouchNothingOfTheOwner() {
        String csrf = stranger.csrfToken("/account");
        Map<String, String> before = state.take(new StateSnapshot.Scope(strangerId, false));

        SoftAssertions softly = new SoftAssertions();
        for (Route route : RouteMatrix.ROUTES) {
            if (route.scope() != Scope.SIGNED_IN && route.scope() != Scope.PUBLIC) {
                continue;
            }
            String url = route.url().apply(seed);
            HttpResponse<String> response = route.isGet()
                    ? observe(softly, stranger.get(url), route, "B", true)
                    : observe(softly, stranger.post(url, withCsrf(route.form().apply(seed), csrf)), route, "B", true);
            softly.assertThat(response.statusCode()).as("B %s", route).isBetween(200, 499);
            assertShowsNothingOfTheOwner(softly, response, "B " + route);
        }
        softly.assertThat(state.take(new StateSnapshot.Scope(strangerId, false)))
                .as("everything but B's own rows, after B's own pages and forms")
                .isEqualTo(before);
        softly.assertAll();
    }

    @Test
    @Order(6)
    void everyFormWithoutAValidCsrfTokenIsRefusedAndChangesNothing() {
        Map<String, String> before = state.take(StateSnapshot.Scope.EVERYTHING);

        SoftAssertions softly = new SoftAssertions();
        for (Route route : Stream.concat(RouteMatrix.ROUTES.stream(), RouteMatrix.FILTER_ROUTES.stream())
                .filter(r -> !r.isGet() && r.scope() != Scope.ERROR_PAGE)
                .toList()) {
            String url = route.ownerUrl(seed);
            Map<String, String> form = route.form().apply(seed);
            HttpResponse<String> missing = observe(softly, owner.post(url, form), route, "A without CSRF", true);
            softly.assertThat(missing.statusCode())
                    .as("%s without a CSRF token", route)
                    .isEqualTo(403);
            softly.assertThat(missing.body())
                    .as("%s without a CSRF token", route)
                    .contains("Not allowed");
            HttpResponse<String> forged = observe(
                    softly, owner.post(url, withCsrf(form, "forged-" + seed.suffix())), route, "A forged CSRF", true);
            softly.assertThat(forged.statusCode())
                    .as("%s with a forged CSRF token", route)
                    .isEqualTo(403);
        }
        softly.assertThat(state.take(StateSnapshot.Scope.EVERYTHING))
                .as("state after every form without a valid CSRF token")
                .isEqualTo(before);
        softly.assertThat(owner.get("/projects").statusCode())
                .as("still signed in after a sign-out without a token")
                .isEqualTo(200);
        softly.assertAll();
    }

    @Test
    @Order(7)
    void theOwnerGetsEveryPageAndNoGetChangesAnything() {
        StateSnapshot.Scope exceptCalls = new StateSnapshot.Scope(null, true);
        Map<String, String> before = state.take(exceptCalls);

        SoftAssertions softly = new SoftAssertions();
        for (Route route : RouteMatrix.ROUTES) {
            if (!route.isGet() || route.scope() == Scope.TEST_ONLY) {
                continue;
            }
            long lastEvent = lastActivityEvent();
            HttpResponse<String> response = observe(softly, owner.get(route.ownerUrl(seed)), route, "A", true);
            softly.assertThat(response.statusCode()).as("A %s works", route).isBetween(200, 399);
            softly.assertThat(actionsAfter(lastEvent))
                    .as("actions recorded by A's %s", route)
                    .isEmpty();
        }
        softly.assertThat(state.take(exceptCalls))
                .as("state after A's GET of every page (the call log aside)")
                .isEqualTo(before);
        softly.assertAll();
    }

    @Test
    @Order(8)
    void otherMethodsAreRefusedAndServerErrorsKeepTheHeaders() {
        Set<String> getPatterns = RouteMatrix.ROUTES.stream()
                .filter(Route::isGet)
                .map(Route::pattern)
                .collect(Collectors.toSet());

        SoftAssertions softly = new SoftAssertions();
        for (Route route : RouteMatrix.ROUTES) {
            String url = route.url().apply(seed);
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            if (route.isGet() || route.scope() == Scope.ERROR_PAGE) {
                continue;
            }
            if (getPatterns.contains(route.pattern())) {
                continue; // the same address is also a page, checked as such
            }
            HttpResponse<String> response = observe(softly, owner.get(url), route, "A GET", true);
            if (getPatterns.stream()
                    .anyMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(PathContainer.parsePath(path)))) {
                // The address also matches a page (/projects/plan as /projects/{id}), which refuses it.
                softly.assertThat(response.statusCode()).as("GET on %s", route).isBetween(400, 499);
            } else {
                softly.assertThat(response.statusCode())
                        .as("GET on POST-only %s", route)
                        .isEqualTo(405);
            }
        }
        HttpResponse<String> failure = observe(softly, owner.get("/test-only/fail"), errorRoute(), "A", true);
        softly.assertThat(failure.statusCode()).isEqualTo(500);
        softly.assertThat(failure.body())
                .doesNotContain("secret-internal-detail")
                .doesNotContain("at dev.flarelink");
        softly.assertAll();
    }

    @Test
    @Order(9)
    void theOwnerCanUseEveryForm() {
        String csrf = owner.csrfToken("/account");

        SoftAssertions softly = new SoftAssertions();
        for (Route route : RouteMatrix.ROUTES) {
            if (route.isGet() || route.scope() == Scope.ERROR_PAGE) {
                continue;
            }
            HttpResponse<String> response = observe(
                    softly, owner.post(route.ownerUrl(seed), withCsrf(route.ownerForm(seed), csrf)), route, "A", true);
            softly.assertThat(response.statusCode())
                    .as("A %s works (%s)", route, snippet(response.body()))
                    .isBetween(200, 399);
        }
        softly.assertAll();
    }

    @Test
    @Order(10)
    void theCrawlsCheckedHeadersOnEveryClassOfResponse() {
        assertThat(statusesSeen).as("statuses whose headers were checked").contains(200, 302, 403, 404, 405, 500);
        assertThat(cookiesChecked).as("cookies whose flags were checked").isPositive();
    }

    @Test
    @Order(11)
    void aHalfSignedInSessionReachesNoRouteAndChangesNothing() {
        String email = Emails.unique("matrix-c");
        BrowserlessSession enrolling = new BrowserlessSession(port);
        assertThat(enrolling.signUp(email, PASSWORD).statusCode()).isEqualTo(302);
        UUID user = jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
        TotpEnrolment enrolment = twoFactor.start(user, email);
        byte[] secret = new Base32().decode(enrolment.secret());
        twoFactor.confirm(user, new TotpCodes().codeAt(secret, Instant.now()));

        BrowserlessSession half = new BrowserlessSession(port);
        HttpResponse<String> password = half.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD));
        assertThat(password.headers().firstValue("Location").orElse("")).endsWith("/signin/two-factor");
        String csrf = half.csrfToken("/signin/two-factor");
        Map<String, String> before = state.take(StateSnapshot.Scope.EVERYTHING);

        SoftAssertions softly = new SoftAssertions();
        for (Route route : RouteMatrix.ROUTES) {
            if (route.scope() == Scope.PUBLIC
                    || route.scope() == Scope.ERROR_PAGE
                    || route.scope() == Scope.THIS_MACHINE) {
                continue;
            }
            String url = route.url().apply(seed);
            HttpResponse<String> response = route.isGet()
                    ? observe(softly, half.get(url), route, "half-signed-in", false)
                    : observe(
                            softly,
                            half.post(url, withCsrf(route.form().apply(seed), csrf)),
                            route,
                            "half-signed-in",
                            false);
            softly.assertThat(response.statusCode())
                    .as("half-signed-in %s", route)
                    .isEqualTo(302);
            softly.assertThat(response.headers().firstValue("Location").orElse(""))
                    .as("half-signed-in %s is sent to sign in", route)
                    .endsWith("/signin");
            assertShowsNothingOfTheOwner(softly, response, "half-signed-in " + route);
            softly.assertThat(response.body()).as("half-signed-in %s", route).doesNotContain(email);
        }
        softly.assertThat(state.take(StateSnapshot.Scope.EVERYTHING))
                .as("state after the half-signed-in crawl")
                .isEqualTo(before);
        softly.assertThat(half.get("/signin/two-factor").statusCode())
                .as("the second step is still there to finish")
                .isEqualTo(200);
        softly.assertAll();
    }

    /** A passkey row of the owner, as Spring Security's registration stores one (the key itself is not used). */
    private String passkeyOf(String email) {
        UUID user = jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
        String entity = "mx-entity-" + UUID.randomUUID();
        String credential = "mx-passkey-" + UUID.randomUUID();
        jdbc.sql("insert into user_entities (id, name, display_name, user_id) values (:id, :e, :e, :u)")
                .param("id", entity)
                .param("e", email)
                .param("u", user)
                .update();
        jdbc.sql("insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count, "
                        + "uv_initialized, backup_eligible, backup_state, created, last_used, label, user_id) values "
                        + "(:c, :entity, :key, 0, true, false, false, now(), now(), 'Matrix key', :u)")
                .param("c", credential)
                .param("entity", entity)
                .param("key", new byte[] {1, 2, 3})
                .param("u", user)
                .update();
        return credential;
    }

    /** The handle of a signed-in session of the owner other than {@code session}. */
    private static String otherSession(BrowserlessSession session) {
        return java.util.regex.Pattern.compile("/account/sessions/([0-9a-f-]{36})/end")
                .matcher(session.get("/account/sessions").body())
                .results()
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the owner has no other session"));
    }

    private long lastActivityEvent() {
        return jdbc.sql("select coalesce(max(id), 0) from activity_event")
                .query(Long.class)
                .single();
    }

    /** Dashboard actions logged after event {@code id}, leaving out the reads the log records on purpose. */
    private List<String> actionsAfter(long id) {
        return jdbc.sql("select action from activity_event where id > :id and kind = 'action' " + "and action not in ("
                        + StateSnapshot.READ_AUDITS + ") order by id")
                .param("id", id)
                .query(String.class)
                .list();
    }

    /** Every route key the app's handler mappings serve, {@code METHOD pattern}. */
    private Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        handlerMappings.getHandlerMethods().forEach((info, method) -> {
            Set<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("ANY " + pattern);
                }
                methods.forEach(m -> routes.add(m + " " + pattern));
            }
        });
        return routes;
    }

    /** Checks the headers (and cookie flags) of one response, and notes its status. */
    private HttpResponse<String> observe(
            SoftAssertions softly, HttpResponse<String> response, Route route, String who, boolean signedIn) {
        String what = who + " " + route + " → " + response.statusCode();
        statusesSeen.add(response.statusCode());
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        boolean previewRoute = route.pattern().contains("/auth/preview/");
        boolean emailPreview = previewRoute && response.statusCode() == 200;
        if (emailPreview) {
            // The one framed page: an email preview, framed only by the dashboard, where nothing may load or run.
            softly.assertThat(csp)
                    .as("CSP of the email preview %s", what)
                    .startsWith("default-src 'none';")
                    .contains("frame-ancestors 'self'")
                    .contains("sandbox")
                    .doesNotContain("script-src");
        }
        softly.assertThat(
                        emailPreview
                                ? "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                                        + "frame-ancestors 'none'"
                                : csp)
                .as("CSP of %s", what)
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("object-src 'none'")
                .contains("base-uri 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        softly.assertThat(response.headers().firstValue("X-Content-Type-Options"))
                .as("nosniff on %s", what)
                .hasValue("nosniff");
        softly.assertThat(response.headers().firstValue("Referrer-Policy"))
                .as("Referrer-Policy on %s", what)
                .hasValue("strict-origin-when-cross-origin");
        softly.assertThat(response.headers().allValues("X-Frame-Options"))
                .as("X-Frame-Options on %s", what)
                .containsExactly(previewRoute ? "SAMEORIGIN" : "DENY");
        softly.assertThat(response.headers().firstValue("Permissions-Policy").orElse(""))
                .as("Permissions-Policy on %s", what)
                .contains("camera=()")
                .contains("microphone=()")
                .contains("geolocation=()");
        if (signedIn) {
            softly.assertThat(response.headers().firstValue("Cache-Control").orElse(""))
                    .as("Cache-Control of signed-in %s", what)
                    .contains("no-store");
        }
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            cookiesChecked++;
            softly.assertThat(cookie)
                    .as("cookie set by %s", what)
                    .contains("HttpOnly")
                    .contains("SameSite=Lax");
        }
        return response;
    }

    private void assertShowsNothingOfTheOwner(SoftAssertions softly, HttpResponse<String> response, String what) {
        String headers = response.headers().map().toString();
        List<String> shown = seed.identifying().stream()
                .filter(secret -> response.body().contains(secret) || headers.contains(secret))
                .toList();
        softly.assertThat(shown).as("A's data in the response to %s", what).isEmpty();
    }

    /** What B's crawl must not have touched: A can still open the project, the table, the bucket and its object. */
    private void assertTheOwnersObjectsAreThere() {
        assertThat(owner.get("/projects/" + seed.project()).body()).contains(seed.projectName());
        assertThat(owner.get(seed.databaseBase() + "/table?name=" + seed.table())
                        .body())
                .contains(seed.rowValue());
        assertThat(owner.get(seed.bucketBase() + "/objects").body()).contains(seed.objectKey());
        assertThat(owner.get(seed.databaseBase() + "/console").body()).contains(seed.snippetName());
        assertThat(owner.get("/connections/" + seed.spareConnection()).statusCode())
                .isEqualTo(200);
    }

    private static Route signIn() {
        return RouteMatrix.FILTER_ROUTES.get(0);
    }

    private static Route errorRoute() {
        return RouteMatrix.ROUTES.stream()
                .filter(r -> r.scope() == Scope.ERROR_PAGE)
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> withCsrf(Map<String, String> form, String token) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("_csrf", token);
        return all;
    }

    private static String snippet(@Nullable String body) {
        if (body == null) {
            return "";
        }
        int problem = body.indexOf("class=\"problem");
        String from = problem >= 0 ? body.substring(problem) : body;
        return from.substring(0, Math.min(200, from.length())).replaceAll("\\s+", " ");
    }
}
