package dev.flarelink.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.shared.NotFoundException;
import dev.flarelink.support.TestPostgres;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Buckets, CORS and R2 keys against the Cloudflare emulator and its S3 endpoint, with a real PostgreSQL. */
@SpringBootTest
class FilesIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    BucketService buckets;

    @Autowired
    CorsService cors;

    @Autowired
    R2KeyService keys;

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    S3Transport s3;

    @Autowired
    JdbcClient jdbc;

    UUID user;
    String accountId;
    UUID connection;

    @BeforeEach
    void connectedUser() {
        user = newUser();
        accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
        connection = connect(user, SandboxPermission.flarelinkFive());
    }

    @Test
    void refusesBadBucketNamesBeforeAnyCloudflareCall() {
        long before = calls(user);

        for (String bad : List.of("ab", "Uploads", "my_bucket", "-files", "files-", "a".repeat(64), "with space")) {
            assertThatThrownBy(() -> buckets.create(user, new CreateBucketCommand(connection, bad, null)))
                    .isInstanceOf(FilesProblemException.class)
                    .satisfies(
                            e -> assertThat(((FilesProblemException) e).field()).isEqualTo("name"));
        }
        assertThatThrownBy(() -> buckets.create(user, new CreateBucketCommand(connection, "fine-name", "mars")))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("weur");
        assertThat(calls(user)).isEqualTo(before);
    }

    @Test
    void createsListsAndDeletesABucketRecordingBoth() {
        buckets.create(user, new CreateBucketCommand(connection, "app-files", "weur"));

        assertThat(buckets.bucketsOf(user))
                .singleElement()
                .satisfies(c ->
                        assertThat(c.buckets()).extracting(BucketView::name).containsExactly("app-files"));
        assertThatThrownBy(() -> buckets.create(user, new CreateBucketCommand(connection, "app-files", null)))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> buckets.delete(user, new DeleteBucketCommand(connection, "app-files", "app-file")))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("Type the bucket's name");

        buckets.delete(user, new DeleteBucketCommand(connection, "app-files", "app-files"));

        assertThat(buckets.bucketsOf(user).get(0).buckets()).isEmpty();
        assertThat(actions(user)).contains("bucket.created", "bucket.deleted");
    }

    @Test
    void explainsWhyANonEmptyBucketIsNotDeleted() {
        buckets.create(user, new CreateBucketCommand(connection, "full-bucket", null));
        SandboxToken r2 = sandbox.createToken(accountId, Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));
        assertThat(put(keypair(r2), "full-bucket", "a.txt").status()).isEqualTo(200);

        assertThatThrownBy(
                        () -> buckets.delete(user, new DeleteBucketCommand(connection, "full-bucket", "full-bucket")))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("not empty")
                .hasMessageContaining("10008")
                .hasMessageContaining("Nothing was deleted");
        assertThat(buckets.bucket(user, connection, "full-bucket").name()).isEqualTo("full-bucket");
    }

    @Test
    void appliesTheUploadRuleAndSaysItInPlainWords() {
        buckets.create(user, new CreateBucketCommand(connection, "uploads", null));

        cors.allowUploads(user, new AllowUploadsCommand(connection, "uploads", "https://app.example.com\n\n"));

        assertThat(cors.rules(user, connection, "uploads")).singleElement().satisfies(rule -> {
            assertThat(rule.sentence())
                    .isEqualTo("Browsers on https://app.example.com may GET, PUT and HEAD objects, sending "
                            + "content-type; they can read ETag; the answer is cached 1 hour");
            assertThat(rule.methods()).containsExactly("GET", "PUT", "HEAD");
            assertThat(rule.maxAgeSeconds()).isEqualTo(3600);
        });
        assertThat(actions(user)).contains("cors.changed");
    }

    @Test
    void refusesInvalidOriginsWithAMessageForTheFieldAndChangesNothing() {
        buckets.create(user, new CreateBucketCommand(connection, "strict", null));
        List<String> bad = List.of(
                "app.example.com",
                "https://app.example.com/",
                "https://app.example.com/upload",
                "ftp://app.example.com",
                "https://app.*.example.com",
                "https://example.com:*",
                "https://*example.com");

        for (String origin : bad) {
            assertThatThrownBy(() -> cors.addRule(
                            user, new CorsRuleCommand(connection, "strict", origin, List.of("GET"), "", "", "")))
                    .as(origin)
                    .isInstanceOf(FilesProblemException.class)
                    .satisfies(
                            e -> assertThat(((FilesProblemException) e).field()).isEqualTo("origins"));
        }
        assertThat(cors.rules(user, connection, "strict")).isEmpty();

        List<CorsRuleView> added = cors.addRule(
                user,
                new CorsRuleCommand(
                        connection, "strict", "https://*.example.com\n*", List.of("GET", "DELETE"), "", "ETag", "600"));
        assertThat(added.get(0).sentence()).startsWith("Browsers on any site may GET and DELETE objects");
        assertThatThrownBy(() -> cors.addRule(
                        user, new CorsRuleCommand(connection, "strict", "https://a.example", List.of(), "", "", "")))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("PUT");
        assertThatThrownBy(() -> cors.addRule(
                        user,
                        new CorsRuleCommand(
                                connection, "strict", "https://a.example", List.of("GET"), "", "", "90000")))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("86400");
    }

    @Test
    void liveCheckPassesForAnAllowedOriginAndFailsForAnother() {
        buckets.create(user, new CreateBucketCommand(connection, "checked", null));
        cors.allowUploads(user, new AllowUploadsCommand(connection, "checked", "https://app.example.com"));

        CorsCheckResult allowed = cors.check(
                user, new CorsCheckCommand(connection, "checked", "https://app.example.com", "PUT", "content-type"));
        CorsCheckResult other = cors.check(
                user, new CorsCheckCommand(connection, "checked", "https://evil.example", "PUT", "content-type"));
        CorsCheckResult method =
                cors.check(user, new CorsCheckCommand(connection, "checked", "https://app.example.com", "DELETE", ""));

        assertThat(allowed.passed()).isTrue();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.matchedRule()).isNotNull();
        assertThat(allowed.responseHeaders()).containsEntry("access-control-allow-origin", "https://app.example.com");
        assertThat(allowed.verdict()).startsWith("Passes").contains("rule 1");
        assertThat(other.passed()).isFalse();
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.matchedRule()).isNull();
        assertThat(other.verdict()).startsWith("Fails: no rule allows PUT from https://evil.example");
        assertThat(method.passed()).isFalse();

        cors.deleteAll(user, connection, "checked");
        assertThat(cors.check(user, new CorsCheckCommand(connection, "checked", "https://app.example.com", "PUT", ""))
                        .passed())
                .isFalse();
    }

    @Test
    void mintedKeyWorksOnItsBucketOnlyAndIsNeverStored() {
        buckets.create(user, new CreateBucketCommand(connection, "scoped", null));
        buckets.create(user, new CreateBucketCommand(connection, "elsewhere", null));

        MintedKey minted = keys.mint(user, connection, "scoped");

        assertThat(minted.key().name()).matches("flarelink-r2-scoped-\\d{14}");
        assertThat(minted.keypair().accessKeyId()).matches("[0-9a-f]{32}");
        assertThat(minted.keypair().secretAccessKey()).matches("[0-9a-f]{64}");
        assertThat(minted.keypair().toString()).doesNotContain(minted.keypair().secretAccessKey());
        assertThat(put(minted.keypair(), "scoped", "hello.txt").status()).isEqualTo(200);
        assertThat(list(minted.keypair(), "scoped").body()).contains("hello.txt");
        assertThat(put(minted.keypair(), "elsewhere", "hello.txt").status()).isEqualTo(403);
        assertThat(keys.keysOf(user, connection))
                .singleElement()
                .satisfies(k -> assertThat(k.inCloudflare()).isEqualTo("active"));
        assertThat(databaseDump())
                .contains(minted.keypair().accessKeyId())
                .doesNotContain(minted.keypair().secretAccessKey());
        assertThat(actions(user)).contains("key.minted");
    }

    @Test
    void regenerateStopsTheOldKeyAndRevokeStopsTheNewOne() {
        buckets.create(user, new CreateBucketCommand(connection, "rotated", null));
        MintedKey first = keys.mint(user, connection, "rotated");

        MintedKey second = keys.regenerate(user, connection, first.key().id());

        assertThat(second.keypair().accessKeyId()).isNotEqualTo(first.keypair().accessKeyId());
        assertThat(put(first.keypair(), "rotated", "x").status()).isEqualTo(403);
        assertThat(put(second.keypair(), "rotated", "x").status()).isEqualTo(200);
        assertThat(keys.keysOf(user, connection))
                .extracting(R2KeyView::accessKeyId, R2KeyView::inCloudflare)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(second.keypair().accessKeyId(), "active"),
                        org.assertj.core.groups.Tuple.tuple(first.keypair().accessKeyId(), "revoked"));

        keys.revoke(user, connection, second.key().id());

        assertThat(put(second.keypair(), "rotated", "y").status()).isEqualTo(403);
        assertThat(keys.keysOf(user, connection))
                .allSatisfy(k -> assertThat(k.revoked()).isTrue());
        assertThat(databaseDump())
                .doesNotContain(first.keypair().secretAccessKey())
                .doesNotContain(second.keypair().secretAccessKey());
        assertThat(actions(user)).contains("key.minted", "key.revoked");
    }

    @Test
    void aKeyDeletedInCloudflareShowsAsMissing() {
        buckets.create(user, new CreateBucketCommand(connection, "watched", null));
        MintedKey minted = keys.mint(user, connection, "watched");

        sandbox.revokeToken(minted.keypair().accessKeyId());

        assertThat(keys.keysOf(user, connection))
                .singleElement()
                .satisfies(k -> assertThat(k.inCloudflare()).isEqualTo("missing"));
    }

    @Test
    void minimalModeRefusesToMintButTestsAPastedKeypair() {
        UUID other = newUser();
        Set<SandboxPermission> four = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        four.remove(SandboxPermission.USER_API_TOKENS_EDIT);
        UUID minimal = connect(other, four);
        buckets.create(other, new CreateBucketCommand(minimal, "pasted", null));
        SandboxToken r2 = sandbox.createToken(accountId, Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));

        assertThat(keys.canMint(other, minimal)).isFalse();
        assertThatThrownBy(() -> keys.mint(other, minimal, "pasted"))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("R2 → Manage R2 API Tokens");
        KeyCapabilities works =
                keys.test(other, new PastedKeyCommand(minimal, "pasted", r2.r2AccessKeyId(), r2.r2SecretAccessKey()));
        assertThat(works.canList()).isTrue();
        assertThat(works.canWrite()).isTrue();
        assertThat(works.summary()).startsWith("This key works");
        assertThatThrownBy(() -> keys.test(other, new PastedKeyCommand(minimal, "pasted", "abc", "def")))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("32 hexadecimal");
        assertThatThrownBy(() ->
                        keys.test(other, new PastedKeyCommand(minimal, "pasted", r2.r2AccessKeyId(), "0".repeat(64))))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("secret does not match");
        assertThatThrownBy(() -> keys.test(
                        other, new PastedKeyCommand(minimal, "pasted", "f".repeat(32), r2.r2SecretAccessKey())))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("does not know this access key id");
        assertThat(databaseDump()).doesNotContain(r2.r2SecretAccessKey());
    }

    @Test
    void anotherUsersConnectionBucketAndKeyAreNotFound() {
        buckets.create(user, new CreateBucketCommand(connection, "private", null));
        MintedKey minted = keys.mint(user, connection, "private");
        UUID stranger = newUser();

        assertThatThrownBy(() -> buckets.bucket(stranger, connection, "private"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cors.rules(stranger, connection, "private")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> keys.revoke(stranger, connection, minted.key().id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> buckets.bucket(user, connection, "no-such-bucket"))
                .isInstanceOf(BucketNotFoundException.class);
        assertThat(buckets.bucketsOf(stranger)).isEmpty();
    }

    private UUID newUser() {
        return accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
    }

    private UUID connect(UUID owner, Set<SandboxPermission> permissions) {
        SandboxToken token = sandbox.createToken(accountId, permissions);
        return connections
                .connect(owner, new ConnectCommand(token.value(), null))
                .connection()
                .id();
    }

    private S3Transport.Answer put(S3Keypair keypair, String bucket, String key) {
        return s3.signed("PUT", URI.create(sandbox.s3Endpoint() + "/" + bucket + "/" + key), keypair, new byte[] {1});
    }

    private S3Transport.Answer list(S3Keypair keypair, String bucket) {
        return s3.signed("GET", URI.create(sandbox.s3Endpoint() + "/" + bucket + "?list-type=2"), keypair, new byte[0]);
    }

    private static S3Keypair keypair(SandboxToken token) {
        return new S3Keypair(token.r2AccessKeyId(), token.r2SecretAccessKey());
    }

    private long calls(UUID owner) {
        return jdbc.sql("select count(*) from activity_event where user_id = :u and kind = 'call'")
                .param("u", owner)
                .query(Long.class)
                .single();
    }

    private List<String> actions(UUID owner) {
        return jdbc.sql("select action from activity_event where user_id = :u and kind = 'action'")
                .param("u", owner)
                .query(String.class)
                .list();
    }

    /** Every row of every table Flarelink keeps, as text. */
    private String databaseDump() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list();
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            jdbc.sql("select t::text from \"" + table + "\" t")
                    .query(String.class)
                    .list()
                    .forEach(row -> dump.append(table).append(' ').append(row).append('\n'));
        }
        return dump.toString();
    }
}
