package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.TotpCodes;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.web.ProjectFixture;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.MovableClock;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two-factor sign-in, the Sessions page and recent sign-in for sensitive actions, through the real app (Tomcat,
 * Spring Session in PostgreSQL, the sandbox behind) with a clock the test can move.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class AccountSecurityIntegrationTests {

    static final String PASSWORD = "a sturdy passphrase of words";
    private static final Pattern SECRET = Pattern.compile("<code class=\"secret\">([A-Z2-7 ]+)</code>");
    private static final Pattern RECOVERY = Pattern.compile("<li>([A-Z2-7]{5}-[A-Z2-7]{5})</li>");
    private static final Pattern END_FORM = Pattern.compile("/account/sessions/([0-9a-f-]{36})/end");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient client;

    @Autowired
    ConnectionService connections;

    @Autowired
    ProvisioningService provisioning;

    private final TotpCodes codes = new TotpCodes();

    /** A signed-up user who turned two-factor on through the pages. */
    record Enrolled(String email, UUID id, byte[] secret, List<String> recoveryCodes, BrowserlessSession session) {}

    @Test
    void enrolmentShowsAQrCodeAndTurnsOnWithARightCodeOnlyAndKeepsNoSecretInTheClear() {
        String email = Emails.unique("totp");
        BrowserlessSession session = new BrowserlessSession(port);
        assertThat(session.signUp(email, PASSWORD).statusCode()).isEqualTo(302);
        assertThat(session.get("/account/two-factor").body()).contains("Set up two-factor");

        session.submit("/account/two-factor", "/account/two-factor/start", Map.of());
        String page = session.get("/account/two-factor").body();
        assertThat(page)
                .contains("<img src=\"data:image/svg+xml;base64,")
                .contains("QR code for your authenticator app");
        byte[] secret = secretOn(page);

        HttpResponse<String> wrong =
                session.submit("/account/two-factor", "/account/two-factor/confirm", Map.of("code", wrongCode(secret)));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("That code is not right");
        assertThat(twoFactorOn(email)).isFalse();

        HttpResponse<String> right =
                session.submit("/account/two-factor", "/account/two-factor/confirm", Map.of("code", codeNow(secret)));
        assertThat(right.statusCode()).isEqualTo(200);
        List<String> recovery = recoveryCodesOn(right.body());
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(twoFactorOn(email)).isTrue();
        assertThat(session.get("/account/two-factor").body())
                .contains("Two-factor sign-in is on")
                .contains("Recovery codes left: 10 of 10.")
                .doesNotContain(recovery.get(0));

        String stored = jdbc.sql("select t.secret_encrypted || ' ' || string_agg(r.code_hash, ' ') from totp_factor t "
                        + "join user_account u on u.id = t.user_id join recovery_code r on r.user_id = u.id "
                        + "where u.email = :e group by t.secret_encrypted")
                .param("e", email)
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(new Base32().encodeToString(secret).replace("=", ""));
        recovery.forEach(code -> assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", "")));
    }

    @Test
    void passwordSignInAsksForTheCodeAndTheHalfSignedInSessionReachesNothing() {
        Enrolled user = enrolled();
        BrowserlessSession session = new BrowserlessSession(port);
        HttpResponse<String> password = signIn(session, user.email());
        assertThat(password.headers().firstValue("Location").orElse("")).endsWith("/signin/two-factor");
        assertThat(session.get("/signin/two-factor").body()).contains("Enter your code");

        for (String page : List.of("/projects", "/account", "/account/sessions", "/connect", "/activity")) {
            HttpResponse<String> response = session.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse(""))
                    .as(page)
                    .endsWith("/signin");
        }

        int failuresBefore = failures(user.email());
        HttpResponse<String> wrong =
                session.submit("/signin/two-factor", "/signin/two-factor", Map.of("code", wrongCode(user.secret())));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("That code is not right");
        assertThat(failures(user.email()))
                .as("a wrong code counts toward the throttle")
                .isEqualTo(failuresBefore + 1);
        assertThat(session.get("/projects").statusCode()).isEqualTo(302);

        clock.advance(Duration.ofSeconds(30)); // the enrolment used this step's code
        HttpResponse<String> right =
                session.submit("/signin/two-factor", "/signin/two-factor", Map.of("code", codeNow(user.secret())));
        assertThat(right.headers().firstValue("Location").orElse("")).endsWith("/projects");
        assertThat(session.get("/projects").statusCode()).isEqualTo(200);
        assertThat(actions(user.id())).contains("account.signed_in", "account.signin_failed");
    }

    @Test
    void aCodeWorksOnceAndSoDoesEachRecoveryCode() {
        Enrolled user = enrolled();
        clock.advance(Duration.ofSeconds(30));
        String code = codeNow(user.secret());
        assertThat(secondStep(user.email(), code)).isEqualTo("/projects");
        assertThat(secondStep(user.email(), code)).as("the same code again").isEqualTo("/signin/two-factor");

        String recovery = user.recoveryCodes().get(3);
        assertThat(secondStep(user.email(), recovery.toLowerCase())).isEqualTo("/projects");
        assertThat(secondStep(user.email(), recovery))
                .as("the same recovery code again")
                .isEqualTo("/signin/two-factor");
        assertThat(user.session().get("/account/two-factor").body()).contains("Recovery codes left: 9 of 10.");
    }

    @Test
    void tooManyWrongCodesThrottleTheSecondStep() {
        Enrolled user = enrolled();
        BrowserlessSession session = new BrowserlessSession(port);
        signIn(session, user.email());
        String last = "";
        for (int i = 0; i < 12 && !last.contains("throttled"); i++) {
            HttpResponse<String> response =
                    session.submit("/signin/two-factor", "/signin/two-factor", Map.of("code", "000000"));
            last = response.headers().firstValue("Location").orElse("");
        }
        assertThat(last).endsWith("/signin?throttled");
        assertThat(session.get("/signin/two-factor")
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .as("the half-signed-in state is gone")
                .endsWith("/signin");
    }

    @Test
    void turningTwoFactorOffNeedsARecentSignInAndAFreshCode() {
        Enrolled user = enrolled();
        BrowserlessSession session = user.session();
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> stale = session.submit(
                "/account/two-factor",
                "/account/two-factor/disable",
                Map.of("code", user.recoveryCodes().get(0)));
        assertThat(stale.headers().firstValue("Location").orElse(""))
                .endsWith("/account/confirm?next=%2Faccount%2Ftwo-factor");
        assertThat(twoFactorOn(user.email())).isTrue();

        HttpResponse<String> wrongPassword = session.submit(
                "/account/confirm",
                "/account/confirm",
                Map.of("password", "not the password at all", "next", "/account/two-factor"));
        assertThat(wrongPassword.body()).contains("The password is not right.");
        HttpResponse<String> confirmed = session.submit(
                "/account/confirm", "/account/confirm", Map.of("password", PASSWORD, "next", "//evil.example/x"));
        assertThat(confirmed.headers().firstValue("Location").orElse(""))
                .as("never sent to another host")
                .endsWith("/account");

        HttpResponse<String> wrongCode =
                session.submit("/account/two-factor", "/account/two-factor/disable", Map.of("code", "123456"));
        assertThat(wrongCode.body()).contains("That code is not right");
        assertThat(twoFactorOn(user.email())).isTrue();

        HttpResponse<String> off = session.submit(
                "/account/two-factor",
                "/account/two-factor/disable",
                Map.of("code", user.recoveryCodes().get(0)));
        assertThat(off.headers().firstValue("Location").orElse("")).endsWith("/account/two-factor");
        assertThat(twoFactorOn(user.email())).isFalse();
        assertThat(jdbc.sql("select count(*) from recovery_code where user_id = :u")
                        .param("u", user.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(signIn(new BrowserlessSession(port), user.email())
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .as("password alone signs in again")
                .endsWith("/projects");
        assertThat(actions(user.id())).contains("account.two_factor_on", "account.two_factor_off");
    }

    @Test
    void replacingTheTokenAndDeletingAProjectNeedARecentSignInAndAnotherUserStillGetsNotFound() {
        String email = Emails.unique("recent");
        BrowserlessSession owner = new BrowserlessSession(port);
        owner.signUp(email, PASSWORD);
        UUID userId = idOf(email);
        ProjectFixture fixture = ProjectFixture.create(
                sandbox,
                client,
                connections,
                provisioning,
                userId,
                "https://app.example.com",
                "recent-" + UUID.randomUUID().toString().substring(0, 8));
        UUID connection = fixture.connection();
        UUID project = fixture.project().id();
        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("stranger"), PASSWORD);
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> token = owner.submit(
                "/connections/" + connection, "/connections/" + connection + "/token", Map.of("token", "x".repeat(40)));
        assertThat(token.headers().firstValue("Location").orElse(""))
                .endsWith("/account/confirm?next=%2Fconnections%2F" + connection);
        HttpResponse<String> delete = owner.submit(
                "/projects/" + project,
                "/projects/" + project + "/delete",
                Map.of("confirmName", fixture.project().name()));
        assertThat(delete.headers().firstValue("Location").orElse(""))
                .endsWith("/account/confirm?next=%2Fprojects%2F" + project);
        assertThat(provisioning.get(userId, project).status()).isEqualTo("active");

        assertThat(stranger.submit("/account", "/connections/" + connection + "/token", Map.of("token", "x"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.submit("/account", "/projects/" + project + "/delete", Map.of("confirmName", "x"))
                        .statusCode())
                .isEqualTo(404);

        owner.submit("/account/confirm", "/account/confirm", Map.of("password", PASSWORD, "next", "/projects"));
        HttpResponse<String> refused = owner.submit(
                "/connections/" + connection, "/connections/" + connection + "/token", Map.of("token", "x".repeat(40)));
        assertThat(refused.statusCode())
                .as("past the recent check, the token itself is judged")
                .isEqualTo(200);
    }

    @Test
    void theSessionsPageListsEverySessionAndEndsAnotherWhoseNextRequestIsSignedOut() {
        String email = Emails.unique("sessions");
        BrowserlessSession first = new BrowserlessSession(port);
        first.signUp(email, PASSWORD);
        BrowserlessSession second = new BrowserlessSession(port);
        signIn(second, email);
        assertThat(second.get("/projects").statusCode()).isEqualTo(200);

        String page = first.get("/account/sessions").body();
        assertThat(page).contains("This session").contains("Java-http-client");
        List<String> handles = handlesOn(page);
        assertThat(handles).as("one end button: the other session").hasSize(1);

        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("other"), PASSWORD);
        HttpResponse<String> foreign =
                stranger.submit("/account/sessions", "/account/sessions/" + handles.get(0) + "/end", Map.of());
        assertThat(foreign.statusCode()).as("another user's session").isEqualTo(404);
        assertThat(second.get("/projects").statusCode()).isEqualTo(200);

        HttpResponse<String> ended =
                first.submit("/account/sessions", "/account/sessions/" + handles.get(0) + "/end", Map.of());
        assertThat(ended.headers().firstValue("Location").orElse("")).endsWith("/account/sessions");
        HttpResponse<String> next = second.get("/projects");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/signin");
        assertThat(first.get("/projects").statusCode()).isEqualTo(200);

        BrowserlessSession third = new BrowserlessSession(port);
        signIn(third, email);
        first.submit("/account/sessions", "/account/sessions/end-others", Map.of());
        assertThat(third.get("/projects").statusCode()).isEqualTo(302);
        assertThat(first.get("/projects").statusCode()).isEqualTo(200);
        assertThat(actions(idOf(email))).contains("account.session_ended");
    }

    @Test
    void signInsAndFailuresAreSecurityEventsWithAddressAndBrowserAndNoSecret() {
        String email = Emails.unique("events");
        new BrowserlessSession(port).signUp(email, PASSWORD);
        BrowserlessSession session = new BrowserlessSession(port);
        assertThat(session.submit("/signin", "/signin", Map.of("email", email, "password", "not the password at all"))
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .endsWith("/signin?error");
        signIn(session, email);

        UUID user = idOf(email);
        // The failure is written after the answer (so that its timing tells nothing): wait for it.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> actions(user).contains("account.signin_failed"));
        List<String> events = jdbc.sql("select action || ' ' || outcome || ' ' || detail from activity_event "
                        + "where user_id = :u and action like 'account.%' order by id")
                .param("u", user)
                .query(String.class)
                .list();
        assertThat(events)
                .anySatisfy(event -> assertThat(event)
                        .startsWith("account.signin_failed failed wrong password · from ")
                        .contains("Java-http-client"))
                .anySatisfy(event -> assertThat(event)
                        .startsWith("account.signed_in ok with password · from ")
                        .contains("Java-http-client"))
                .noneSatisfy(event -> assertThat(event).contains(PASSWORD))
                .noneSatisfy(event -> assertThat(event).contains("not the password at all"));
    }

    private Enrolled enrolled() {
        String email = Emails.unique("twofactor");
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(email, PASSWORD);
        session.submit("/account/two-factor", "/account/two-factor/start", Map.of());
        byte[] secret = secretOn(session.get("/account/two-factor").body());
        HttpResponse<String> confirmed =
                session.submit("/account/two-factor", "/account/two-factor/confirm", Map.of("code", codeNow(secret)));
        return new Enrolled(email, idOf(email), secret, recoveryCodesOn(confirmed.body()), session);
    }

    /** Signs in with the password then {@code code} on a fresh session; where the second step sent it. */
    private String secondStep(String email, String code) {
        BrowserlessSession session = new BrowserlessSession(port);
        signIn(session, email);
        HttpResponse<String> response =
                session.submit("/signin/two-factor", "/signin/two-factor", Map.of("code", code));
        return response.statusCode() == 200
                ? "/signin/two-factor"
                : response.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "");
    }

    private HttpResponse<String> signIn(BrowserlessSession session, String email) {
        return session.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD));
    }

    private String codeNow(byte[] secret) {
        return codes.codeAt(secret, clock.instant());
    }

    /** A code that is none of the accepted steps' codes. */
    private String wrongCode(byte[] secret) {
        List<String> accepted = new ArrayList<>();
        for (int step = -1; step <= 1; step++) {
            accepted.add(codes.codeAt(secret, clock.instant().plusSeconds(30L * step)));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!accepted.contains(code)) {
                return code;
            }
        }
    }

    private static byte[] secretOn(String page) {
        Matcher matcher = SECRET.matcher(page);
        assertThat(matcher.find()).as("the key to type is on the page").isTrue();
        return new Base32().decode(matcher.group(1).replace(" ", ""));
    }

    private static List<String> recoveryCodesOn(String page) {
        return RECOVERY.matcher(page).results().map(m -> m.group(1)).toList();
    }

    private static List<String> handlesOn(String page) {
        return END_FORM.matcher(page).results().map(m -> m.group(1)).distinct().toList();
    }

    private boolean twoFactorOn(String email) {
        return jdbc.sql("select count(*) from totp_factor t join user_account u on u.id = t.user_id "
                                + "where u.email = :e and t.confirmed_at is not null")
                        .param("e", email)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private int failures(String email) {
        return jdbc.sql("select count(*) from sign_in_failure where email = :e")
                .param("e", email)
                .query(Integer.class)
                .single();
    }

    private UUID idOf(String email) {
        return jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
    }

    private List<String> actions(UUID user) {
        return jdbc.sql("select action from activity_event where user_id = :u")
                .param("u", user)
                .query(String.class)
                .list();
    }
}
