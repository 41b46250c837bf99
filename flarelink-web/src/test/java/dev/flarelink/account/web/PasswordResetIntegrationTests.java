package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Emails;
import dev.flarelink.support.MovableClock;
import dev.flarelink.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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

/** Password reset by e-mail through a real SMTP server (GreenMail, in the test JVM) and the real app. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PasswordResetIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String NEW_PASSWORD = "another sturdy passphrase entirely";
    private static final Pattern LINK = Pattern.compile("/reset-password#token=([A-Za-z0-9_-]+)");
    private static final Pattern VERIFY_LINK = Pattern.compile("/verify-email#token=([A-Za-z0-9_-]+)");
    private static final String RESET_SUBJECT = "Reset your Flarelink password";
    private static final String VERIFY_SUBJECT = "Confirm your e-mail address for Flarelink";
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
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

    @Autowired
    ResetLinkCommand command;

    @Test
    void aLinkByMailSetsANewPasswordOnceAndSignsOutEverySession() throws Exception {
        String email = Emails.unique("reset");
        BrowserlessSession first = new BrowserlessSession(port);
        first.signUp(email, PASSWORD);
        BrowserlessSession second = BrowserlessSession.signedIn(port, email, PASSWORD);
        assertThat(new BrowserlessSession(port).get("/signin").body()).contains("Forgot your password?");

        String token = requestLink(email);
        assertThat(jdbc.sql("select count(*) from password_reset_token where token_hash = :t")
                        .param("t", token)
                        .query(Long.class)
                        .single())
                .as("only the hash is stored")
                .isZero();

        BrowserlessSession visitor = new BrowserlessSession(port);
        String page = "/reset-password";
        assertThat(visitor.get(page).body()).contains("Choose a new password").contains("Set the new password");
        HttpResponse<String> weak =
                visitor.submit(page, "/reset-password", Map.of("token", token, "password", "short"));
        assertThat(weak.body()).contains("at least 12 characters").contains("Set the new password");

        HttpResponse<String> done =
                visitor.submit(page, "/reset-password", Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/signin?reset");
        assertThat(first.get("/projects").statusCode())
                .as("first session signed out")
                .isEqualTo(302);
        assertThat(second.get("/projects").statusCode())
                .as("second session signed out")
                .isEqualTo(302);
        assertThat(new BrowserlessSession(port).signIn(email, PASSWORD)).endsWith("/signin?error");
        assertThat(new BrowserlessSession(port).signIn(email, NEW_PASSWORD)).endsWith("/projects");

        HttpResponse<String> again = visitor.submit(
                "/forgot-password", "/reset-password", Map.of("token", token, "password", "yet another passphrase"));
        assertThat(again.body()).contains("expired or was used");
        assertThat(new BrowserlessSession(port).signIn(email, NEW_PASSWORD)).endsWith("/projects");
        assertThat(actions(idOf(email))).contains("account.password_reset_requested", "account.password_reset");
    }

    @Test
    void aLinkExpiresAfterThirtyMinutes() throws Exception {
        String email = Emails.unique("expiry");
        new BrowserlessSession(port).signUp(email, PASSWORD);
        String token = requestLink(email);
        clock.advance(Duration.ofMinutes(31));

        BrowserlessSession visitor = new BrowserlessSession(port);
        HttpResponse<String> late =
                visitor.submit("/forgot-password", "/reset-password", Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(late.body()).contains("expired or was used");
        assertThat(new BrowserlessSession(port).signIn(email, PASSWORD)).endsWith("/projects");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerInTheSameTimeAndNoMail() throws Exception {
        String known = Emails.unique("known");
        new BrowserlessSession(port).signUp(known, PASSWORD);
        String unknown = Emails.unique("nobody");
        BrowserlessSession visitor = new BrowserlessSession(port);

        HttpResponse<String> forUnknown =
                visitor.submit("/forgot-password", "/forgot-password", Map.of("email", unknown));
        HttpResponse<String> forKnown = visitor.submit("/forgot-password", "/forgot-password", Map.of("email", known));
        assertThat(withoutCsrf(forUnknown.body())).isEqualTo(withoutCsrf(forKnown.body()));
        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(200);
        awaitMail(known, RESET_SUBJECT);
        Thread.sleep(500);
        assertThat(mails(known, RESET_SUBJECT)).hasSize(1);
        assertThat(Arrays.stream(SMTP.getReceivedMessages())
                        .filter(m -> recipient(m).equals(unknown)))
                .as("nothing is sent to an address without an account")
                .isEmpty();

        // 50 pairs, after a warm-up, each pair back to back and in alternating order, so that the load of this busy
        // machine weighs on both of a pair alike: the answer does not wait for the lookup or the mail.
        String csrf = visitor.csrfToken("/forgot-password");
        for (int i = 0; i < 5; i++) {
            time(visitor, unknown, csrf);
            time(visitor, known, csrf);
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long unknownTime;
            long knownTime;
            if (i % 2 == 0) {
                unknownTime = time(visitor, unknown, csrf);
                knownTime = time(visitor, known, csrf);
            } else {
                knownTime = time(visitor, known, csrf);
                unknownTime = time(visitor, unknown, csrf);
            }
            ratios.add((double) knownTime / unknownTime);
        }
        double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
        assertThat(median)
                .as("median over 50 pairs of (time for a known address / time for an unknown one)")
                .isBetween(0.8, 1.2);
    }

    @Test
    void aNewAccountConfirmsItsAddressWithTheMailedLinkOnce() throws Exception {
        String email = Emails.unique("verify");
        BrowserlessSession session = new BrowserlessSession(port);
        session.signUp(email, PASSWORD);
        assertThat(session.get("/account").body()).contains("not confirmed yet").contains("Send the link again");
        Matcher link = VERIFY_LINK.matcher(
                awaitMail(email, VERIFY_SUBJECT).getContent().toString());
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        BrowserlessSession visitor = new BrowserlessSession(port);
        assertThat(visitor.get("/verify-email").body()).contains("Confirm my e-mail");
        assertThat(visitor.submit("/verify-email", "/verify-email", Map.of("token", token))
                        .body())
                .contains("Your e-mail address is confirmed");
        assertThat(session.get("/account").body()).contains("confirmed").doesNotContain("not confirmed yet");
        assertThat(visitor.submit("/verify-email", "/verify-email", Map.of("token", token))
                        .body())
                .as("the same link again")
                .contains("expired or was used");
        assertThat(actions(idOf(email))).contains("account.email_verified");
    }

    @Test
    void theOperatorsCommandMakesAOneTimeLinkWithoutMail() {
        String email = Emails.unique("operator");
        new BrowserlessSession(port).signUp(email, PASSWORD);
        assertThat(command.linkFor(Emails.unique("nobody"))).isEmpty();
        String link = command.linkFor(email).orElseThrow();
        assertThat(link).startsWith("http://localhost:" + port + "/reset-password#token=");
        String token = link.substring(link.indexOf("#token=") + "#token=".length());

        BrowserlessSession visitor = new BrowserlessSession(port);
        HttpResponse<String> done =
                visitor.submit("/reset-password", "/reset-password", Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/signin?reset");
        assertThat(new BrowserlessSession(port).signIn(email, NEW_PASSWORD)).endsWith("/projects");
    }

    private long time(BrowserlessSession visitor, String email, String csrf) {
        long start = System.nanoTime();
        HttpResponse<String> response = visitor.post("/forgot-password", Map.of("email", email, "_csrf", csrf));
        long took = System.nanoTime() - start;
        assertThat(response.statusCode()).isEqualTo(200);
        return took;
    }

    /** Asks for a link for {@code email} and reads the token from the mail that arrives. */
    private String requestLink(String email) throws Exception {
        HttpResponse<String> asked =
                new BrowserlessSession(port).submit("/forgot-password", "/forgot-password", Map.of("email", email));
        assertThat(asked.body()).contains("If an account uses that address");
        MimeMessage mail = awaitMail(email, RESET_SUBJECT);
        Matcher link = LINK.matcher(mail.getContent().toString());
        assertThat(link.find()).as("the mail carries a link").isTrue();
        assertThat(mail.getContent().toString()).contains("http://localhost:" + port + "/reset-password#token=");
        return link.group(1);
    }

    /** The first mail to {@code email} with {@code subject}, waiting up to 20 s for it. */
    private static MimeMessage awaitMail(String email, String subject) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            List<MimeMessage> found = mails(email, subject);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail \"" + subject + "\" arrived for " + email);
    }

    private static List<MimeMessage> mails(String email, String subject) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> recipient(m).equals(email) && subject(m).equals(subject))
                .toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutCsrf(String body) {
        return body.replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"", "");
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
