package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default mode (not sandbox) without SMTP: no mail reaches anyone, so no reset or confirmation is offered, and
 * sandbox mode's dashboard mail does not exist.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WithoutMailIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void noResetIsOfferedAndTheFormSaysWhoCanHelp() {
        BrowserlessSession visitor = new BrowserlessSession(port);
        assertThat(visitor.get("/signin").body())
                .contains("Sign in with a passkey")
                .doesNotContain("Forgot your password?");
        assertThat(visitor.get("/forgot-password").body()).contains("does not send e-mail");
        // No form to take the CSRF token from without SMTP: the sign-in page's will do.
        HttpResponse<String> asked =
                visitor.submit("/signin", "/forgot-password", Map.of("email", Emails.unique("nomail")));
        assertThat(asked.body())
                .contains("does not send e-mail")
                .doesNotContain("on its way")
                .doesNotContain("dashboard mail");
    }

    @Test
    void anAccountIsNotAskedToConfirmItsAddress() {
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(Emails.unique("nomail-account"), PASSWORD);
        assertThat(session.get("/account").body())
                .doesNotContain("not confirmed yet")
                .doesNotContain("Send the link again");
    }

    @Test
    void thereIsNoDashboardMail() {
        assertThat(new BrowserlessSession(port).get("/outbox/dashboard").statusCode())
                .as("anonymous")
                .isEqualTo(404);
        BrowserlessSession signedIn = new BrowserlessSession(port);
        signedIn.signUp(Emails.unique("nomail-outbox"), PASSWORD);
        assertThat(signedIn.get("/outbox/dashboard").statusCode())
                .as("signed in")
                .isEqualTo(404);
        assertThat(signedIn.get("/outbox").statusCode()).as("nor the Outbox").isEqualTo(404);
    }
}
