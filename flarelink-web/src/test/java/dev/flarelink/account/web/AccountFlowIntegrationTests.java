package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Sign-up, sign-in, sign-out, password change and throttling, against the real app and a real PostgreSQL. */
@SpringBootTest
@AutoConfigureMockMvc
class AccountFlowIntegrationTests {

    static final String PASSWORD = "a sturdy passphrase of words";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signsUpSignsOutSignsInAndSeesTheSignedInShell() throws Exception {
        String email = Emails.unique("ada");
        MvcResult signUp = mvc.perform(post("/signup")
                        .param("email", "  " + email.toUpperCase() + " ")
                        .param("password", PASSWORD)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/signin?registered"))
                .andReturn();
        assertThat((java.util.Map<String, Object>) signUp.getFlashMap()).containsEntry("email", email);
        // (AccountBrowserTests checks that the sign-in page arrives with the address filled in.)
        mvc.perform(get("/signin").param("registered", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sign in with the address")));
        Cookie session = sessionCookie(signIn(email, PASSWORD, "192.0.2.1").andReturn());

        mvc.perform(get("/projects").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(email)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(">Database</a>")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(">Sign out</button>")));

        mvc.perform(post("/signout").cookie(session).with(csrf())).andExpect(redirectedUrl("/signin?signedOut"));
        mvc.perform(get("/projects").cookie(session)).andExpect(status().is3xxRedirection());

        MvcResult signIn = signIn(email, PASSWORD, "192.0.2.1")
                .andExpect(redirectedUrl("/projects"))
                .andReturn();
        mvc.perform(get("/projects").cookie(sessionCookie(signIn)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(email)));
    }

    @Test
    void aTakenAddressGetsTheSameAnswerAsANewOneAndKeepsItsOwnPassword() throws Exception {
        String email = Emails.unique("grace");
        MvcResult first = signUp(email).andReturn();

        assertThat(jdbc.sql("select email from user_account where email = :e")
                        .param("e", email)
                        .query(String.class)
                        .list())
                .containsExactly(email);
        String otherPassword = "someone else's guess of words";
        MvcResult again = mvc.perform(post("/signup")
                        .param("email", email.toUpperCase())
                        .param("password", otherPassword)
                        .with(csrf()))
                .andReturn();

        assertThat(again.getResponse().getStatus())
                .isEqualTo(first.getResponse().getStatus());
        assertThat(again.getResponse().getRedirectedUrl())
                .isEqualTo(first.getResponse().getRedirectedUrl())
                .isEqualTo("/signin?registered");
        assertThat((java.util.Map<String, Object>) again.getFlashMap())
                .isEqualTo((java.util.Map<String, Object>) first.getFlashMap());
        assertThat(accountCount(email)).isEqualTo(1);
        signIn(email, otherPassword, "192.0.2.5").andExpect(redirectedUrl("/signin?error"));
        signIn(email, PASSWORD, "192.0.2.5").andExpect(redirectedUrl("/projects"));
    }

    @Test
    void throttlesSignUpsPerAddressWhateverTheAddressesSignedUp() throws Exception {
        String from = "198.51.100.77";
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/signup")
                            .param("email", Emails.unique("many" + i))
                            .param("password", PASSWORD)
                            .with(csrf())
                            .with(from(from)))
                    .andExpect(redirectedUrl("/signin?registered"));
        }
        String refused = Emails.unique("one-too-many");
        mvc.perform(post("/signup")
                        .param("email", refused)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from(from)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Too many accounts were created")));
        assertThat(accountCount(refused)).isZero();
        mvc.perform(post("/signup")
                        .param("email", refused)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from("198.51.100.78")))
                .andExpect(redirectedUrl("/signin?registered"));
        assertThat(accountCount(refused)).isEqualTo(1);
    }

    @Test
    void refusesAGuessablePasswordSayingWhatWasFound() throws Exception {
        String email = Emails.unique("weak");
        mvc.perform(post("/signup")
                        .param("email", email)
                        .param("password", "Aa1!Aa1!Aa1!")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(org.hamcrest.Matchers.containsString("This password is too easy to guess.")));
        assertThat(accountCount(email)).isZero();
    }

    @Test
    void refusesAShortOrCommonPasswordWithTheReasonAndStoresNothing() throws Exception {
        String email = Emails.unique("short");
        mvc.perform(post("/signup")
                        .param("email", email)
                        .param("password", "too-short")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("at least 12 characters")));
        mvc.perform(post("/signup")
                        .param("email", email)
                        .param("password", "password1234")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("commonly used")));

        assertThat(accountCount(email)).isZero();
    }

    @Test
    void acceptsASixtyFourCharacterPasswordAndNeedsAllOfIt() throws Exception {
        String email = Emails.unique("long");
        String password = "q".repeat(40) + "-a-long-and-unusual-phrase";
        assertThat(password).hasSizeGreaterThanOrEqualTo(64);
        mvc.perform(post("/signup")
                        .param("email", email)
                        .param("password", password)
                        .with(csrf()))
                .andExpect(redirectedUrl("/signin?registered"));

        signIn(email, password.substring(0, password.length() - 1), "192.0.2.2")
                .andExpect(redirectedUrl("/signin?error"));
        signIn(email, password, "192.0.2.2").andExpect(redirectedUrl("/projects"));
    }

    @Test
    void answersUnknownEmailAndWrongPasswordTheSameWay() throws Exception {
        String email = Emails.unique("same");
        signUp(email);

        signIn(email, "not the right password", "192.0.2.3").andExpect(redirectedUrl("/signin?error"));
        signIn(Emails.unique("nobody"), "not the right password", "192.0.2.3")
                .andExpect(redirectedUrl("/signin?error"));
        mvc.perform(get("/signin").param("error", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("E-mail or password is not right.")));
    }

    @Test
    void throttlesAfterTenFailuresWithoutLockingTheOwnerOut() throws Exception {
        String email = Emails.unique("victim");
        signUp(email);
        String attacker = "198.51.100.7";

        for (int i = 0; i < 10; i++) {
            signIn(email, "guess number " + i, attacker).andExpect(redirectedUrl("/signin?error"));
        }

        // The right password from the attacker's address is refused without being checked...
        signIn(email, PASSWORD, attacker).andExpect(redirectedUrl("/signin?throttled"));
        mvc.perform(get("/signin").param("throttled", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Too many failed sign-in attempts")));
        // ...while the owner, from their own address, still gets in.
        signIn(email, PASSWORD, "203.0.113.9").andExpect(redirectedUrl("/projects"));
    }

    @Test
    void theOwnersKnownBrowserGetsInWhileGuessesFromEveryAddressAreRefused() throws Exception {
        String email = Emails.unique("device");
        signUp(email);
        MvcResult known = signIn(email, PASSWORD, "192.0.2.10")
                .andExpect(redirectedUrl("/projects"))
                .andReturn();
        Cookie device = known.getResponse().getCookie("flarelink-device");
        assertThat(device).as("device cookie after a successful sign-in").isNotNull();
        assertThat(device.isHttpOnly()).isTrue();
        assertThat(known.getResponse().getHeaders("Set-Cookie"))
                .anySatisfy(header ->
                        assertThat(header).startsWith("flarelink-device=").contains("SameSite=Lax"));
        assertThat(jdbc.sql("select count(*) from spring_session_attributes"
                                + " where position(convert_to(:cookie, 'UTF8') in attribute_bytes) > 0")
                        .param("cookie", device.getValue())
                        .query(Long.class)
                        .single())
                .as("the device cookie is not kept in the session")
                .isZero();

        for (int guess = 0; guess < 100; guess++) {
            signIn(email, "guess " + guess, "2001:db8:7::" + Integer.toHexString(guess))
                    .andExpect(redirectedUrl("/signin?error"));
        }
        signIn(email, PASSWORD, "2001:db8:7::ffff").andExpect(redirectedUrl("/signin?throttled"));
        mvc.perform(post("/signin")
                        .cookie(device)
                        .param("email", email)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from("2001:db8:8::1")))
                .andExpect(redirectedUrl("/projects"));
    }

    @Test
    void changesThePasswordAndTheOldOneStopsWorking() throws Exception {
        String email = Emails.unique("changer");
        signUp(email);
        Cookie session = sessionCookie(signIn(email, PASSWORD, "192.0.2.4").andReturn());
        String newPassword = "an entirely new passphrase";

        mvc.perform(post("/account/password")
                        .cookie(session)
                        .param("currentPassword", "wrong current password")
                        .param("newPassword", newPassword)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("current password is not right")));
        mvc.perform(post("/account/password")
                        .cookie(session)
                        .param("currentPassword", PASSWORD)
                        .param("newPassword", newPassword)
                        .with(csrf()))
                .andExpect(redirectedUrl("/account"));

        signIn(email, PASSWORD, "192.0.2.4").andExpect(redirectedUrl("/signin?error"));
        signIn(email, newPassword, "192.0.2.4").andExpect(redirectedUrl("/projects"));
    }

    @Test
    void changesTheSessionIdAtSignIn() throws Exception {
        String email = Emails.unique("fixation");
        signUp(email);
        Cookie before = sessionCookie(mvc.perform(get("/signin")).andReturn());

        MvcResult signIn = mvc.perform(post("/signin")
                        .cookie(before)
                        .param("email", email)
                        .param("password", PASSWORD)
                        .with(csrf()))
                .andExpect(redirectedUrl("/projects"))
                .andReturn();

        assertThat(sessionCookie(signIn).getValue()).isNotEqualTo(before.getValue());
    }

    @Test
    void refusesAPostWithoutCsrfTokenAndChangesNothing() throws Exception {
        String email = Emails.unique("csrf");
        mvc.perform(post("/signup").param("email", email).param("password", PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/signup")
                        .param("email", email)
                        .param("password", PASSWORD)
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());

        assertThat(accountCount(email)).isZero();
    }

    private org.springframework.test.web.servlet.ResultActions signUp(String email) throws Exception {
        return mvc.perform(post("/signup")
                .param("email", email)
                .param("password", PASSWORD)
                .with(csrf()));
    }

    private org.springframework.test.web.servlet.ResultActions signIn(String email, String password, String address)
            throws Exception {
        return mvc.perform(post("/signin")
                .param("email", email)
                .param("password", password)
                .with(csrf())
                .with(from(address)));
    }

    private static Cookie sessionCookie(MvcResult result) {
        Cookie cookie = result.getResponse().getCookie("SESSION");
        assertThat(cookie)
                .as("SESSION cookie set by %s", result.getRequest().getRequestURI())
                .isNotNull();
        return cookie;
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private long accountCount(String email) {
        return jdbc.sql("select count(*) from user_account where email = :e")
                .param("e", email.toLowerCase())
                .query(Long.class)
                .single();
    }
}
