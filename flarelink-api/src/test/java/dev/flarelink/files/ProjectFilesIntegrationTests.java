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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Buckets of a project: keys written into (and cleared from) the project's D1 flarelink_config, and the file browser
 * with presigned URLs, against the emulator's API and S3 endpoint and a real PostgreSQL.
 */
@SpringBootTest(properties = "flarelink.files.multipart-part-size=5MB")
class ProjectFilesIntegrationTests {

    private static final int MIB = 1024 * 1024;

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
    MultipartUploadService multipart;

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
                .containsEntry("R2_ACCOUNT_ID", accountId)
                .as("the Worker signs for the emulated R2, not r2.cloudflarestorage.com")
                .containsEntry("R2_ENDPOINT", sandbox.s3Endpoint().replaceAll("/$", ""));
        assertThat(config()).containsKey("BETTER_AUTH_SECRET");
        assertThat(databaseDump())
                .contains(minted.keypair().accessKeyId())
                .doesNotContain(minted.keypair().secretAccessKey());
        assertThat(actions()).contains("config.r2_key_written");
    }

    @Test
    void aMintedKeyReachesOnlyItsBucketSoTheConfigNamesItForTheWorkersBucketsRoute() {
        MintedKey minted = keys.mint(user, connection, "shop-files");

        // Why R2_BUCKETS exists: R2 (and the emulator) refuses ListBuckets to a key scoped to a bucket.
        assertThat(s3.signed("GET", URI.create(sandbox.s3Endpoint() + "/"), minted.keypair(), new byte[0])
                        .status())
                .isEqualTo(403);
        Instant created = client.withToken(ApiToken.of(token.value()))
                .r2()
                .getBucket(accountId, "shop-files")
                .creationDate();
        assertThat(created).isNotNull();
        assertThat(reachedBuckets())
                .containsExactly(Map.of(
                        "name",
                        "shop-files",
                        "createdAt",
                        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                                .withZone(ZoneOffset.UTC)
                                .format(created)));

        MintedKey second = keys.regenerate(user, connection, minted.key().id());
        assertThat(r2Config())
                .containsEntry("R2_ACCESS_KEY_ID", second.keypair().accessKeyId());
        assertThat(reachedBuckets()).extracting(b -> b.get("name")).containsExactly("shop-files");

        keys.revoke(user, connection, second.key().id());
        assertThat(r2Config()).doesNotContainKey("R2_BUCKETS").isEmpty();
    }

    @Test
    void aPastedAccountWideKeyLeavesTheBucketsUnsetAndAPastedScopedKeyNamesItsBucket() {
        MintedKey minted = keys.mint(user, connection, "shop-files");
        assertThat(r2Config()).containsKey("R2_BUCKETS");

        SandboxToken wide = sandbox.createToken(accountId, Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));
        assertThat(keys.test(user, pasted("shop-files", wide)).storedIn()).isNotNull();
        assertThat(r2Config())
                .containsEntry("R2_ACCESS_KEY_ID", wide.r2AccessKeyId())
                .as("an account-wide key may list buckets itself: the Worker asks R2")
                .doesNotContainKey("R2_BUCKETS");

        KeyCapabilities scoped = keys.test(
                user,
                new PastedKeyCommand(
                        connection,
                        "shop-files",
                        minted.keypair().accessKeyId(),
                        minted.keypair().secretAccessKey()));
        assertThat(scoped.storedIn()).isNotNull();
        assertThat(r2Config())
                .containsEntry("R2_ACCESS_KEY_ID", minted.keypair().accessKeyId());
        assertThat(reachedBuckets()).extracting(b -> b.get("name")).containsExactly("shop-files");
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

    @Test
    void aFolderOf2500EntriesComesInPagesOf1000Then1000Then500WithFoldersOnlyOnce() {
        MintedKey minted = keys.mint(user, connection, "shop-files");
        // 999 objects, folder b/ (the 1,000th entry; its keys sort after the page boundary), 1,000 objects,
        // folder d/ (first entry of the third page), 499 objects: 2,500 entries, 2,503 keys.
        List<String> keysToPut = new java.util.ArrayList<>();
        for (int i = 0; i < 999; i++) {
            keysToPut.add(String.format("a%04d", i));
        }
        keysToPut.addAll(List.of("b/0", "b/1", "b/2"));
        for (int i = 0; i < 1000; i++) {
            keysToPut.add(String.format("c%04d", i));
        }
        keysToPut.addAll(List.of("d/0", "d/1"));
        for (int i = 0; i < 499; i++) {
            keysToPut.add(String.format("e%04d", i));
        }
        URI root = URI.create(sandbox.s3Endpoint());
        for (String key : keysToPut) {
            assertThat(s3.signed(
                                    "PUT",
                                    FileBrowserService.objectUrl(root, "shop-files", key),
                                    minted.keypair(),
                                    new byte[] {1})
                            .status())
                    .isEqualTo(200);
        }

        List<ObjectListing> pages = new java.util.ArrayList<>();
        ObjectListing page = browser.list(user, connection, "shop-files", "", null);
        pages.add(page);
        while (page.nextPageToken() != null) {
            page = browser.list(user, connection, "shop-files", "", page.nextPageToken());
            pages.add(page);
        }

        assertThat(pages)
                .extracting(p -> p.folders().size() + p.objects().size())
                .containsExactly(1000, 1000, 500);
        assertThat(pages.get(0).firstPage()).isTrue();
        assertThat(pages.get(1).firstPage()).isFalse();
        assertThat(pages).extracting(ObjectListing::truncated).containsExactly(true, true, false);
        assertThat(pages.get(0).folders())
                .extracting(ObjectListing.Folder::prefix)
                .containsExactly("b/");
        assertThat(pages.get(1).folders()).isEmpty();
        assertThat(pages.get(2).folders())
                .extracting(ObjectListing.Folder::prefix)
                .containsExactly("d/");
        List<String> objects = pages.stream()
                .flatMap(p -> p.objects().stream())
                .map(ObjectListing.Entry::key)
                .toList();
        assertThat(objects)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(
                        keysToPut.stream().filter(k -> !k.contains("/")).toList());
        assertThatThrownBy(() -> browser.list(user, connection, "shop-files", "", "not a token"))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("first page");
        assertThatThrownBy(() -> browser.list(user, connection, "shop-files", "", "bm90LWEta2V5$$"))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("first page");
    }

    @Test
    void aLargeFileGoesUpInPresignedPartsAndIsPutTogetherByteForByte() throws Exception {
        keys.mint(user, connection, "shop-files");
        byte[] data = new byte[11 * MIB + 123];
        new java.util.Random(11).nextBytes(data);

        MultipartUploadService.Started started =
                multipart.start(user, connection, "shop-files", "videos/big.bin", data.length, "video/mp4");
        assertThat(started.partSize()).isEqualTo(5 * MIB);
        assertThat(started.partCount()).isEqualTo(3);
        List<MultipartUploadService.PartUrl> urls = multipart.partUrls(
                user, connection, "shop-files", "videos/big.bin", started.uploadId(), 1, started.partCount());
        List<MultipartUploadService.CompletedPart> parts = new java.util.ArrayList<>();
        for (MultipartUploadService.PartUrl url : urls) {
            assertThat(url.url().getQuery())
                    .contains("partNumber=" + url.partNumber(), "uploadId=", "X-Amz-Signature=");
            int from = (url.partNumber() - 1) * 5 * MIB;
            byte[] part = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + 5 * MIB));
            HttpResponse<String> put = HTTP.send(
                    HttpRequest.newBuilder(url.url())
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(part))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            parts.add(new MultipartUploadService.CompletedPart(
                    url.partNumber(), put.headers().firstValue("ETag").orElseThrow()));
        }

        String etag = multipart.complete(user, connection, "shop-files", "videos/big.bin", started.uploadId(), parts);

        assertThat(etag).endsWith("-3");
        HttpResponse<byte[]> download = HTTP.send(
                HttpRequest.newBuilder(browser.downloadUrl(user, connection, "shop-files", "videos/big.bin"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(S3Transport.sha256Hex(download.body())).isEqualTo(S3Transport.sha256Hex(data));
        assertThat(browser.list(user, connection, "shop-files", "videos/").objects())
                .singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(data.length));
        assertThat(actions()).contains("object.multipart_started", "object.multipart_completed");
    }

    @Test
    void anAbortedUploadLeavesNoObjectAndItsPartUrlsStopWorking() throws Exception {
        keys.mint(user, connection, "shop-files");
        MultipartUploadService.Started started =
                multipart.start(user, connection, "shop-files", "gone.bin", 12L * MIB, "");
        URI first = multipart
                .partUrls(user, connection, "shop-files", "gone.bin", started.uploadId(), 1, 1)
                .get(0)
                .url();
        assertThat(send("PUT", first, "x".repeat(1000)).statusCode()).isEqualTo(200);

        multipart.abort(user, connection, "shop-files", "gone.bin", started.uploadId());

        assertThat(browser.list(user, connection, "shop-files", "").objects()).isEmpty();
        HttpResponse<String> late = send("PUT", first, "y");
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(late.body()).contains("NoSuchUpload");
        assertThatThrownBy(() -> multipart.complete(
                        user,
                        connection,
                        "shop-files",
                        "gone.bin",
                        started.uploadId(),
                        List.of(new MultipartUploadService.CompletedPart(1, "0".repeat(32)))))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("NoSuchUpload");
        assertThat(actions()).contains("object.multipart_aborted");
    }

    @Test
    void badMultipartInputIsRefusedBeforeR2IsAsked() {
        keys.mint(user, connection, "shop-files");

        assertThatThrownBy(() -> multipart.start(user, connection, "shop-files", "empty.bin", 0, ""))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("1 byte");
        assertThatThrownBy(() -> multipart.partUrls(user, connection, "shop-files", "a.bin", "id", 1, 11))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("1 to 10");
        assertThatThrownBy(() -> multipart.complete(
                        user,
                        connection,
                        "shop-files",
                        "a.bin",
                        "id",
                        List.of(
                                new MultipartUploadService.CompletedPart(2, "a".repeat(32)),
                                new MultipartUploadService.CompletedPart(1, "b".repeat(32)))))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("ascending order");
        UUID stranger = newUser();
        assertThatThrownBy(() -> multipart.start(stranger, connection, "shop-files", "a.bin", 10, ""))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void detachingForgetsTheAttachmentAndTheBucketsKeyButKeepsTheBucketAndItsFiles() throws Exception {
        buckets.create(user, new CreateBucketCommand(connection, "shop-extra", null));
        projectFiles.attach(user, connection, "shop-extra", project.id());
        MintedKey minted = keys.mint(user, connection, "shop-extra");
        assertThat(send("PUT", browser.uploadUrl(user, connection, "shop-extra", "kept.txt"), "still here")
                        .statusCode())
                .isEqualTo(200);
        assertThat(projectFiles.detachable(user, connection, "shop-extra")).isTrue();
        assertThat(projectFiles.detachable(user, connection, "shop-files")).isFalse();

        DetachPreview preview = projectFiles.previewDetach(user, connection, "shop-extra", project.id());
        assertThat(preview.configuredKeyId()).isEqualTo(minted.keypair().accessKeyId());
        assertThat(preview.keyRemoved()).isTrue();
        assertThat(r2Config()).isNotEmpty();

        projectFiles.detach(user, connection, "shop-extra", project.id());

        assertThat(projectFiles.projectOf(user, connection, "shop-extra")).isEmpty();
        assertThat(jdbc.sql("select count(*) from project_bucket where project_id = :p")
                        .param("p", project.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(r2Config()).isEmpty();
        assertThat(config()).containsKey("BETTER_AUTH_SECRET");
        assertThat(buckets.bucket(user, connection, "shop-extra").name()).isEqualTo("shop-extra");
        HttpResponse<String> stillThere = send(
                "GET",
                s3.presign(
                        "GET",
                        FileBrowserService.objectUrl(URI.create(sandbox.s3Endpoint()), "shop-extra", "kept.txt"),
                        minted.keypair(),
                        Duration.ofMinutes(1)),
                null);
        assertThat(stillThere.body()).isEqualTo("still here");
        assertThat(actions()).contains("bucket.detached", "config.r2_key_cleared");
        assertThatThrownBy(() -> projectFiles.detach(user, connection, "shop-extra", project.id()))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("is not attached");
    }

    @Test
    void detachingKeepsAKeyThatWasNotMintedForTheBucket() {
        MintedKey own = keys.mint(user, connection, "shop-files");
        buckets.create(user, new CreateBucketCommand(connection, "shop-extra", null));
        projectFiles.attach(user, connection, "shop-extra", project.id());

        DetachPreview preview = projectFiles.detach(user, connection, "shop-extra", project.id());

        assertThat(preview.configuredKeyId()).isEqualTo(own.keypair().accessKeyId());
        assertThat(preview.keyRemoved()).isFalse();
        assertThat(r2Config()).containsEntry("R2_ACCESS_KEY_ID", own.keypair().accessKeyId());
        assertThatThrownBy(() -> projectFiles.detach(user, connection, "shop-files", project.id()))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("created with project shop");
    }

    @Test
    void anotherUserCannotDetach() {
        buckets.create(user, new CreateBucketCommand(connection, "shop-extra", null));
        projectFiles.attach(user, connection, "shop-extra", project.id());
        UUID stranger = newUser();

        assertThatThrownBy(() -> projectFiles.detach(stranger, connection, "shop-extra", project.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> projectFiles.previewDetach(stranger, connection, "shop-extra", project.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> projectFiles.detach(user, connection, "shop-extra", UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
        assertThat(projectFiles.projectOf(user, connection, "shop-extra")).isPresent();
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

    /** R2_BUCKETS as the Worker reads it: a JSON array of {name, createdAt}. */
    private List<Map<String, String>> reachedBuckets() {
        String value = r2Config().get("R2_BUCKETS");
        assertThat(value).as("R2_BUCKETS is written").isNotNull();
        return JsonMapper.shared().readValue(value, new TypeReference<List<Map<String, String>>>() {});
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
