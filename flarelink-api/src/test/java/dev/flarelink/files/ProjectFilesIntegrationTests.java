package dev.flarelink.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.shared.NotFoundException;
import dev.flarelink.support.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Buckets of a project: keys written into (and cleared from) the project's D1 flarelink_config, and the file browser
 * with presigned URLs, against the emulator's API and S3 endpoint and a real PostgreSQL.
 */
@SpringBootTest
class ProjectFilesIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    ProjectFilesService projectFiles;

    @Autowired
    FileBrowserService browser;

    @Autowired
    R2KeyService keys;

    @Autowired
    BucketService buckets;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    CloudflareClient client;

    @Autowired
    S3Transport s3;

    @Autowired
    JdbcClient jdbc;

    UUID user;
    String accountId;
    SandboxToken token;
    UUID connection;
    ProjectView project;

    @BeforeEach
    void userWithAProjectAndItsBucket() throws Exception {
        user = newUser();
        accountId = sandbox.createAccount("Files " + UUID.randomUUID());
        token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        registerSubdomain();
        connection = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection()
                .id();
        ProjectView started = provisioning.create(
                user, new CreateProjectCommand(connection, "shop", "https://app.example.com", "shop-files"));
        assertThat(provisioning.awaitIdle(started.id(), Duration.ofSeconds(60))).isTrue();
        project = provisioning.get(user, started.id());
        assertThat(project.status()).isEqualTo("active");
    }

    @Test
    void aMintedKeyIsWrittenIntoTheProjectsConfigAndNowhereInFlarelink() {
        MintedKey minted = keys.mint(user, connection, "shop-files");

        assertThat(minted.storedIn().projectName()).isEqualTo("shop");
        assertThat(r2Config())
                .containsEntry("R2_ACCESS_KEY_ID", minted.keypair().accessKeyId())
                .containsEntry("R2_SECRET_ACCESS_KEY", minted.keypair().secretAccessKey())
                .containsEntry("R2_ACCOUNT_ID", accountId);
        assertThat(config()).containsKey("BETTER_AUTH_SECRET");
        assertThat(databaseDump())
                .contains(minted.keypair().accessKeyId())
                .doesNotContain(minted.keypair().secretAccessKey());
        assertThat(actions()).contains("config.r2_key_written");
    }

    @Test
    void regenerateWritesTheNewKeyThenTheOldOneStopsWorking() {
        MintedKey first = keys.mint(user, connection, "shop-files");
        assertThat(list(first.keypair())).isEqualTo(200);

        MintedKey second = keys.regenerate(user, connection, first.key().id());

        assertThat(r2Config())
                .containsEntry("R2_ACCESS_KEY_ID", second.keypair().accessKeyId())
                .containsEntry("R2_SECRET_ACCESS_KEY", second.keypair().secretAccessKey());
        assertThat(list(first.keypair())).isEqualTo(403);
        assertThat(list(second.keypair())).isEqualTo(200);
        assertThat(databaseDump()).doesNotContain(second.keypair().secretAccessKey());
    }

    @Test
    void revokeDeletesTheTokenAndClearsTheConfig() {
        MintedKey minted = keys.mint(user, connection, "shop-files");

        keys.revoke(user, connection, minted.key().id());

        assertThat(r2Config()).isEmpty();
        assertThat(config()).containsKey("BETTER_AUTH_SECRET");
        assertThat(list(minted.keypair())).isEqualTo(403);
        assertThat(actions()).contains("config.r2_key_cleared");
    }

    @Test
    void anAttachedBucketTakesAPastedKeyOnlyAfterTheSignedTestSucceeds() {
        buckets.create(user, new CreateBucketCommand(connection, "shop-extra", null));
        assertThat(projectFiles.projectOf(user, connection, "shop-extra")).isEmpty();

        projectFiles.attach(user, connection, "shop-extra", project.id());

        assertThat(projectFiles.projectOf(user, connection, "shop-extra"))
                .hasValueSatisfying(p -> assertThat(p.trustedOrigins()).containsExactly("https://app.example.com"));
        SandboxToken noR2 = sandbox.createToken(accountId, Set.of(SandboxPermission.D1_EDIT));
        KeyCapabilities refused = keys.test(user, pasted("shop-extra", noR2));
        assertThat(refused.storedIn()).isNull();
        assertThat(r2Config()).isEmpty();

        SandboxToken r2 = sandbox.createToken(accountId, Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));
        KeyCapabilities accepted = keys.test(user, pasted("shop-extra", r2));

        assertThat(accepted.storedIn().projectName()).isEqualTo("shop");
        assertThat(r2Config())
                .containsEntry("R2_ACCESS_KEY_ID", r2.r2AccessKeyId())
                .containsEntry("R2_SECRET_ACCESS_KEY", r2.r2SecretAccessKey());
        assertThat(databaseDump()).doesNotContain(r2.r2SecretAccessKey());
    }

    @Test
    void presignedUrlsUploadAndDownloadDirectlyAndTheListingShowsFolders() throws Exception {
        keys.mint(user, connection, "shop-files");

        URI upload = browser.uploadUrl(user, connection, "shop-files", "docs/hello world.txt");
        assertThat(upload.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
        assertThat(send("PUT", upload, "hi there").statusCode()).isEqualTo(200);
        assertThat(send("PUT", browser.uploadUrl(user, connection, "shop-files", "top.txt"), "x")
                        .statusCode())
                .isEqualTo(200);

        ObjectListing root = browser.list(user, connection, "shop-files", "");
        assertThat(root.folders()).extracting(ObjectListing.Folder::name).containsExactly("docs");
        assertThat(root.objects()).extracting(ObjectListing.Entry::name).containsExactly("top.txt");
        ObjectListing docs = browser.list(user, connection, "shop-files", "docs/");
        assertThat(docs.parent()).isEmpty();
        assertThat(docs.objects()).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("docs/hello world.txt");
            assertThat(o.size()).isEqualTo(8);
            assertThat(o.lastModified()).isNotNull();
        });

        HttpResponse<String> download =
                send("GET", browser.downloadUrl(user, connection, "shop-files", "docs/hello world.txt"), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("hi there");

        assertThat(browser.delete(user, connection, "shop-files", List.of("docs/hello world.txt", "top.txt")))
                .isEqualTo(2);
        assertThat(browser.list(user, connection, "shop-files", "").objects()).isEmpty();
        assertThat(actions()).contains("object.upload_signed", "object.download_signed", "object.deleted");
    }

    @Test
    void aPresignedUrlStopsWorkingWhenItExpires() throws Exception {
        MintedKey minted = keys.mint(user, connection, "shop-files");
        URI object = FileBrowserService.objectUrl(URI.create(sandbox.s3Endpoint()), "shop-files", "late.txt");
        S3Transport signedLongAgo = new S3Transport(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16)));

        URI expired = signedLongAgo.presign("PUT", object, minted.keypair(), FileBrowserService.URL_VALIDITY);
        URI fresh = s3.presign("PUT", object, minted.keypair(), FileBrowserService.URL_VALIDITY);

        assertThat(send("PUT", expired, "late").statusCode()).isEqualTo(403);
        assertThat(send("PUT", fresh, "on time").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAProjectKeyTheBrowserSaysWhatToDo() {
        assertThatThrownBy(() -> browser.list(user, connection, "shop-files", ""))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("has no R2 key yet");
        buckets.create(user, new CreateBucketCommand(connection, "loose-bucket", null));
        assertThatThrownBy(() -> browser.uploadUrl(user, connection, "loose-bucket", "a.txt"))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("Attach this bucket to a project");
    }

    @Test
    void anotherUserReachesNeitherTheProjectNorTheFiles() {
        keys.mint(user, connection, "shop-files");
        UUID stranger = newUser();

        assertThatThrownBy(() -> browser.list(stranger, connection, "shop-files", ""))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> browser.uploadUrl(stranger, connection, "shop-files", "a.txt"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> projectFiles.attach(stranger, connection, "shop-files", project.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(projectFiles.projectOf(stranger, connection, "shop-files")).isEmpty();
    }

    private PastedKeyCommand pasted(String bucket, SandboxToken r2) {
        return new PastedKeyCommand(connection, bucket, r2.r2AccessKeyId(), r2.r2SecretAccessKey());
    }

    private int list(S3Keypair keypair) {
        return s3.signed("GET", URI.create(sandbox.s3Endpoint() + "/shop-files?list-type=2"), keypair, new byte[0])
                .status();
    }

    private Map<String, String> config() {
        Map<String, String> values = new HashMap<>();
        client.withToken(ApiToken.of(token.value()))
                .d1()
                .query(accountId, project.d1DatabaseId(), "SELECT key, value FROM flarelink_config")
                .forEach(result -> result.results()
                        .forEach(row -> values.put(String.valueOf(row.get("key")), String.valueOf(row.get("value")))));
        return values;
    }

    private Map<String, String> r2Config() {
        Map<String, String> r2 = new HashMap<>(config());
        r2.keySet().removeIf(key -> !key.startsWith("R2_"));
        return r2;
    }

    private static HttpResponse<String> send(String method, URI url, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void registerSubdomain() throws IOException, InterruptedException {
        String subdomain = "files" + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/accounts/" + accountId + "/workers/subdomain"))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"subdomain\":\"" + subdomain + "\"}"))
                .build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    private UUID newUser() {
        return accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
    }

    private List<String> actions() {
        return jdbc.sql("select action from activity_event where user_id = :u and kind = 'action'")
                .param("u", user)
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
