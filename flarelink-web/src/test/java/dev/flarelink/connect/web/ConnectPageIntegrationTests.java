package dev.flarelink.connect.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.connect.Permission;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/** The Connect page outside sandbox mode: the permission table and token link, and no demo tokens at all. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConnectPageIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void showsTheFivePermissionsTheTokenLinkAndAPasswordFieldButNoDemoTokens() {
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(Emails.unique("page"), "horse battery staple of granite");

        String page = session.get("/connect").body();

        for (Permission permission : Permission.values()) {
            assertThat(page)
                    .contains(permission.label())
                    .contains(HtmlUtils.htmlEscape(permission.whatFlarelinkDoes()));
        }
        assertThat(page)
                .contains("href=\"" + HtmlUtils.htmlEscape(Permission.tokenTemplateUrl()) + "\"")
                .contains("target=\"_blank\"")
                .contains("rel=\"noopener noreferrer\"")
                .contains("type=\"password\" autocomplete=\"off\"")
                .doesNotContain("Sandbox demo tokens")
                .doesNotContain("demo-full");
    }

    @Test
    void theEmptyProjectsPageLinksToConnectUntilThereIsAConnection() {
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(Emails.unique("empty"), "horse battery staple of granite");

        assertThat(session.get("/projects").body())
                .contains("id=\"connect-first\"")
                .contains("href=\"/connect\"");
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() {
        assertThat(new BrowserlessSession(port).get("/connect").statusCode()).isEqualTo(302);
    }
}
