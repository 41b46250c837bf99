package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * User A's objects, made through the app's own pages (real HTTP, CSRF, the sandbox behind): a connection (and a
 * spare one), a provisioned project with its D1 database, KV namespace and R2 bucket, a table with a row, an object
 * in the bucket, a minted R2 key, console history and a snippet, a trust verification and activity events.
 */
record Seed(
        String suffix,
        String email,
        UUID user,
        String accountId,
        UUID connection,
        UUID spareConnection,
        UUID project,
        String projectName,
        String workerName,
        String databaseId,
        String kvNamespaceId,
        String table,
        String rowKey,
        String rowValue,
        String bucket,
        String objectKey,
        UUID r2Key,
        UUID snippet,
        String snippetName,
        long activitySeq,
        String uploadId,
        String partEtag,
        String spareSession,
        String passkey,
        UUID apiKey,
        UUID run) {

    private static final Pattern ROW_LINK = Pattern.compile("/row\\?table=[^\"&]+&amp;key=([^\"&]+)\"");

    String databaseBase() {
        return "/database/" + connection + "/" + databaseId;
    }

    String usersBase() {
        return "/projects/" + project + "/users";
    }

    /** The app user seeded in A's project's D1 (the Users pages' object). */
    String appUser() {
        return "mxappuser" + suffix;
    }

    String bucketBase() {
        return "/files/" + connection + "/" + bucket;
    }

    /** What nobody but A may ever see in a response: names, ids, the e-mail, the data. */
    List<String> identifying() {
        return Stream.of(
                        email,
                        accountId,
                        connection.toString(),
                        spareConnection.toString(),
                        project.toString(),
                        projectName,
                        workerName,
                        databaseId,
                        kvNamespaceId,
                        table,
                        rowValue,
                        bucket,
                        objectKey,
                        r2Key.toString(),
                        snippet.toString(),
                        snippetName,
                        appUser(),
                        "mx-app-" + suffix + "@example.com")
                .toList();
    }

    static Seed plant(
            BrowserlessSession a,
            String email,
            CloudflareSandbox sandbox,
            ProvisioningService provisioning,
            JdbcClient jdbc) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID user = jdbc.sql("select id from user_account where email = :e")
                .param("e", email)
                .query(UUID.class)
                .single();
        String accountId = sandbox.createAccount("Matrix " + suffix, "mx" + suffix);
        UUID connection = connect(a, sandbox, accountId);
        UUID spare = connect(a, sandbox, sandbox.createAccount("Matrix spare " + suffix));

        String projectName = "mxproject" + suffix;
        String bucket = "mx-bucket-" + suffix;
        HttpResponse<String> created = a.submit(
                "/projects/new",
                "/projects",
                Map.of(
                        "connectionId",
                        connection.toString(),
                        "name",
                        projectName,
                        "trustedOrigins",
                        "https://app.example.com",
                        "r2Bucket",
                        bucket));
        UUID project = UUID.fromString(idAfterLastSlash(created));
        assertThat(provisioning.awaitIdle(project, Duration.ofSeconds(60))).isTrue();
        ProjectView view = provisioning.get(user, project);
        assertThat(view.status()).isEqualTo("active");
        String databaseBase = "/database/" + connection + "/" + view.d1DatabaseId();

        String table = "mx_ledger_" + suffix;
        assertThat(a.submit(
                                databaseBase + "/tables/new",
                                databaseBase + "/tables/create",
                                Map.of(
                                        "table", table,
                                        "col_0", "id",
                                        "type_0", "INTEGER",
                                        "pk_0", "on",
                                        "col_1", "note",
                                        "type_1", "TEXT"))
                        .statusCode())
                .isEqualTo(302);
        String rowValue = "mx-row-" + suffix;
        String tablePage = databaseBase + "/table?name=" + table;
        assertThat(a.submit(
                                tablePage,
                                databaseBase + "/row/insert",
                                Map.of("table", table, "mode_0", "default", "mode_1", "value", "value_1", rowValue))
                        .statusCode())
                .isEqualTo(302);
        Matcher row = ROW_LINK.matcher(a.get(tablePage).body());
        assertThat(row.find()).as("a row link on the table page").isTrue();
        String rowKey = URLDecoder.decode(row.group(1), StandardCharsets.UTF_8);

        String bucketBase = "/files/" + connection + "/" + bucket;
        String objectKey = "mx-object-" + suffix + ".txt";
        // The file browser signs with the project's R2 key: mint it first.
        assertThat(a.submit(bucketBase, bucketBase + "/keys", Map.of()).statusCode())
                .isEqualTo(200);
        upload(a, bucketBase, objectKey);
        String[] multipart = startMultipart(a, bucketBase, "mx-large-" + suffix + ".bin");
        UUID r2Key = jdbc.sql("select id from r2_key where user_id = :u")
                .param("u", user)
                .query(UUID.class)
                .single();

        String console = databaseBase + "/console";
        // An app user, as the auth Worker would have written it: the object of the Users pages.
        assertThat(a.submit(
                                console,
                                console,
                                Map.of(
                                        "sql",
                                        "INSERT INTO \"user\" (\"id\", \"name\", \"email\", \"emailVerified\", "
                                                + "\"createdAt\", \"updatedAt\") VALUES ('mxappuser" + suffix
                                                + "', 'Matrix', 'mx-app-" + suffix + "@example.com', 0, "
                                                + "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                                        "confirmed",
                                        "true"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(a.submit(console, console, Map.of("sql", "SELECT note FROM " + table))
                        .statusCode())
                .isEqualTo(200);
        String snippetName = "mx-snippet-" + suffix;
        assertThat(a.submit(console, console + "/snippets", Map.of("name", snippetName, "sql", "SELECT 1"))
                        .statusCode())
                .isEqualTo(200);
        UUID snippet = jdbc.sql("select id from d1_console_entry where user_id = :u and kind = 'snippet'")
                .param("u", user)
                .query(UUID.class)
                .single();

        String verify = "/projects/" + project + "/verify";
        assertThat(a.submit(verify, verify, Map.of()).statusCode()).isEqualTo(302);
        assertThat(a.submit("/activity", "/activity/verify", Map.of()).statusCode())
                .isEqualTo(200);
        String keys = "/account/api-keys";
        assertThat(a.submit(keys, keys, Map.of("name", "mx-key-" + suffix, "scope", "full"))
                        .statusCode())
                .isEqualTo(200);
        UUID apiKey = jdbc.sql("select id from api_key where user_id = :u")
                .param("u", user)
                .query(UUID.class)
                .single();
        UUID run = jdbc.sql("select id from provisioning_run where project_id = :p order by created_at desc limit 1")
                .param("p", project)
                .query(UUID.class)
                .single();
        long seq = jdbc.sql("select max(seq) from activity_event where user_id = :u")
                .param("u", user)
                .query(Long.class)
                .single();

        return new Seed(
                suffix,
                email,
                user,
                accountId,
                connection,
                spare,
                project,
                projectName,
                view.workerName(),
                view.d1DatabaseId(),
                view.kvNamespaceId(),
                table,
                rowKey,
                rowValue,
                bucket,
                objectKey,
                r2Key,
                snippet,
                snippetName,
                seq,
                multipart[0],
                multipart[1],
                "",
                "",
                apiKey,
                run);
    }

    /**
     * The same seed, with the handle of another signed-in session of A (for A to end on the Sessions page) and the id
     * of A's passkey.
     */
    Seed withAccount(String handle, String passkeyId) {
        return new Seed(
                suffix,
                email,
                user,
                accountId,
                connection,
                spareConnection,
                project,
                projectName,
                workerName,
                databaseId,
                kvNamespaceId,
                table,
                rowKey,
                rowValue,
                bucket,
                objectKey,
                r2Key,
                snippet,
                snippetName,
                activitySeq,
                uploadId,
                partEtag,
                handle,
                passkeyId,
                apiKey,
                run);
    }

    /** A multipart upload with its one part sent, for the owner's "complete" to finish: {uploadId, ETag}. */
    private static String[] startMultipart(BrowserlessSession a, String bucketBase, String key) {
        HttpResponse<String> started = a.submit(
                bucketBase + "/objects",
                bucketBase + "/objects/multipart/start",
                Map.of("key", key, "size", "26", "contentType", "text/plain"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String uploadId =
                JsonMapper.shared().readTree(started.body()).path("uploadId").asString();
        HttpResponse<String> parts = a.submit(
                bucketBase + "/objects",
                bucketBase + "/objects/multipart/parts",
                Map.of("key", key, "uploadId", uploadId, "from", "1", "count", "1"));
        assertThat(parts.statusCode()).as(parts.body()).isEqualTo(200);
        String url = JsonMapper.shared()
                .readTree(parts.body())
                .path("parts")
                .get(0)
                .path("url")
                .asString();
        try {
            HttpResponse<String> put = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .PUT(HttpRequest.BodyPublishers.ofString("abcdefghijklmnopqrstuvwxyz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            return new String[] {uploadId, put.headers().firstValue("ETag").orElseThrow()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UUID connect(BrowserlessSession a, CloudflareSandbox sandbox, String accountId) {
        String token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        HttpResponse<String> connected = a.submit("/connect", "/connect", Map.of("token", token));
        assertThat(connected.statusCode()).isEqualTo(302);
        return UUID.fromString(idAfterLastSlash(connected));
    }

    /** Through the Files page's own path: a presigned URL from the app, then the PUT straight to R2. */
    private static void upload(BrowserlessSession a, String bucketBase, String key) {
        HttpResponse<String> signed =
                a.submit(bucketBase + "/objects", bucketBase + "/objects/upload-url", Map.of("key", key));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        String url = JsonMapper.shared().readTree(signed.body()).path("url").asString();
        try {
            HttpResponse<String> put = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .PUT(HttpRequest.BodyPublishers.ofString("seeded by the route matrix"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String idAfterLastSlash(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
