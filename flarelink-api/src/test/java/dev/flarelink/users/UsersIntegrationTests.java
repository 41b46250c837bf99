package dev.flarelink.users;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Authentication → Users against the sandbox: app users written through the D1 API as the Worker would write them,
 * sessions in KV in better-auth's layout, and a stand-in Worker (WireMock) for the one-time ticket pings.
 */
class UsersIntegrationTests extends ProvisioningTestSupport {

    private static final String CANARY_PASSWORD_HASH = "pbkdf2-sha256$100000$c2FsdHNhbHQ=$canary-hash-never-shown";
    private static final String CANARY_TOKEN = "ya29.canary-oauth-token-never-shown";
    private static final WireMockServer worker = new WireMockServer(options().dynamicPort());

    static {
        worker.start();
    }

    @DynamicPropertySource
    static void workerAddress(DynamicPropertyRegistry registry) {
        registry.add("flarelink.reload.target", () -> "http://localhost:" + worker.port());
    }

    @AfterAll
    static void stopWorker() {
        worker.stop();
    }

    @Autowired
    UsersService users;

    ProjectView project;

    @BeforeEach
    void projectWithUsers() {
        worker.resetAll();
        worker.stubFor(post(WorkerLinks.VERIFICATION_PATH).willReturn(okJson("{\"ok\":true}")));
        worker.stubFor(post(WorkerLinks.RESET_PATH).willReturn(okJson("{\"ok\":true}")));
        project = createAndWait("app" + UUID.randomUUID().toString().substring(0, 6), "https://app.example.com", null);
        assertThat(project.status()).isEqualTo("active");
    }

    @Test
    void pagesNewestFirstAndByEmailWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            addUser("u" + i, "user" + (6 - i) + "@example.com", "User " + i, i % 2 == 0, "2026-01-0" + (i + 1));
        }
        // Two users created in the same millisecond: the id breaks the tie, none is skipped.
        addUser("u7a", "tie-a@example.com", "Tie", false, "2026-01-09");
        addUser("u7b", "tie-b@example.com", "Tie", false, "2026-01-09");

        List<String> newest =
                collect(new UsersQuery(UsersQuery.Order.NEWEST, UsersQuery.Filter.ALL, null, null, false, 2));
        assertThat(newest).containsExactly("u7b", "u7a", "u6", "u5", "u4", "u3", "u2", "u1", "u0");

        List<String> byEmail =
                collect(new UsersQuery(UsersQuery.Order.EMAIL, UsersQuery.Filter.ALL, null, null, false, 4));
        assertThat(byEmail).containsExactly("u7a", "u7b", "u6", "u5", "u4", "u3", "u2", "u1", "u0");

        UsersPage first = users.list(user, project.id(), UsersQuery.first());
        assertThat(first.estimate()).isEqualTo(9);
        assertThat(first.exact()).isNull();
        assertThat(first.next()).isNull();
    }

    @Test
    void searchesByEmailOrNamePrefixAndFilters() {
        addUser("a", "alice@example.com", "Alice Liddell", true, "2026-02-01");
        addUser("b", "bob@example.com", "Bobby", false, "2026-02-02");
        addUser("c", "carol@example.com", "Zed Bob", true, "2026-02-03");
        addUser("d", "dave@example.com", "Dave", false, "2026-02-04");
        d1("UPDATE \"user\" SET \"banned\" = 1 WHERE \"id\" = 'd'");

        assertThat(ids(search("ALI", UsersQuery.Filter.ALL))).containsExactly("a");
        assertThat(ids(search("Bob", UsersQuery.Filter.ALL))).containsExactly("b");
        assertThat(ids(search("Zed", UsersQuery.Filter.ALL))).containsExactly("c");
        assertThat(ids(search("lice", UsersQuery.Filter.ALL)))
                .as("a prefix, not a substring")
                .isEmpty();
        assertThat(ids(search(null, UsersQuery.Filter.VERIFIED))).containsExactly("c", "a");
        assertThat(ids(search(null, UsersQuery.Filter.UNVERIFIED))).containsExactly("d", "b");
        assertThat(ids(search(null, UsersQuery.Filter.BANNED))).containsExactly("d");

        UsersPage counted = users.list(
                user,
                project.id(),
                new UsersQuery(UsersQuery.Order.NEWEST, UsersQuery.Filter.VERIFIED, null, null, true, 50));
        assertThat(counted.exact()).isEqualTo(2);
        assertThat(counted.estimate()).isNull();

        assertThatThrownBy(() -> UsersQuery.of("sideways", null, null, null, false))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("newest or email");
        assertThatThrownBy(
                        () -> users.list(user, project.id(), UsersQuery.first().next("%%%")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("first page");
    }

    @Test
    void theListShowsLastSignInAndProvidersAndNeverAPasswordOrToken() {
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        addAccount("a", "credential");
        addAccount("a", "github");
        addEvent("a", "sign_in", "2026-03-02T10:00:00.000Z");
        addEvent("a", "sign_in", "2026-03-05T10:00:00.000Z");
        addEvent("a", "sign_out", "2026-03-06T10:00:00.000Z");

        UserSummary alice =
                users.list(user, project.id(), UsersQuery.first()).users().get(0);

        assertThat(alice.lastSignIn()).isEqualTo("2026-03-05T10:00:00.000Z");
        assertThat(alice.providers()).containsExactly("credential", "github");
        assertThat(alice.toString()).doesNotContain(CANARY_PASSWORD_HASH, CANARY_TOKEN);
    }

    @Test
    void aUserPageShowsProfileAccountsSessionsAndEventsWithoutSecrets() {
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        addAccount("a", "credential");
        addAccount("a", "google");
        addEvent("a", "sign_up", "2026-03-01T10:00:00.000Z");
        addEvent("a", "sign_in", "2026-03-02T10:00:00.000Z");
        addEvent("a", "sign_in_failed", "2026-03-03T10:00:00.000Z");
        String token = addSession("a", "203.0.113.7", "Firefox/140");

        UserDetail detail = users.user(user, project.id(), "a", null);

        assertThat(detail.email()).isEqualTo("alice@example.com");
        assertThat(detail.accounts())
                .extracting(UserDetail.LinkedAccount::providerId)
                .containsExactly("credential", "google");
        assertThat(detail.sessions()).singleElement().satisfies(s -> {
            assertThat(s.ipAddress()).isEqualTo("203.0.113.7");
            assertThat(s.userAgent()).isEqualTo("Firefox/140");
            assertThat(s.expiresAt()).isNotNull();
        });
        assertThat(detail.events())
                .extracting(UserDetail.AuthEvent::type)
                .containsExactly("sign_in_failed", "sign_in", "sign_up");
        assertThat(users.user(user, project.id(), "a", "sign_in").events())
                .singleElement()
                .extracting(UserDetail.AuthEvent::type)
                .isEqualTo("sign_in");
        assertThat(detail.toString()).doesNotContain(token, CANARY_PASSWORD_HASH, CANARY_TOKEN);
        assertThat(detail.emailUnavailable()).contains("EMAIL_PROVIDER");
        assertThat(activityDump()).doesNotContain(token);
        assertThatThrownBy(() -> users.user(user, project.id(), "a", "drop table"))
                .isInstanceOf(UserInputException.class);
    }

    @Test
    void signOutEverywhereRemovesEverySessionOfThatUserAndNoOtherFromKv() {
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        addUser("b", "bob@example.com", "Bob", true, "2026-03-02");
        String a1 = addSession("a", "203.0.113.1", "A1");
        String a2 = addSession("a", "203.0.113.2", "A2");
        String b1 = addSession("b", "203.0.113.3", "B1");

        assertThat(users.signOutEverywhere(user, project.id(), "a")).isEqualTo(2);

        assertThat(kv(a1)).isNull();
        assertThat(kv(a2)).isNull();
        assertThat(kv(KvSessions.indexKey("a"))).isNull();
        assertThat(kv(b1)).isNotNull();
        assertThat(kv(KvSessions.indexKey("b"))).contains(b1);
        assertThat(users.user(user, project.id(), "a", null).sessions()).isEmpty();
        String activity = activityDump();
        assertThat(activity).contains("app_user.signed_out_everywhere", "user a");
        assertThat(activity).doesNotContain("alice@example.com", a1, a2);
    }

    @Test
    void banSignsOutAndUnbanRestoresAndBadInputChangesNothing() {
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        String session = addSession("a", "203.0.113.1", "A1");
        LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(7);

        assertThatThrownBy(() -> users.ban(
                        user,
                        project.id(),
                        "a",
                        "spam",
                        LocalDate.now(ZoneOffset.UTC).minusDays(1)))
                .isInstanceOf(UserInputException.class)
                .satisfies(
                        e -> assertThat(((UserInputException) e).fieldErrors()).containsKey("until"));
        assertThat(num(row("a").get("banned"))).isEqualTo(0L);
        assertThat(kv(session)).isNotNull();

        users.ban(user, project.id(), "a", "spam", until);

        Map<String, Object> banned = row("a");
        assertThat(num(banned.get("banned"))).isEqualTo(1L);
        assertThat(banned.get("banReason")).isEqualTo("spam");
        assertThat(banned.get("banExpires")).isEqualTo(until + "T00:00:00.000Z");
        assertThat(kv(session)).isNull();
        assertThat(ids(search(null, UsersQuery.Filter.BANNED))).containsExactly("a");
        // The sandbox deploys this build's Worker; before 0.4.0 the page must say bans are not enforced.
        assertThat(users.project(user, project.id()).enforcesBans())
                .isEqualTo(AuthProject.compareVersions(project.bundleVersion(), "0.4.0") >= 0);

        users.unban(user, project.id(), "a");

        Map<String, Object> unbanned = row("a");
        assertThat(num(unbanned.get("banned"))).isEqualTo(0L);
        assertThat(unbanned.get("banReason")).isNull();
        assertThat(unbanned.get("banExpires")).isNull();
        assertThat(activityDump())
                .contains("app_user.banned", "app_user.unbanned")
                .doesNotContain("alice@example.com");
    }

    @Test
    void deletePreviewCountsWhatTheDeleteRemovesAndNothingOfAnotherUserChanges() {
        d1("CREATE TABLE \"note\" (\"id\" integer PRIMARY KEY, \"owner\" text NOT NULL REFERENCES \"user\" (\"id\") "
                + "ON DELETE CASCADE, \"body\" text)");
        d1("CREATE TABLE \"audit\" (\"id\" integer PRIMARY KEY, \"actor\" text REFERENCES \"user\" (\"id\") "
                + "ON DELETE SET NULL)");
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        addUser("b", "bob@example.com", "Bob", true, "2026-03-02");
        addAccount("a", "credential");
        addAccount("b", "credential");
        for (int i = 0; i < 3; i++) {
            d1("INSERT INTO \"note\" (\"owner\", \"body\") VALUES (?, 'x')", "a");
        }
        d1("INSERT INTO \"note\" (\"owner\", \"body\") VALUES (?, 'x')", "b");
        d1("INSERT INTO \"audit\" (\"actor\") VALUES (?)", "a");
        d1("INSERT INTO \"verification\" (\"id\", \"identifier\", \"value\", \"expiresAt\", \"createdAt\", "
                + "\"updatedAt\") VALUES ('v1', 'alice@example.com', 'x', '2030-01-01', '2026-01-01', '2026-01-01'), "
                + "('v2', 'bob@example.com', 'x', '2030-01-01', '2026-01-01', '2026-01-01')");
        addEvent("a", "sign_in", "2026-03-02T10:00:00.000Z");
        String a1 = addSession("a", "203.0.113.1", "A1");
        String b1 = addSession("b", "203.0.113.2", "B1");
        Map<String, Long> before = counts();

        DeletePreview preview = users.previewDelete(user, project.id(), "a");

        assertThat(counts()).as("a preview changes nothing").isEqualTo(before);
        assertThat(preview.references())
                .extracting(
                        DeletePreview.Reference::table,
                        DeletePreview.Reference::onDelete,
                        DeletePreview.Reference::rows)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("account", "CASCADE", 1L),
                        org.assertj.core.groups.Tuple.tuple("note", "CASCADE", 3L),
                        org.assertj.core.groups.Tuple.tuple("audit", "SET NULL", 1L));
        assertThat(preview.verifications()).isEqualTo(1);
        assertThat(preview.sessions()).isEqualTo(1);

        users.delete(user, project.id(), "a");

        Map<String, Long> after = counts();
        assertThat(before.get("note") - after.get("note")).isEqualTo(3).isEqualTo(rowsOf(preview, "note"));
        assertThat(before.get("account") - after.get("account")).isEqualTo(rowsOf(preview, "account"));
        assertThat(before.get("verification") - after.get("verification")).isEqualTo(preview.verifications());
        assertThat(after.get("user")).isEqualTo(1);
        assertThat(after.get("audit")).isEqualTo(1);
        assertThat(query("SELECT count(*) AS n FROM \"note\" WHERE \"owner\" = 'b'"))
                .isEqualTo(1);
        assertThat(query("SELECT count(*) AS n FROM \"verification\" WHERE \"identifier\" = 'bob@example.com'"))
                .isEqualTo(1);
        assertThat(query("SELECT count(*) AS n FROM \"flarelink_auth_event\" WHERE \"userId\" = 'a'"))
                .isZero();
        assertThat(kv(a1)).isNull();
        assertThat(kv(b1)).isNotNull();
        assertThatThrownBy(() -> users.user(user, project.id(), "a", null)).isInstanceOf(UsersNotFoundException.class);
        assertThat(activityDump()).contains("app_user.deleted", "user a").doesNotContain("alice@example.com");
    }

    @Test
    void aVerificationTicketIsWrittenOnceWithItsHashPurposeAndExpiryAndPresentedOnce() {
        configureEmail();
        addUser("a", "alice@example.com", "Alice", false, "2026-03-01");

        LinkOutcome outcome = users.sendVerification(user, project.id(), "a");

        assertThat(outcome.sent()).isTrue();
        List<String> presented = worker.findAll(postRequestedFor(urlEqualTo(WorkerLinks.VERIFICATION_PATH))).stream()
                .map(r -> r.getHeader("Authorization").substring("Bearer ".length()))
                .toList();
        assertThat(presented).singleElement().asString().matches("flarelink_tk_[0-9a-f]{64}");
        List<Map<String, Object>> tickets = rows("SELECT * FROM \"flarelink_ticket\"");
        assertThat(tickets).singleElement().satisfies(t -> {
            assertThat(t.get("hash")).isEqualTo(WorkerLinks.sha256(presented.get(0)));
            assertThat(t.get("purpose")).isEqualTo("send-verification");
            assertThat(t.get("subject")).isEqualTo("a");
            assertThat(Instant.ofEpochMilli(((Number) t.get("expiresAt")).longValue()))
                    .isBetween(Instant.now().plusSeconds(9 * 60), Instant.now().plusSeconds(10 * 60 + 5));
        });
        assertThat(activityDump()).contains("app_user.verification_link").doesNotContain(presented.get(0));

        users.sendReset(user, project.id(), "a");
        List<Map<String, Object>> both = rows("SELECT \"purpose\" FROM \"flarelink_ticket\" ORDER BY \"purpose\"");
        assertThat(both).extracting(r -> r.get("purpose")).containsExactly("send-reset", "send-verification");
    }

    @Test
    void expiredTicketsAreRemovedWithTheNextOne() {
        configureEmail();
        addUser("a", "alice@example.com", "Alice", false, "2026-03-01");
        d1("INSERT INTO \"flarelink_ticket\" VALUES ('old', 'send-reset', 'a', 1)");

        users.sendReset(user, project.id(), "a");

        assertThat(rows("SELECT \"hash\" FROM \"flarelink_ticket\""))
                .extracting(r -> r.get("hash"))
                .doesNotContain("old")
                .hasSize(1);
    }

    @Test
    void theWorkersRefusalsComeOutAsClearSentences() {
        configureEmail();
        addUser("a", "alice@example.com", "Alice", false, "2026-03-01");
        refuse(WorkerLinks.RESET_PATH, 401, "INVALID_TICKET");
        assertThat(users.sendReset(user, project.id(), "a").message()).contains("one-time ticket");
        refuse(WorkerLinks.RESET_PATH, 412, "EMAIL_NOT_CONFIGURED");
        assertThat(users.sendReset(user, project.id(), "a").message()).contains("EMAIL_PROVIDER");
        refuse(WorkerLinks.RESET_PATH, 404, "USER_NOT_FOUND");
        assertThat(users.sendReset(user, project.id(), "a").message()).contains("no such user");
        worker.stubFor(post(WorkerLinks.RESET_PATH).willReturn(aResponse().withStatus(404)));
        assertThat(users.sendReset(user, project.id(), "a").message()).contains("Redeploy");
        worker.stubFor(post(WorkerLinks.RESET_PATH)
                .willReturn(
                        aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        LinkOutcome unreachable = users.sendReset(user, project.id(), "a");
        assertThat(unreachable.status()).isEqualTo(LinkOutcome.Status.FAILED);
        assertThat(unreachable.message()).contains("could not be reached");
        assertThat(activityDump()).contains("failed");
    }

    @Test
    void withoutEmailConfiguredNoLinkIsSentAndNoTicketWritten() {
        addUser("a", "alice@example.com", "Alice", false, "2026-03-01");
        addUser("v", "vera@example.com", "Vera", true, "2026-03-02");

        assertThatThrownBy(() -> users.sendVerification(user, project.id(), "a"))
                .isInstanceOf(UsersProblemException.class)
                .hasMessageContaining("EMAIL_PROVIDER");
        configureEmail();
        assertThatThrownBy(() -> users.sendVerification(user, project.id(), "v"))
                .isInstanceOf(UsersProblemException.class)
                .hasMessageContaining("already verified");

        assertThat(query("SELECT count(*) AS n FROM \"flarelink_ticket\"")).isZero();
        assertThat(worker.getAllServeEvents()).isEmpty();
    }

    @Test
    void createsAUserWhoseTemporaryPasswordTheWorkerAccepts() {
        CreatedUser typed = users.create(
                user, project.id(), new CreateUserCommand(" New@Example.com ", "New", "a temporary secret", false));

        assertThat(typed.generatedPassword()).isNull();
        Map<String, Object> created = row(typed.id());
        assertThat(created.get("email")).isEqualTo("new@example.com");
        assertThat(typed.id()).matches("[A-Za-z0-9]{32}");
        List<Map<String, Object>> account = rows(
                "SELECT \"providerId\", \"accountId\", \"password\" FROM \"account\" WHERE \"userId\" = ?", typed.id());
        assertThat(account).singleElement().satisfies(a -> {
            assertThat(a.get("providerId")).isEqualTo("credential");
            assertThat(a.get("accountId")).isEqualTo(typed.id());
            assertThat((String) a.get("password")).startsWith("pbkdf2-sha256$100000$");
            assertThat(WorkerPasswords.verify((String) a.get("password"), "a temporary secret"))
                    .isTrue();
            assertThat(WorkerPasswords.verify((String) a.get("password"), "another secret"))
                    .isFalse();
        });

        CreatedUser generated =
                users.create(user, project.id(), new CreateUserCommand("gen@example.com", "Gen", "", false));
        assertThat(generated.generatedPassword()).hasSize(20);
        assertThat(generated.toString()).doesNotContain(generated.generatedPassword());
        String hash = (String) rows("SELECT \"password\" FROM \"account\" WHERE \"userId\" = ?", generated.id())
                .get(0)
                .get("password");
        assertThat(WorkerPasswords.verify(hash, generated.generatedPassword())).isTrue();
        assertThat(activityDump())
                .doesNotContain(generated.generatedPassword(), "a temporary secret", "new@example.com");
    }

    @Test
    void aTakenEmailOrBadInputIsAFieldErrorAndWritesNothing() {
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        Map<String, Long> before = counts();

        assertThatThrownBy(() -> users.create(
                        user,
                        project.id(),
                        new CreateUserCommand("ALICE@example.com", "Other", "a long password", false)))
                .isInstanceOf(UserInputException.class)
                .satisfies(
                        e -> assertThat(((UserInputException) e).fieldErrors().get("email"))
                                .contains("already exists"));
        assertThatThrownBy(() ->
                        users.create(user, project.id(), new CreateUserCommand("not-an-address", "", "short", false)))
                .isInstanceOf(UserInputException.class)
                .satisfies(
                        e -> assertThat(((UserInputException) e).fieldErrors()).containsKeys("email", "password"));
        assertThatThrownBy(() ->
                        users.create(user, project.id(), new CreateUserCommand("inv@example.com", "", null, true)))
                .isInstanceOf(UserInputException.class)
                .satisfies(
                        e -> assertThat(((UserInputException) e).fieldErrors()).containsKey("invite"));

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void anInvitationCreatesTheUserWithoutAPasswordAndSendsAResetTicket() {
        configureEmail();

        CreatedUser invited =
                users.create(user, project.id(), new CreateUserCommand("inv@example.com", "Invited", null, true));

        assertThat(invited.generatedPassword()).isNull();
        assertThat(invited.invitation()).isNotNull();
        assertThat(invited.invitation().sent()).isTrue();
        assertThat(query("SELECT count(*) AS n FROM \"account\"")).isZero();
        assertThat(rows("SELECT \"purpose\", \"subject\" FROM \"flarelink_ticket\""))
                .singleElement()
                .satisfies(t ->
                        assertThat(t).containsEntry("purpose", "send-reset").containsEntry("subject", invited.id()));
    }

    @Test
    void anotherOwnersProjectOrAMissingUserAnswersNotFoundAndChangesNothing() {
        addUser("a", "alice@example.com", "Alice", true, "2026-03-01");
        String session = addSession("a", "203.0.113.1", "A1");
        UUID stranger = newUser();
        Map<String, Long> before = counts();

        List<Runnable> attempts = List.of(
                () -> users.list(stranger, project.id(), UsersQuery.first()),
                () -> users.user(stranger, project.id(), "a", null),
                () -> users.signOutEverywhere(stranger, project.id(), "a"),
                () -> users.ban(stranger, project.id(), "a", "x", null),
                () -> users.unban(stranger, project.id(), "a"),
                () -> users.previewDelete(stranger, project.id(), "a"),
                () -> users.delete(stranger, project.id(), "a"),
                () -> users.sendReset(stranger, project.id(), "a"),
                () -> users.create(
                        stranger, project.id(), new CreateUserCommand("x@example.com", "", "long enough", false)));
        for (Runnable attempt : attempts) {
            assertThatThrownBy(attempt::run).isInstanceOf(UsersNotFoundException.class);
        }
        assertThatThrownBy(() -> users.delete(user, project.id(), "nobody")).isInstanceOf(UsersNotFoundException.class);
        assertThatThrownBy(() -> users.ban(user, project.id(), "nobody", "", null))
                .isInstanceOf(UsersNotFoundException.class);

        assertThat(counts()).isEqualTo(before);
        assertThat(num(row("a").get("banned"))).isEqualTo(0L);
        assertThat(kv(session)).isNotNull();
    }

    // --- the app's data, written the way the Worker writes it ---

    private void addUser(String id, String email, String name, boolean verified, String day) {
        String at = day + "T12:00:00.000Z";
        d1(
                "INSERT INTO \"user\" (\"id\", \"name\", \"email\", \"emailVerified\", \"createdAt\", \"updatedAt\") "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                id,
                name,
                email,
                verified ? 1 : 0,
                at,
                at);
    }

    private void addAccount(String userId, String provider) {
        boolean credential = provider.equals("credential");
        d1(
                "INSERT INTO \"account\" (\"id\", \"accountId\", \"providerId\", \"userId\", \"password\", "
                        + "\"accessToken\", \"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                userId,
                provider,
                userId,
                credential ? CANARY_PASSWORD_HASH : null,
                credential ? null : CANARY_TOKEN,
                "2026-03-01T12:00:00.000Z",
                "2026-03-01T12:00:00.000Z");
    }

    private void addEvent(String userId, String type, String at) {
        d1(
                "INSERT INTO \"flarelink_auth_event\" (\"at\", \"type\", \"userId\", \"ip\", \"userAgent\") VALUES "
                        + "(?, ?, ?, '198.51.100.1', 'curl/8')",
                at,
                type,
                userId);
    }

    /** A session in better-auth's secondary-storage layout: the token's key and the user's index. */
    private String addSession(String userId, String ip, String userAgent) {
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        Instant expires = Instant.now().plusSeconds(7 * 86400);
        String session = "{\"session\":{\"id\":\"s" + token.substring(3, 10) + "\",\"token\":\"" + token
                + "\",\"userId\":\"" + userId + "\",\"expiresAt\":\"" + expires + "\",\"createdAt\":\""
                + Instant.now() + "\",\"ipAddress\":\"" + ip + "\",\"userAgent\":\"" + userAgent + "\"},\"user\":{}}";
        putKv(token, session);
        String index = kv(KvSessions.indexKey(userId));
        String entry = "{\"token\":\"" + token + "\",\"expiresAt\":" + expires.toEpochMilli() + "}";
        putKv(KvSessions.indexKey(userId), index == null ? "[" + entry + "]" : index.replace("]", "," + entry + "]"));
        return token;
    }

    private void configureEmail() {
        d1("INSERT OR REPLACE INTO \"flarelink_config\" (\"key\", \"value\") VALUES ('EMAIL_PROVIDER', 'cloudflare'), "
                + "('EMAIL_FROM', 'Auth <auth@app.example.com>')");
    }

    private void refuse(String path, int status, String code) {
        worker.stubFor(post(path)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"refused\",\"code\":\"" + code + "\"}")));
    }

    private List<String> collect(UsersQuery query) {
        List<String> seen = new ArrayList<>();
        UsersQuery next = query;
        for (int pages = 0; pages < 20; pages++) {
            UsersPage page = users.list(user, project.id(), next);
            assertThat(page.users().size()).isLessThanOrEqualTo(query.pageSize());
            seen.addAll(ids(page));
            if (page.next() == null) {
                return seen;
            }
            next = query.next(page.next());
        }
        throw new AssertionError("paging did not end");
    }

    private UsersPage search(@Nullable String prefix, UsersQuery.Filter filter) {
        return users.list(user, project.id(), new UsersQuery(UsersQuery.Order.NEWEST, filter, prefix, null, false, 50));
    }

    private static List<String> ids(UsersPage page) {
        return page.users().stream().map(UserSummary::id).toList();
    }

    private static long rowsOf(DeletePreview preview, String table) {
        return preview.references().stream()
                .filter(r -> r.table().equals(table))
                .mapToLong(DeletePreview.Reference::rows)
                .sum();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("user", "account", "verification", "flarelink_ticket", "flarelink_auth_event")) {
            counts.put(table, query("SELECT count(*) AS n FROM \"" + table + "\""));
        }
        for (String table : List.of("note", "audit")) {
            if (query("SELECT count(*) AS n FROM sqlite_master WHERE name = ?", table) > 0) {
                counts.put(table, query("SELECT count(*) AS n FROM \"" + table + "\""));
            }
        }
        return counts;
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    private Map<String, Object> row(String id) {
        return rows("SELECT * FROM \"user\" WHERE \"id\" = ?", id).get(0);
    }

    private long query(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0).get("n")).longValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<String, Object>> rows(String sql, Object... params) {
        return (List) cf.d1()
                .batch(account.accountId(), project.d1DatabaseId(), List.of(D1Statement.of(sql, params)))
                .get(0)
                .results();
    }

    private void d1(String sql, Object... params) {
        cf.d1().batch(account.accountId(), project.d1DatabaseId(), List.of(D1Statement.of(sql, params)));
    }

    private @Nullable String kv(String key) {
        return cf.kv()
                .get(account.accountId(), project.kvNamespaceId(), key)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElse(null);
    }

    private void putKv(String key, String value) {
        cf.kv().put(account.accountId(), project.kvNamespaceId(), key, value.getBytes(StandardCharsets.UTF_8));
    }

    private String activityDump() {
        return String.join(
                "\n",
                jdbc.sql("select a::text from activity_event a where user_id = :user")
                        .param("user", user)
                        .query(String.class)
                        .list());
    }
}
