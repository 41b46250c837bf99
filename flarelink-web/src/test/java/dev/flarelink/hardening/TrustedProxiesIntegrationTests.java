package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Forwarded headers are believed only from configured proxies ({@code FLARELINK_TRUSTED_PROXIES}), so a client cannot
 * reset the sign-in throttle by sending a new {@code X-Forwarded-For} per try. Runs the real Tomcat with forwarded
 * headers switched on, as the {@code production} profile does, and reads the address the throttle recorded.
 */
class TrustedProxiesIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Nested
    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.forward-headers-strategy=native")
    class ByDefault {

        @LocalServerPort
        int port;

        @Autowired
        JdbcClient jdbc;

        @Test
        void noProxyIsTrustedNotEvenOnLoopbackOrAPrivateRange() {
            String email = Emails.unique("xff-default");
            failSignIn(port, email, "203.0.113.5");
            failSignIn(port, email, "10.1.2.3");

            assertThat(recordedAddresses(jdbc, email)).containsOnly("127.0.0.1");
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = WebEnvironment.RANDOM_PORT,
            properties = {"server.forward-headers-strategy=native", "FLARELINK_TRUSTED_PROXIES=127.0.0.1/32"})
    class FromAConfiguredProxy {

        @LocalServerPort
        int port;

        @Autowired
        JdbcClient jdbc;

        @Test
        void theClientIsTheRightmostAddressTheTrustedProxyAdded() {
            String email = Emails.unique("xff-trusted");
            failSignIn(port, email, "203.0.113.5");
            // A client's own X-Forwarded-For is kept to the left of what the proxy appends; it is not believed.
            failSignIn(port, email, "198.51.100.99, 203.0.113.6");

            assertThat(recordedAddresses(jdbc, email)).containsExactlyInAnyOrder("203.0.113.5", "203.0.113.6");
        }
    }

    private static void failSignIn(int port, String email, String forwardedFor) {
        BrowserlessSession session = new BrowserlessSession(port);
        String csrf = session.csrfToken("/signin");
        var response = session.post(
                "/signin",
                Map.of("email", email, "password", "not the password at all", "_csrf", csrf),
                Map.of("X-Forwarded-For", forwardedFor));
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/signin?error"));
    }

    private static java.util.List<String> recordedAddresses(JdbcClient jdbc, String email) {
        return jdbc.sql("select client_address from sign_in_failure where email = :email")
                .param("email", email)
                .query(String.class)
                .list();
    }
}
