package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3EndpointTests extends SandboxFixture {

    static final String ORIGIN = "https://app.example.com";

    S3Client s3;

    @BeforeEach
    void createBucket() {
        api.post(accounts("/r2/buckets"), token.value(), map("name", "files"));
        s3 = new S3Client(sandbox.s3Endpoint(), token, clock);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void putGetHeadDeleteWithHeaderSignatures() {
        byte[] body = "hello r2 \u00e9".getBytes(StandardCharsets.UTF_8);

        Http.Reply put = s3.put("files", "docs/a b.txt", body, "text/plain");
        Http.Reply get = s3.get("files", "docs/a b.txt");
        Http.Reply head = s3.head("files", "docs/a b.txt");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"" + Ids.md5Hex(body) + "\"");
        assertThat(get.body()).isEqualTo(body);
        assertThat(get.header("Content-Type")).isEqualTo("text/plain");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(s3.delete("files", "docs/a b.txt").status()).isEqualTo(204);
        Http.Reply gone = s3.get("files", "docs/a b.txt");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text()).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void listsWithPrefixDelimiterAndContinuation() {
        for (String key : List.of("a/1", "a/2", "b/1", "c", "d", "e")) {
            s3.put("files", key, new byte[] {1}, "application/octet-stream");
        }

        Http.Reply grouped = s3.list("files", Map.of("delimiter", "/"));
        assertThat(grouped.text())
                .contains("<Prefix>a/</Prefix>", "<Prefix>b/</Prefix>", "<Key>c</Key>")
                .doesNotContain("<Key>a/1</Key>");
        assertThat(s3.list("files", Map.of("prefix", "a/")).text())
                .contains("<Key>a/1</Key>", "<Key>a/2</Key>")
                .doesNotContain("<Key>b/1</Key>");

        Http.Reply first = s3.list("files", Map.of("delimiter", "/", "max-keys", "2"));
        assertThat(first.text()).contains("<IsTruncated>true</IsTruncated>", "<KeyCount>2</KeyCount>");
        String next = between(first.text(), "<NextContinuationToken>", "</NextContinuationToken>");
        Http.Reply second = s3.list("files", Map.of("delimiter", "/", "max-keys", "2", "continuation-token", next));
        assertThat(second.text()).contains("<Key>c</Key>", "<Key>d</Key>").doesNotContain("<Prefix>a/</Prefix>");
        String last = between(second.text(), "<NextContinuationToken>", "</NextContinuationToken>");
        Http.Reply third = s3.list("files", Map.of("delimiter", "/", "max-keys", "2", "continuation-token", last));
        assertThat(third.text()).contains("<Key>e</Key>", "<IsTruncated>false</IsTruncated>");
    }

    @Test
    void rejectsATamperedOrWronglyKeyedSignature() {
        S3Client wrongSecret = new S3Client(sandbox.s3Endpoint(), token.id(), "0".repeat(64), clock);
        S3Client unknownKey = new S3Client(sandbox.s3Endpoint(), "f".repeat(32), token.r2SecretAccessKey(), clock);
        URI presigned = s3.presign("GET", "files", "x.txt", 600);
        URI tampered = URI.create(presigned.toString().replace("x.txt", "y.txt"));

        Http.Reply bad = wrongSecret.put("files", "x.txt", new byte[] {1}, "text/plain");
        Http.Reply unknown = unknownKey.get("files", "x.txt");
        Http.Reply tamperedReply = Http.send(HttpRequest.newBuilder(tampered).build());

        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.text()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(unknown.text()).contains("<Code>InvalidAccessKeyId</Code>");
        assertThat(tamperedReply.status()).isEqualTo(403);
        assertThat(tamperedReply.text()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void presignedUrlsWorkUntilTheyExpire() {
        URI upload = s3.presign("PUT", "files", "up.bin", 60);
        Http.Reply put = Http.send(HttpRequest.newBuilder(upload)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {9, 8, 7}))
                .build());
        URI download = s3.presign("GET", "files", "up.bin", 60);
        assertThat(put.status()).isEqualTo(200);
        assertThat(Http.send(HttpRequest.newBuilder(download).build()).body()).containsExactly(9, 8, 7);

        clock.advance(Duration.ofSeconds(61));

        Http.Reply expired = Http.send(HttpRequest.newBuilder(download).build());
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.text()).contains("<Code>AccessDenied</Code>", "Request has expired");
    }

    @Test
    void keypairOfATokenMintedThroughTheApiWorksAndDiesWithIt() {
        Http.Reply minted = api.post(
                "/user/tokens",
                token.value(),
                map(
                        "name",
                        "files-rw",
                        "policies",
                        List.of(map(
                                "effect", "allow",
                                "resources", map("com.cloudflare.edge.r2.bucket." + accountId + "_default_files", "*"),
                                "permission_groups", List.of(map("id", PermissionGroups.BUCKET_ITEM_WRITE))))));
        String id = minted.result().path("id").asString();
        String secret = Ids.sha256Hex(minted.result().path("value").asString());
        S3Client scoped = new S3Client(sandbox.s3Endpoint(), id, secret, clock);
        api.post(accounts("/r2/buckets"), token.value(), map("name", "other"));

        assertThat(scoped.put("files", "k", new byte[] {1}, "text/plain").status())
                .isEqualTo(200);
        assertThat(scoped.put("other", "k", new byte[] {1}, "text/plain").status())
                .isEqualTo(403);
        assertThat(api.get(
                                accounts("/r2/buckets"),
                                minted.result().path("value").asString())
                        .errorCode())
                .isEqualTo(10000);

        String rolled = api.put("/user/tokens/" + id + "/value", token.value(), map())
                .result()
                .asString();
        assertThat(scoped.get("files", "k").text()).contains("SignatureDoesNotMatch");
        assertThat(new S3Client(sandbox.s3Endpoint(), id, Ids.sha256Hex(rolled), clock)
                        .get("files", "k")
                        .status())
                .isEqualTo(200);
        api.delete("/user/tokens/" + id, token.value());
        assertThat(scoped.get("files", "k").text()).contains("InvalidAccessKeyId");
    }

    @Test
    void bucketItemReadTokenCanReadButNotWriteAndNoR2TokenCanDoNeither() {
        s3.put("files", "k", new byte[] {1}, "text/plain");
        Http.Reply minted = api.post(
                "/user/tokens",
                token.value(),
                map(
                        "name",
                        "files-ro",
                        "policies",
                        List.of(map(
                                "effect", "allow",
                                "resources",
                                        map(
                                                "com.cloudflare.api.account." + accountId,
                                                map("com.cloudflare.edge.r2.bucket.*", "*")),
                                "permission_groups", List.of(map("id", PermissionGroups.BUCKET_ITEM_READ))))));
        S3Client readOnly = new S3Client(
                sandbox.s3Endpoint(),
                minted.result().path("id").asString(),
                Ids.sha256Hex(minted.result().path("value").asString()),
                clock);
        S3Client noR2 = new S3Client(sandbox.s3Endpoint(), tokenWith(SandboxPermission.D1_EDIT), clock);

        assertThat(readOnly.get("files", "k").status()).isEqualTo(200);
        assertThat(readOnly.put("files", "k", new byte[] {2}, "text/plain").text())
                .contains("<Code>AccessDenied</Code>");
        assertThat(noR2.get("files", "k").status()).isEqualTo(403);
    }

    @Test
    void corsPreflightIsAnsweredFromTheBucketRules() {
        api.put(accounts("/r2/buckets/files/cors"), token.value(), R2RoutesTests.RULES);

        Http.Reply allowed = preflight(ORIGIN, "PUT", "content-type");
        Http.Reply wrongOrigin = preflight("https://evil.example", "PUT", "content-type");
        Http.Reply wrongMethod = preflight(ORIGIN, "DELETE", "");
        Http.Reply wrongHeader = preflight(ORIGIN, "PUT", "x-custom");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("PUT");
        assertThat(allowed.header("Access-Control-Allow-Headers")).isEqualTo("content-type");
        assertThat(allowed.header("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(List.of(wrongOrigin, wrongMethod, wrongHeader)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
        });
    }

    @Test
    void actualResponsesCarryCorsHeadersOnlyForAllowedOrigins() {
        api.put(accounts("/r2/buckets/files/cors"), token.value(), R2RoutesTests.RULES);
        URI upload = s3.presign("PUT", "files", "browser.txt", 300);

        Http.Reply fromApp = Http.send(HttpRequest.newBuilder(upload)
                .header("Origin", ORIGIN)
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        Http.Reply fromElsewhere = Http.send(HttpRequest.newBuilder(s3.presign("PUT", "files", "b2.txt", 300))
                .header("Origin", "https://evil.example")
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build());

        assertThat(fromApp.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(fromApp.header("Access-Control-Expose-Headers")).isEqualTo("ETag");
        assertThat(fromElsewhere.header("Access-Control-Allow-Origin")).isEmpty();
    }

    private Http.Reply preflight(String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.s3Endpoint() + "/files/upload.txt"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return Http.send(request.build());
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
