package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import testsupport.FailingController;

/**
 * The security headers on public, signed-in and error pages, and what error pages do not show. Runs against real
 * Tomcat so error pages go through the container's error dispatch, as in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(FailingController.class)
class SecurityHeadersIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    BrowserlessSession anonymous;
    BrowserlessSession signedIn;

    @BeforeEach
    void sessions() {
        anonymous = new BrowserlessSession(port);
        signedIn = new BrowserlessSession(port);
        assertThat(signedIn.signUp(Emails.unique("headers"), "a sturdy passphrase of words")
                        .statusCode())
                .isEqualTo(302);
    }

    @Autowired
    WebApplicationContext context;

    /** HSTS is sent on HTTPS only (over plain HTTP browsers ignore it): a year, subdomains included. */
    @Test
    void httpsAnswersCarryStrictTransportSecurity() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        String hsts = mvc.perform(MockMvcRequestBuilders.get("/").secure(true))
                .andReturn()
                .getResponse()
                .getHeader("Strict-Transport-Security");
        assertThat(hsts).isNotNull().contains("includeSubDomains");
        long maxAge = Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1"));
        assertThat(maxAge).isGreaterThanOrEqualTo(31_536_000L);
        assertThat(anonymous.get("/").headers().firstValue("Strict-Transport-Security"))
                .as("not over plain HTTP")
                .isEmpty();
    }

    @Test
    void publicPageCarriesTheSecurityHeaders() {
        HttpResponse<String> response = anonymous.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response);
    }

    @Test
    void signedInPageCarriesTheSecurityHeadersAndIsNeverStored() {
        HttpResponse<String> response = signedIn.get("/projects");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Sign out");
        assertSecurityHeaders(response);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void notFoundPageIsInTheLayoutWithTheHeaders() {
        HttpResponse<String> response = signedIn.get("/no-such-page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Page not found").contains("class=\"topbar\"");
        assertSecurityHeaders(response);
    }

    @Test
    void serverErrorPageShowsNoStackTraceOrExceptionDetail() {
        HttpResponse<String> response = signedIn.get("/test-only/fail");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .contains("Something went wrong on our side")
                .doesNotContain("secret-internal-detail")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.flarelink");
        assertSecurityHeaders(response);
    }

    @Test
    void aPageThatFailsHalfwayThroughRenderingSendsOnlyTheErrorPage() {
        // EncodedPageView holds the page until it is whole: the half written before the failure is dropped.
        HttpResponse<String> response = signedIn.get("/test-only/fail-while-rendering");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .contains("Something went wrong on our side")
                .doesNotContain("written before the failure")
                .doesNotContain("secret-internal-detail")
                .startsWith("<!DOCTYPE html>")
                .containsOnlyOnce("<html")
                .endsWith("</html>\n");
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
        assertSecurityHeaders(response);
    }

    @Test
    void forbiddenPageForAFormWithoutCsrfTokenCarriesTheHeaders() {
        HttpResponse<String> response = signedIn.post("/account/password", java.util.Map.of("newPassword", "x"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Not allowed");
        assertSecurityHeaders(response);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        HttpResponse<String> response = new BrowserlessSession(port).get("/signin");

        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("SESSION=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    @Test
    void signedInAreasSendAnonymousVisitorsToSignIn() {
        for (String path : List.of("/projects", "/database", "/files", "/activity", "/account")) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(v -> assertThat(v).endsWith("/signin"));
        }
    }

    @Test
    void healthIsPublicAndNoOtherActuatorEndpointIsExposed() {
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(signedIn.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(signedIn.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void everyFormFieldHasAVisibleLabel() {
        for (String path : List.of("/signin", "/signup")) {
            assertEveryInputLabelled(anonymous.get(path).body(), path);
        }
        assertEveryInputLabelled(signedIn.get("/account").body(), "/account");
    }

    private static void assertEveryInputLabelled(String html, String path) {
        Matcher ids = Pattern.compile("<input(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"")
                .matcher(html);
        int inputs = 0;
        while (ids.find()) {
            inputs++;
            assertThat(html)
                    .as("label for #%s on %s", ids.group(1), path)
                    .contains("<label for=\"" + ids.group(1) + "\"");
        }
        assertThat(inputs).as("inputs on %s", path).isGreaterThanOrEqualTo(2);
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
                .contains("object-src 'none'")
                .contains("base-uri 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
}
