package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.MovableClock;
import dev.flarelink.support.OtherOriginProxy;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WrapsDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Passkeys end to end in a real headless Chromium with its virtual authenticator (the DevTools WebAuthn domain):
 * Spring Security and webauthn4j check real attestations and assertions made by the browser for this origin.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PasskeyBrowserTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

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
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    WebDriver browser;
    VirtualAuthenticator authenticator;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        authenticator = virtualAuthenticators()
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void registersAPasskeySignsInWithItAndRemovesIt() {
        String email = Emails.unique("passkey");
        signUp(email);

        browser.get(url("/account"));
        browser.findElement(By.linkText("Passkeys")).click();
        waitFor(ExpectedConditions.urlContains("/account/passkeys"));
        assertThat(browser.getPageSource()).contains("No passkeys yet.");
        browser.findElement(By.id("passkey-label")).sendKeys("Test laptop");
        browser.findElement(By.xpath("//button[text()='Add a passkey']")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), "Test laptop"));
        assertThat(authenticator.getCredentials()).hasSize(1);

        browser.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitFor(ExpectedConditions.urlContains("/signin"));
        browser.findElement(By.xpath("//button[text()='Sign in with a passkey']"))
                .click();
        waitFor(ExpectedConditions.urlMatches("/projects$"));
        assertThat(browser.findElement(By.cssSelector(".account-link")).getText())
                .isEqualTo(email);
        UUID user = idOf(email);
        assertThat(actions(user)).contains("account.passkey_added", "account.signed_in");
        assertThat(jdbc.sql("select detail from activity_event where user_id = :u and action = 'account.signed_in' "
                                + "order by id desc limit 1")
                        .param("u", user)
                        .query(String.class)
                        .single())
                .contains("with a passkey");

        assertThat(jdbc.sql("select last_used > created from user_credentials where user_id = :u")
                        .param("u", user)
                        .query(Boolean.class)
                        .single())
                .as("the sign-in is the passkey's last use")
                .isTrue();
        browser.get(url("/account/passkeys"));
        String credentialId = jdbc.sql("select credential_id from user_credentials where user_id = :u")
                .param("u", user)
                .query(String.class)
                .single();

        BrowserlessSession stranger = new BrowserlessSession(port);
        stranger.signUp(Emails.unique("stranger"), PASSWORD);
        assertThat(stranger.submit("/account", "/account/passkeys/" + credentialId + "/delete", Map.of())
                        .statusCode())
                .as("another user's passkey")
                .isEqualTo(404);
        assertThat(passkeysOf(user)).isEqualTo(1);

        browser.findElement(By.cssSelector("button[aria-label='Remove passkey Test laptop']"))
                .click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "removed"));
        assertThat(passkeysOf(user)).isZero();
        assertThat(actions(user)).contains("account.passkey_removed");

        browser.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitFor(ExpectedConditions.urlContains("/signin"));
        browser.findElement(By.xpath("//button[text()='Sign in with a passkey']"))
                .click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(browser.findElement(By.id("passkey-error")).getText()).contains("not accepted");
        assertThat(browser.getCurrentUrl()).contains("/signin");
    }

    @Test
    void aPasskeyCeremonyFromAnotherOriginIsRefusedByTheServer() {
        String email = Emails.unique("origin");
        signUp(email);
        browser.get(url("/account/passkeys"));
        browser.findElement(By.id("passkey-label")).sendKeys("Origin key");
        browser.findElement(By.xpath("//button[text()='Add a passkey']")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), "Origin key"));
        browser.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitFor(ExpectedConditions.urlContains("/signin"));
        int signaturesBefore = authenticator.getCredentials().get(0).getSignCount();

        // The same host on another port: the browser offers the passkey (same relying party id), and signs the
        // origin it is on, which the server does not allow.
        try (OtherOriginProxy other = new OtherOriginProxy(port)) {
            browser.get("http://localhost:" + other.port() + "/signin");
            browser.findElement(By.xpath("//button[text()='Sign in with a passkey']"))
                    .click();
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
            assertThat(browser.findElement(By.id("passkey-error")).getText()).contains("not accepted");
            assertThat(authenticator.getCredentials().get(0).getSignCount())
                    .as("the authenticator did sign: the server refused it")
                    .isGreaterThan(signaturesBefore);
        }
        browser.get(url("/projects"));
        assertThat(browser.getCurrentUrl()).as("not signed in").contains("/signin");
        assertThat(jdbc.sql("select count(*) from activity_event where user_id = :u and action = 'account.signed_in'"
                                + " and detail like 'with a passkey%'")
                        .param("u", idOf(email))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anotherUsersPasskeyPresentedAtSignInIsRefusedAndSignsNobodyIn() {
        String emailA = Emails.unique("owner-a");
        String emailB = Emails.unique("owner-b");
        signUp(emailA);
        addPasskey("A's key");
        signOut();
        signUp(emailB);
        addPasskey("B's key");
        signOut();
        UUID userA = idOf(emailA);
        UUID userB = idOf(emailB);
        Credential keyA = credentialOf(userA);
        Credential keyB = credentialOf(userB);
        Timestamp lastUsedA = lastUsedOf(userA);
        long signInsBefore = passkeySignIns(userA) + passkeySignIns(userB);

        // A's key and credential id, but the authenticator names B as its user: a real assertion, signed by A's key
        // (the signature does not cover the user handle), claiming B.
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(
                keyA.getId(), "localhost", keyA.getPrivateKey(), keyB.getUserHandle(), keyA.getSignCount()));
        assertPasskeySignInRefused();

        // B's credential id and user, signed with A's key: B's public key does not verify it.
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(
                keyB.getId(), "localhost", keyA.getPrivateKey(), keyB.getUserHandle(), keyB.getSignCount()));
        assertPasskeySignInRefused();

        assertThat(passkeySignIns(userA) + passkeySignIns(userB))
                .as("passkey sign-ins of A and B after the refusals")
                .isEqualTo(signInsBefore);
        assertThat(lastUsedOf(userA))
                .as("a refused assertion is no use of A's passkey")
                .isEqualTo(lastUsedA);

        // Control: A's own credential, as registered, still signs A in, so the refusals above were the server's.
        authenticator.removeAllCredentials();
        authenticator.addCredential(keyA);
        browser.get(url("/signin"));
        browser.findElement(By.xpath("//button[text()='Sign in with a passkey']"))
                .click();
        waitFor(ExpectedConditions.urlMatches("/projects$"));
        assertThat(browser.findElement(By.cssSelector(".account-link")).getText())
                .isEqualTo(emailA);
    }

    private void assertPasskeySignInRefused() {
        browser.get(url("/signin"));
        browser.findElement(By.xpath("//button[text()='Sign in with a passkey']"))
                .click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(browser.findElement(By.id("passkey-error")).getText()).contains("not accepted");
        browser.get(url("/projects"));
        assertThat(browser.getCurrentUrl()).as("nobody is signed in").contains("/signin");
    }

    private void addPasskey(String label) {
        browser.get(url("/account/passkeys"));
        browser.findElement(By.id("passkey-label")).sendKeys(label);
        browser.findElement(By.xpath("//button[text()='Add a passkey']")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), label));
    }

    private void signOut() {
        browser.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitFor(ExpectedConditions.urlContains("/signin"));
    }

    /** The authenticator's credential registered to {@code user}, found by its id in the user's passkey row. */
    private Credential credentialOf(UUID user) {
        String id = jdbc.sql("select credential_id from user_credentials where user_id = :u")
                .param("u", user)
                .query(String.class)
                .single();
        return authenticator.getCredentials().stream()
                .filter(c -> Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(c.getId())
                        .equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the authenticator holds no credential " + id));
    }

    private Timestamp lastUsedOf(UUID user) {
        return jdbc.sql("select last_used from user_credentials where user_id = :u")
                .param("u", user)
                .query(Timestamp.class)
                .single();
    }

    private long passkeySignIns(UUID user) {
        return jdbc.sql("select count(*) from activity_event where user_id = :u and action = 'account.signed_in'"
                        + " and detail like 'with a passkey%'")
                .param("u", user)
                .query(Long.class)
                .single();
    }

    @Test
    void addingAPasskeyNeedsARecentSignIn() {
        String email = Emails.unique("stale");
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(email, PASSWORD);
        clock.advance(Duration.ofMinutes(11));
        String csrf = session.csrfToken("/account/passkeys");
        HttpResponse<String> refused = session.postJson("/webauthn/register/options", csrf);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("/account/confirm?next=/account/passkeys");

        session.submit("/account/confirm", "/account/confirm", Map.of("password", PASSWORD, "next", "/account"));
        HttpResponse<String> options = session.postJson("/webauthn/register/options", csrf);
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.body()).contains("\"challenge\"").contains("\"rp\"");
    }

    private void signUp(String email) {
        browser.get(url("/signup"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        // Sign-up answers alike for new and taken addresses, so it signs nobody in: sign in next, as a person does.
        waitFor(ExpectedConditions.urlContains("/signin"));
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        waitFor(ExpectedConditions.urlContains("/projects"));
    }

    private HasVirtualAuthenticator virtualAuthenticators() {
        if (browser instanceof HasVirtualAuthenticator direct) {
            return direct;
        }
        return (HasVirtualAuthenticator) ((WrapsDriver) browser).getWrappedDriver();
    }

    private UUID idOf(String email) {
        return jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
    }

    private int passkeysOf(UUID user) {
        return jdbc.sql("select count(*) from user_credentials where user_id = :u")
                .param("u", user)
                .query(Integer.class)
                .single();
    }

    private List<String> actions(UUID user) {
        return jdbc.sql("select action from activity_event where user_id = :u")
                .param("u", user)
                .query(String.class)
                .list();
    }

    private void waitFor(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
