package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.TotpCodes;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.config.FlarelinkProperties;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Goal G5, the secret canary: one run through every flow that touches a secret (connect with a known Cloudflare
 * token, provision and reveal the service key, SQL, mint an R2 key, verify the Worker, the Activity log and its
 * exports), with a known master key and DEBUG logging, then a search for each secret in plain, hex, base64 and
 * base64url through every column of every table, every log line, every HTTP response and both exports. Only the
 * one-time display of a secret may hold it, exactly once. Failures name where, never the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.dev.flarelink=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
            // The SMTP server plays the mail provider, outside Flarelink: its own log is not searched.
            "logging.level.com.icegreen=WARN"
        })
@ActiveProfiles("sandbox")
class SecretCanaryIntegrationTests {

    private static final byte[] MASTER_KEY = new byte[32];
    private static final Pattern SERVICE_KEY = Pattern.compile("flarelink_sk_[0-9a-f]{64}");
    private static final Pattern ACCESS_KEY = Pattern.compile("id=\"access-key-id\">([0-9a-f]{32})<");
    private static final Pattern R2_SECRET = Pattern.compile("id=\"secret-access-key\">([0-9a-f]{64})<");
    private static final Pattern API_KEY = Pattern.compile("id=\"new-api-key\">(flk_[0-9a-f]{64})<");
    private static final Pattern EVENT_LINK = Pattern.compile("href=\"(/activity/\\d+)\"");

    private static final Pattern TOTP_SECRET = Pattern.compile("<code class=\"secret\">([A-Z2-7 ]+)</code>");
    private static final Pattern RECOVERY_CODE = Pattern.compile("<li>([A-Z2-7]{5}-[A-Z2-7]{5})</li>");
    private static final Pattern RESET_LINK = Pattern.compile("/reset-password#token=([A-Za-z0-9_-]+)");
    private static final Pattern VERIFY_LINK = Pattern.compile("/verify-email#token=([A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "a brand new passphrase of words";
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        new SecureRandom().nextBytes(MASTER_KEY);
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @DynamicPropertySource
    static void databaseAndKnownMasterKey(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("flarelink.master-key", () -> Base64.getEncoder().encodeToString(MASTER_KEY));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    AccountService accounts;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FlarelinkProperties properties;

    @Test
    void noSecretIsFoundAnywhereButItsOneTimeDisplay(CapturedOutput output) throws IOException {
        assertThat(LoggerFactory.getLogger("dev.flarelink").isDebugEnabled())
                .as("DEBUG logging is on, so debug statements are searched too")
                .isTrue();
        RecordingSession session = new RecordingSession(port);
        String email = Emails.unique("canary");
        UUID user = CanarySeed.signUp(session, accounts, email);
        SandboxToken token = CanarySeed.accountWithToken(sandbox, "Canary " + CanarySeed.suffix());

        UUID connection = CanarySeed.connect(session, token.value());
        String connectionPage = "/connections/" + connection;
        session.follow(session.submit(connectionPage, connectionPage + "/check", Map.of()));

        String bucket = "canary-" + CanarySeed.suffix();
        UUID project = CanarySeed.createProject(
                session, provisioning, "canary" + CanarySeed.suffix(), "https://app.example.com", bucket);
        String projectPage = "/projects/" + project;
        assertThat(session.get(projectPage).body()).contains("status-active");
        HttpResponse<String> serviceKeyShown = session.submit(projectPage, projectPage + "/service-key", Map.of());
        String serviceKey = find(SERVICE_KEY, serviceKeyShown.body(), 0);
        session.get(projectPage);

        // Authentication → Settings: the Resend key and the OAuth client secrets go to the Worker's D1 only.
        String authPage = projectPage + "/auth";
        String resendKey = "re_" + randomHex(20);
        String googleSecret = "GOCSPX-" + randomHex(14);
        String githubSecret = randomHex(20);
        session.follow(session.submit(
                authPage,
                authPage + "/email",
                Map.of(
                        "provider", "resend",
                        "from", "Canary <auth@app.example.com>",
                        "resendKey", resendKey,
                        "magicLinkEnabled", "true")));
        session.follow(session.submit(
                authPage,
                authPage + "/providers",
                Map.of(
                        "googleClientId",
                        "canary.apps.googleusercontent.com",
                        "googleClientSecret",
                        googleSecret,
                        "githubClientId",
                        "Iv1.canary",
                        "githubClientSecret",
                        githubSecret)));
        assertThat(session.get(authPage).body())
                .as("the settings page shows the secrets as set")
                .contains("set, ends …" + resendKey.substring(resendKey.length() - 4))
                .contains("set, ends …" + githubSecret.substring(githubSecret.length() - 4));
        session.follow(session.submit(authPage, authPage + "/test-email", Map.of("to", "owner@example.com")));
        session.get(authPage + "/preview/magic-link");

        String db = "/database/" + connection + "/"
                + provisioning.get(user, project).d1DatabaseId();
        String console = db + "/console";
        String ran = session.submit(
                        console,
                        console,
                        Map.of(
                                "sql",
                                "CREATE TABLE canary_notes (id INTEGER PRIMARY KEY, body TEXT);"
                                        + " INSERT INTO canary_notes (body) VALUES ('hello canary');"
                                        + " SELECT body FROM canary_notes",
                                "confirmed",
                                "true"))
                .body();
        assertThat(ran).as("the console ran the script").contains("hello canary");
        session.get(db);
        session.get(db + "/table?name=canary_notes");

        String bucketPage = "/files/" + connection + "/" + bucket;
        HttpResponse<String> keyShown = session.submit(bucketPage, bucketPage + "/keys", Map.of());
        String r2Secret = find(R2_SECRET, keyShown.body(), 1);
        String r2Token = tokenValueInTheSandbox(find(ACCESS_KEY, keyShown.body(), 1));
        assertThat(keyShown.body())
                .as("the minted key went into the project's config")
                .contains("key-stored");
        session.get(bucketPage);
        session.get(bucketPage + "/objects");

        HttpResponse<String> verified = session.submit(projectPage + "/verify", projectPage + "/verify", Map.of());
        assertThat(session.follow(verified).body())
                .as("the Worker was verified")
                .contains("id=\"verify-result\">Passed<");
        session.follow(session.submit(projectPage + "/leave", projectPage + "/leave/check-token", Map.of()));

        // A personal API key, shown once, then used the way the MCP server uses it.
        HttpResponse<String> apiKeyShown =
                session.submit("/account/api-keys", "/account/api-keys", Map.of("name", "canary key", "scope", "full"));
        String apiKey = find(API_KEY, apiKeyShown.body(), 1);
        session.get("/account/api-keys");
        assertThat(session.api("GET", "/api/me", apiKey, null).statusCode()).isEqualTo(200);
        assertThat(session.api("GET", "/api/projects", apiKey, null).statusCode())
                .isEqualTo(200);
        assertThat(session.api(
                                "POST",
                                "/api/d1/query/"
                                        + provisioning.get(user, project).d1DatabaseId(),
                                apiKey,
                                "{\"sql\":\"SELECT body FROM canary_notes WHERE body = ?\",\"params\":[\"hello canary\"]}")
                        .body())
                .contains("hello canary");
        assertThat(session.api("GET", "/api/no-such-route", apiKey, null).statusCode())
                .isEqualTo(404);

        String activity = session.get("/activity").body();
        Matcher events = EVENT_LINK.matcher(activity);
        int eventPages = 0;
        while (events.find()) {
            session.get(events.group(1));
            eventPages++;
        }
        assertThat(eventPages).as("the Activity page lists the calls made").isGreaterThan(10);
        session.submit("/activity", "/activity/verify", Map.of());
        String csv = session.get("/activity/export.csv").body();
        String jsonLines = session.get("/activity/export.jsonl").body();
        assertThat(csv).contains("d1.database.query").contains(connection.toString());
        assertThat(csv)
                .as("the API calls are in the log")
                .contains("api.request")
                .contains("canary key");
        assertThat(jsonLines).contains("canary_notes");
        for (String page : List.of(
                "/projects",
                "/connect",
                "/files",
                "/database",
                "/account",
                "/trust",
                "/docs",
                "/actuator/health",
                "/projects/" + UUID.randomUUID(),
                "/no-such-page")) {
            session.get(page);
        }

        // Two-factor: the app's secret is shown while setting up, the recovery codes once when it is turned on (the
        // CSRF tokens come from /account, so each of those pages is requested exactly once).
        session.submit("/account", "/account/two-factor/start", Map.of());
        String groupedSecret =
                find(TOTP_SECRET, session.get("/account/two-factor").body(), 1);
        byte[] totpSecret = new Base32().decode(groupedSecret.replace(" ", ""));
        HttpResponse<String> turnedOn = session.submit(
                "/account",
                "/account/two-factor/confirm",
                Map.of("code", new TotpCodes().codeAt(totpSecret, Instant.now())));
        List<String> recoveryCodes = RECOVERY_CODE
                .matcher(turnedOn.body())
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(recoveryCodes).as("ten recovery codes shown").hasSize(10);
        session.get("/account/sessions");

        // A second sign-in, through the second step with a recovery code, then a password reset by e-mail.
        RecordingSession again = new RecordingSession(port);
        again.submit("/signin", "/signin", Map.of("email", email, "password", CanarySeed.PASSWORD));
        HttpResponse<String> secondStep =
                again.submit("/signin/two-factor", "/signin/two-factor", Map.of("code", recoveryCodes.get(0)));
        assertThat(secondStep.headers().firstValue("Location").orElse("")).endsWith("/projects");
        again.get("/projects");
        String verifyToken = find(VERIFY_LINK, mailBody(awaitMail("Confirm your e-mail address for Flarelink")), 1);
        again.submit("/verify-email", "/verify-email", Map.of("token", verifyToken));
        again.submit("/forgot-password", "/forgot-password", Map.of("email", email));
        String resetToken = find(RESET_LINK, mailBody(awaitMail("Reset your Flarelink password")), 1);
        HttpResponse<String> reset = again.submit(
                "/reset-password", "/reset-password", Map.of("token", resetToken, "password", NEW_PASSWORD));
        assertThat(reset.headers().firstValue("Location").orElse("")).endsWith("/signin?reset");
        again.get("/signin?reset");
        again.get("/activity");

        List<Canary> recoveryCanaries = recoveryCodes.stream()
                .map(code -> new Canary("a recovery code", Map.of("plain", code, "compact", code.replace("-", ""))))
                .toList();
        Canary totpCanary = Canary.ofTotpSecret(groupedSecret, totpSecret);
        Canary apiKeyCanary = Canary.ofText("the personal API key", apiKey);
        List<Canary> canaries = new ArrayList<>(List.of(
                Canary.ofText("the Cloudflare token", token.value()),
                Canary.ofText("the service key", serviceKey),
                Canary.ofText("the R2 secret access key", r2Secret),
                Canary.ofText("the R2 token behind the minted key", r2Token),
                Canary.ofText("the account password", CanarySeed.PASSWORD),
                Canary.ofText("the Resend API key", resendKey),
                Canary.ofText("the Google client secret", googleSecret),
                Canary.ofText("the GitHub client secret", githubSecret),
                Canary.ofMasterKey(MASTER_KEY),
                Canary.ofText("the password-reset token", resetToken),
                Canary.ofText("the e-mail verification token", verifyToken),
                Canary.ofText("the new account password", NEW_PASSWORD),
                totpCanary,
                apiKeyCanary));
        canaries.addAll(recoveryCanaries);
        Map<String, List<Canary>> displayedOnceBy = Map.of(
                "POST " + projectPage + "/service-key",
                List.of(canaries.get(1)),
                "POST " + bucketPage + "/keys",
                List.of(canaries.get(2)),
                "GET /account/two-factor",
                List.of(totpCanary),
                "POST /account/two-factor/confirm",
                recoveryCanaries,
                "POST /account/api-keys",
                List.of(apiKeyCanary));

        assertThat(searchCloudflareSide(canaries))
                .as("positive control: the search finds the secrets where Cloudflare (the sandbox) keeps them")
                .contains("the Cloudflare token (plain) in the sandbox's state.json")
                .anyMatch(finding -> finding.startsWith("the R2 secret access key (plain) in the sandbox's "))
                .anyMatch(finding -> finding.startsWith("the Resend API key (plain) in the sandbox's "));

        List<String> findings = new ArrayList<>();
        findings.addAll(searchDatabase(canaries));
        findings.addAll(searchLog(output.getAll(), canaries));
        List<RecordingSession.Exchange> exchanges = new ArrayList<>(session.exchanges());
        exchanges.addAll(again.exchanges());
        findings.addAll(searchResponses(exchanges, canaries, displayedOnceBy));
        findings.addAll(search("the activity CSV export", csv, canaries));
        findings.addAll(search("the activity JSON Lines export", jsonLines, canaries));

        assertThat(findings)
                .as("places that hold a secret (the secret itself is never printed)")
                .isEmpty();
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** Every column of every table of every schema Flarelink owns, as text; bytea as hex, base64 and raw bytes. */
    private List<String> searchDatabase(List<Canary> canaries) {
        record Column(String schema, String table, String name, String type) {}
        List<Column> columns = jdbc.sql("""
                        select c.table_schema, c.table_name, c.column_name, c.data_type
                        from information_schema.columns c
                        join information_schema.tables t
                          on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where t.table_type = 'BASE TABLE'
                          and c.table_schema not in ('pg_catalog', 'information_schema')
                        order by 1, 2, c.ordinal_position""")
                .query((rs, i) -> new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        assertThat(columns).as("the dump sees Flarelink's tables").hasSizeGreaterThan(50);
        List<String> findings = new ArrayList<>();
        long rows = 0;
        for (Column column : columns) {
            String where = "table " + column.schema() + "." + column.table() + ", column " + column.name();
            String from = " from \"" + column.schema() + "\".\"" + column.table() + "\"";
            String quoted = "\"" + column.name() + "\"";
            if (column.type().equals("bytea")) {
                List<byte[]> values = jdbc.sql("select " + quoted + from + " where " + quoted + " is not null")
                        .query((rs, i) -> rs.getBytes(1))
                        .list();
                for (byte[] value : values) {
                    String raw = new String(value, StandardCharsets.ISO_8859_1);
                    findings.addAll(search(where + " (raw bytes)", raw, canaries));
                    findings.addAll(search(where + " (hex)", HexFormat.of().formatHex(value), canaries));
                    findings.addAll(
                            search(where + " (base64)", Base64.getEncoder().encodeToString(value), canaries));
                }
                rows += values.size();
            } else {
                List<String> values = jdbc.sql(
                                "select " + quoted + "::text" + from + " where " + quoted + " is not null")
                        .query(String.class)
                        .list();
                for (String value : values) {
                    findings.addAll(search(where, value, canaries));
                }
                rows += values.size();
            }
        }
        assertThat(rows).as("the dump read the data the run wrote").isGreaterThan(100);
        return findings;
    }

    /** The emulator's files: Cloudflare's side, which does hold the token and (in the project's D1) the R2 key. */
    private List<String> searchCloudflareSide(List<Canary> canaries) throws IOException {
        List<String> findings = new ArrayList<>();
        Path root = properties.dataDir().resolve("sandbox");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                findings.addAll(search("the sandbox's " + root.relativize(file), raw, canaries));
            }
        }
        return findings;
    }

    private static List<String> searchLog(String log, List<Canary> canaries) {
        String[] lines = log.split("\n", -1);
        assertThat(lines.length).as("the log was captured").isGreaterThan(100);
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            findings.addAll(search("log line " + (i + 1), lines[i], canaries));
        }
        return findings;
    }

    private static List<String> searchResponses(
            List<RecordingSession.Exchange> exchanges,
            List<Canary> canaries,
            Map<String, List<Canary>> displayedOnceBy) {
        List<String> findings = new ArrayList<>();
        Map<Canary, Integer> displays = new LinkedHashMap<>();
        for (RecordingSession.Exchange exchange : exchanges) {
            String where = "the response to " + exchange.request() + " (HTTP " + exchange.status() + ")";
            List<Canary> shown = displayedOnceBy.getOrDefault(exchange.request(), List.of());
            findings.addAll(search(where + ", headers", exchange.headers(), canaries));
            for (Canary canary : canaries) {
                if (!shown.contains(canary)) {
                    findings.addAll(search(where, exchange.body(), List.of(canary)));
                    continue;
                }
                int count = canary.plainCount(exchange.body());
                if (count != 1) {
                    findings.add(where + " shows " + canary.name() + " " + count + " times instead of exactly once");
                }
                findings.addAll(search(where, exchange.body(), List.of(canary.withoutPlain())));
                displays.merge(canary, 1, Integer::sum);
            }
        }
        for (Canary canary :
                displayedOnceBy.values().stream().flatMap(List::stream).toList()) {
            if (displays.getOrDefault(canary, 0) != 1) {
                findings.add(canary.name() + " was displayed by " + displays.getOrDefault(canary, 0)
                        + " responses instead of one");
            }
        }
        return findings;
    }

    private static List<String> search(String where, String haystack, List<Canary> canaries) {
        List<String> findings = new ArrayList<>();
        for (Canary canary : canaries) {
            canary.forms().forEach((encoding, needle) -> {
                if (haystack.contains(needle)) {
                    findings.add(canary.name() + " (" + encoding + ") in " + where);
                }
            });
        }
        return findings;
    }

    /** The one mail with {@code subject}, waiting up to 20 s for it. */
    private static MimeMessage awaitMail(String subject) {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                try {
                    if (subject.equals(message.getSubject())) {
                        return message;
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no mail \"" + subject + "\" arrived");
    }

    private static String mailBody(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern pattern, String body, int group) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as("the page shows the one-time value").isTrue();
        return matcher.group(group);
    }

    /** The minted token's value, read from the emulator's own state file (Cloudflare's side, not Flarelink's). */
    private String tokenValueInTheSandbox(String tokenId) throws IOException {
        String state = Files.readString(properties.dataDir().resolve("sandbox").resolve("state.json"));
        String value = JsonMapper.shared()
                .readTree(state)
                .path("tokens")
                .path(tokenId)
                .path("value")
                .asString();
        assertThat(value).as("the sandbox holds the minted token").isNotBlank();
        return value;
    }

    /** One secret and the encodings it is searched in; {@link #toString()} never shows them. */
    record Canary(String name, Map<String, String> forms) {

        private static final int MIN_LENGTH = 12;

        static Canary ofText(String name, String secret) {
            return of(name, secret, secret.getBytes(StandardCharsets.UTF_8));
        }

        /** The key's raw bytes, and its configured base64 text as a secret of its own. */
        static Canary ofMasterKey(byte[] key) {
            Canary raw = of("the master key", new String(key, StandardCharsets.ISO_8859_1), key);
            String configured = Base64.getEncoder().encodeToString(key);
            Map<String, String> forms = new LinkedHashMap<>(raw.forms());
            ofText("the master key", configured)
                    .forms()
                    .forEach((encoding, text) -> forms.putIfAbsent("configured text, " + encoding, text));
            return new Canary("the master key", forms);
        }

        /** Shown grouped by four, as the set-up page does; also searched ungrouped and in the raw bytes' forms. */
        static Canary ofTotpSecret(String grouped, byte[] secret) {
            Map<String, String> forms = new LinkedHashMap<>(
                    of("the two-factor secret", grouped, secret).forms());
            forms.put("base32", grouped.replace(" ", ""));
            return new Canary("the two-factor secret", forms);
        }

        private static Canary of(String name, String plain, byte[] bytes) {
            assertThat(bytes.length).as("a canary is long enough to be unique").isGreaterThanOrEqualTo(MIN_LENGTH);
            Map<String, String> forms = new LinkedHashMap<>();
            forms.put("plain", plain);
            forms.put("hex", HexFormat.of().formatHex(bytes));
            forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
            // Without padding, so the secret is also found inside a longer base64 text.
            forms.put("base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            return new Canary(name, forms);
        }

        int plainCount(String haystack) {
            String plain = forms.get("plain");
            int count = 0;
            for (int at = haystack.indexOf(plain); at >= 0; at = haystack.indexOf(plain, at + plain.length())) {
                count++;
            }
            return count;
        }

        Canary withoutPlain() {
            Map<String, String> rest = new LinkedHashMap<>(forms);
            rest.keySet().removeAll(Set.of("plain"));
            return new Canary(name, rest);
        }

        @Override
        public String toString() {
            return "Canary[" + name + "]";
        }
    }
}
