package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sandbox mode without SMTP: the dashboard's own mail (reset links, address confirmations) lands in the Outbox's
 * dashboard mail page, which answers only a browser on this machine, and a password reset and an account
 * confirmation can be followed from it end to end.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@ExtendWith(OutputCaptureExtension.class)
class DashboardMailIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String NEW_PASSWORD = "another sturdy passphrase entirely";
    private static final String RESET_SUBJECT = "Reset your Flarelink password";
    private static final String VERIFY_SUBJECT = "Confirm your e-mail address for Flarelink";
    private static final String PAGE = "/outbox/dashboard";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aResetAskedForOnTheSignInPageArrivesInTheOutboxAndItsLinkSetsANewPassword(CapturedOutput output)
            throws Exception {
        String email = Emails.unique("sandbox-reset");
        new BrowserlessSession(port).signUp(email, PASSWORD);
        BrowserlessSession stillSignedIn = BrowserlessSession.signedIn(port, email, PASSWORD);

        BrowserlessSession visitor = new BrowserlessSession(port);
        assertThat(visitor.get("/signin").body()).contains("Forgot your password?");
        HttpResponse<String> asked = visitor.submit("/forgot-password", "/forgot-password", Map.of("email", email));
        assertThat(asked.body())
                .contains("If an account uses that address")
                .contains("Sandbox mode: no mail leaves this machine")
                .contains("href=\"/outbox/dashboard\"");

        String message = awaitMail(visitor, email, RESET_SUBJECT);
        Matcher link = Pattern.compile("http://localhost:" + port + "/reset-password#token=([A-Za-z0-9_-]+)")
                .matcher(message);
        assertThat(link.find())
                .as("the message links to this dashboard's reset page")
                .isTrue();
        assertThat(message).contains("<a href=\"" + link.group() + "\"");
        String token = link.group(1);

        HttpResponse<String> done =
                visitor.submit("/reset-password", "/reset-password", Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/signin?reset");
        assertThat(stillSignedIn.get("/projects").statusCode())
                .as("the other session is signed out")
                .isEqualTo(302);
        assertThat(new BrowserlessSession(port).signIn(email, PASSWORD)).endsWith("/signin?error");
        assertThat(new BrowserlessSession(port).signIn(email, NEW_PASSWORD)).endsWith("/projects");

        assertThat(output.getAll())
                .as("the log says where the mail is")
                .contains("\"" + RESET_SUBJECT + "\" for " + email + " is in the dashboard's Outbox")
                .as("and never its token")
                .doesNotContain(token);
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndPutsNothingInTheOutbox() throws Exception {
        String known = Emails.unique("sandbox-known");
        new BrowserlessSession(port).signUp(known, PASSWORD);
        String unknown = Emails.unique("sandbox-nobody");
        BrowserlessSession visitor = new BrowserlessSession(port);

        HttpResponse<String> forUnknown =
                visitor.submit("/forgot-password", "/forgot-password", Map.of("email", unknown));
        HttpResponse<String> forKnown = visitor.submit("/forgot-password", "/forgot-password", Map.of("email", known));
        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(200);
        assertThat(withoutCsrf(forUnknown.body())).isEqualTo(withoutCsrf(forKnown.body()));

        awaitMail(visitor, known, RESET_SUBJECT);
        // The unknown address was looked up first, on the same two-thread pool: give it time to do anything at all.
        Thread.sleep(500);
        assertThat(visitor.get(PAGE).body()).as("the Outbox").contains(known).doesNotContain(unknown);
    }

    @Test
    void aNewAccountConfirmsItsAddressWithTheLinkInTheOutbox() throws Exception {
        String email = Emails.unique("sandbox-verify");
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(email, PASSWORD);
        assertThat(session.get("/account").body())
                .contains("not confirmed yet")
                .contains("the link is in the")
                .contains("href=\"/outbox/dashboard\"");

        BrowserlessSession visitor = new BrowserlessSession(port);
        Matcher link = Pattern.compile("/verify-email#token=([A-Za-z0-9_-]+)")
                .matcher(awaitMail(visitor, email, VERIFY_SUBJECT));
        assertThat(link.find()).isTrue();
        assertThat(visitor.submit("/verify-email", "/verify-email", Map.of("token", link.group(1)))
                        .body())
                .contains("Your e-mail address is confirmed");
        assertThat(session.get("/account").body()).contains("confirmed").doesNotContain("not confirmed yet");
    }

    @Test
    void theDashboardMailAnswersNoRequestThatDidNotComeStraightFromThisMachine() throws Exception {
        String email = Emails.unique("sandbox-private");
        new BrowserlessSession(port).signUp(email, PASSWORD);
        BrowserlessSession visitor = new BrowserlessSession(port);
        awaitMail(visitor, email, VERIFY_SUBJECT);

        // Through a proxy or a tunnel on this machine (cloudflared, ngrok): it connects from loopback but says for
        // whom.
        for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP", "CF-Connecting-IP")) {
            HttpResponse<String> proxied = visitor.get(PAGE, header, "203.0.113.7");
            assertThat(proxied.statusCode()).as(header).isEqualTo(403);
            assertThat(proxied.body())
                    .as(header)
                    .contains("This page opens only in a browser on the machine")
                    .doesNotContain(email)
                    .doesNotContain("#token=");
        }
        // DNS rebinding: another site's name pointed at 127.0.0.1, so its page reaches this port under its own name.
        String rebound = rawGet(PAGE, "rebinding.example:" + port);
        assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain(email).doesNotContain("#token=");
        assertThat(rawGet(PAGE, "127.0.0.1:" + port))
                .as("the same request by this machine's address")
                .startsWith("HTTP/1.1 200")
                .contains(email);
    }

    /** The page's article for the newest message to {@code email} with {@code subject}, waiting up to 20 s. */
    private String awaitMail(BrowserlessSession visitor, String email, String subject) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> page = visitor.get(PAGE);
            assertThat(page.statusCode()).isEqualTo(200);
            Optional<String> found = Arrays.stream(page.body().split("<article class=\"outbox-message\">"))
                    .skip(1)
                    .filter(article -> article.contains(">" + subject + "<") && article.contains(">" + email + "<"))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail \"" + subject + "\" for " + email + " in the dashboard's Outbox");
    }

    /** A GET with a Host header of our choosing, which java.net.http does not allow to set. */
    private String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withoutCsrf(String body) {
        return body.replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"", "");
    }
}
