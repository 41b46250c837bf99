package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 endpoint as a third-party client sees it: the AWS SDK for Java's own S3 client, unmodified. */
class S3ThirdPartyClientTests {

    private static final String ORIGIN = "https://app.example.com";

    CloudflareSandbox sandbox;
    String account;
    SandboxToken token;
    Http api;
    S3Client s3;

    @BeforeEach
    void bucketWithObjects() {
        // The SDK signs with the real clock, so this sandbox runs on it too.
        sandbox = CloudflareSandbox.builder().build().start();
        account = sandbox.createAccount("S3 client");
        token = sandbox.createToken(account, SandboxPermission.flarelinkFive());
        api = new Http(sandbox.baseUrl());
        api.post("/accounts/" + account + "/r2/buckets", token.value(), map("name", "third"));
        s3 = client(token);
        for (String key : List.of("a", "b", "c", "d", "e")) {
            s3.putObject(b -> b.bucket("third").key(key), RequestBody.fromString(key));
        }
    }

    @AfterEach
    void stop() {
        s3.close();
        sandbox.close();
    }

    private S3Client client(SandboxToken signer) {
        return S3Client.builder()
                .endpointOverride(URI.create(sandbox.s3Endpoint()))
                .region(Region.of("auto"))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(signer.r2AccessKeyId(), signer.r2SecretAccessKey())))
                .build();
    }

    /** A hand-signed request, for the malformed calls no SDK would send. */
    private Http.Reply raw(String method, String path, String query, byte[] body, Map<String, String> headers) {
        return new dev.flarelink.cloudflare.sandbox.S3Client(sandbox.s3Endpoint(), token, Clock.systemUTC())
                .send(method, path, query, body, headers);
    }

    private static void assertS3Error(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    // ListBuckets, CreateBucket, DeleteBucket

    @Test
    void listBucketsAndCreateBucketFollowR2sNameRules() {
        s3.createBucket(b -> b.bucket("second-bucket"));

        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("second-bucket", "third");
        assertThat(api.get("/accounts/" + account + "/r2/buckets/second-bucket", token.value())
                        .status())
                .isEqualTo(200);
        assertS3Error(() -> s3.createBucket(b -> b.bucket("third")), 409, "BucketAlreadyOwnedByYou");
        // A dot is S3-valid, so the SDK sends it; R2 refuses it.
        assertS3Error(() -> s3.createBucket(b -> b.bucket("has.dot")), 400, "InvalidBucketName");
        // Names the SDK itself would not send.
        for (String bad : List.of("ab", "x".repeat(64), "-leading-hyphen", "Upper-case", "has_underscore")) {
            Http.Reply refused = raw("PUT", "/" + bad, "", new byte[0], Map.of());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.text()).contains("<Code>InvalidBucketName</Code>");
        }
        assertThat(s3.listBuckets().buckets()).hasSize(2);
    }

    @Test
    void bucketManagementOverS3NeedsR2StorageOnTheAccount() {
        SandboxToken d1Only = sandbox.createToken(account, Set.of(SandboxPermission.D1_EDIT));
        try (S3Client other = client(d1Only)) {
            assertS3Error(other::listBuckets, 403, "AccessDenied");
            assertS3Error(() -> other.createBucket(b -> b.bucket("not-mine")), 403, "AccessDenied");
        }
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("third");
    }

    @Test
    void deleteBucketRefusesABucketThatStillHoldsObjects() {
        assertS3Error(() -> s3.deleteBucket(b -> b.bucket("third")), 409, "BucketNotEmpty");

        s3.createBucket(b -> b.bucket("empty-one"));
        s3.deleteBucket(b -> b.bucket("empty-one"));

        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("third");
        assertS3Error(() -> s3.deleteBucket(b -> b.bucket("empty-one")), 404, "NoSuchBucket");
    }

    // Metadata

    @Test
    void userAndHttpMetadataAreKeptAndReturnedOnGetAndHead() {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        s3.putObject(
                b -> b.bucket("third")
                        .key("report.txt")
                        .contentType("text/plain")
                        .metadata(Map.of("owner", "ada", "project-id", "42"))
                        .cacheControl("max-age=60")
                        .contentDisposition("attachment; filename=\"report.txt\"")
                        .contentEncoding("identity")
                        .contentLanguage("en-GB")
                        .expires(expires),
                RequestBody.fromString("report"));

        HeadObjectResponse head = s3.headObject(b -> b.bucket("third").key("report.txt"));
        ResponseBytes<GetObjectResponse> get =
                s3.getObjectAsBytes(b -> b.bucket("third").key("report.txt"));

        Map<String, String> user = Map.of("owner", "ada", "project-id", "42");
        assertThat(head.metadata()).containsExactlyInAnyOrderEntriesOf(user);
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"report.txt\"");
        assertThat(head.contentEncoding()).isEqualTo("identity");
        assertThat(head.contentLanguage()).isEqualTo("en-GB");
        assertThat(head.expires()).isEqualTo(expires);
        assertThat(head.contentType()).isEqualTo("text/plain");
        GetObjectResponse got = get.response();
        assertThat(got.metadata()).containsExactlyInAnyOrderEntriesOf(user);
        assertThat(got.cacheControl()).isEqualTo("max-age=60");
        assertThat(got.contentDisposition()).isEqualTo("attachment; filename=\"report.txt\"");
        assertThat(got.contentEncoding()).isEqualTo("identity");
        assertThat(got.contentLanguage()).isEqualTo("en-GB");
        assertThat(got.expires()).isEqualTo(expires);
        assertThat(get.asUtf8String()).isEqualTo("report");
    }

    @Test
    void anOverwriteReplacesTheMetadataAndTooMuchMetadataIsRefusedWithoutStoring() {
        s3.putObject(b -> b.bucket("third").key("m").metadata(Map.of("keep", "no")), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket("third").key("m"), RequestBody.fromString("2"));

        assertThat(s3.headObject(b -> b.bucket("third").key("m")).metadata()).isEmpty();
        assertThat(s3.headObject(b -> b.bucket("third").key("m")).cacheControl())
                .isNull();

        assertS3Error(
                () -> s3.putObject(
                        b -> b.bucket("third").key("m").metadata(Map.of("big", "x".repeat(8_200))),
                        RequestBody.fromString("3")),
                400,
                "MetadataTooLarge");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("m")).asUtf8String())
                .isEqualTo("2");
    }

    @Test
    void multipartUploadCarriesItsMetadataToTheCompletedObjectAndListPartsListsTheParts() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("third")
                        .key("big.bin")
                        .contentType("application/zip")
                        .metadata(Map.of("source", "camera"))
                        .cacheControl("no-store"))
                .uploadId();
        String etag1 = s3.uploadPart(
                        b -> b.bucket("third").key("big.bin").uploadId(uploadId).partNumber(1),
                        RequestBody.fromBytes(new byte[5 * 1024 * 1024]))
                .eTag();
        String etag2 = s3.uploadPart(
                        b -> b.bucket("third").key("big.bin").uploadId(uploadId).partNumber(2),
                        RequestBody.fromString("tail"))
                .eTag();

        ListPartsResponse parts =
                s3.listParts(b -> b.bucket("third").key("big.bin").uploadId(uploadId));
        assertThat(parts.parts()).extracting(Part::partNumber).containsExactly(1, 2);
        assertThat(parts.parts()).extracting(Part::eTag).containsExactly(etag1, etag2);
        assertThat(parts.parts()).extracting(Part::size).containsExactly(5L * 1024 * 1024, 4L);
        assertThat(parts.isTruncated()).isFalse();
        ListPartsResponse firstPage = s3.listParts(
                b -> b.bucket("third").key("big.bin").uploadId(uploadId).maxParts(1));
        assertThat(firstPage.isTruncated()).isTrue();
        assertThat(firstPage.nextPartNumberMarker()).isEqualTo(1);

        s3.completeMultipartUpload(b -> b.bucket("third")
                .key("big.bin")
                .uploadId(uploadId)
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));

        HeadObjectResponse head = s3.headObject(b -> b.bucket("third").key("big.bin"));
        assertThat(head.metadata()).containsExactly(Map.entry("source", "camera"));
        assertThat(head.cacheControl()).isEqualTo("no-store");
        assertThat(head.contentType()).isEqualTo("application/zip");
        assertThat(head.contentLength()).isEqualTo(5L * 1024 * 1024 + 4);
        // A finished upload has no parts to list; neither has an id that never existed.
        assertS3Error(
                () -> s3.listParts(b -> b.bucket("third").key("big.bin").uploadId(uploadId)), 404, "NoSuchUpload");
        assertS3Error(
                () -> s3.listParts(b -> b.bucket("third").key("big.bin").uploadId("no-such-upload")),
                404,
                "NoSuchUpload");
    }

    @Test
    void copyObjectCopiesOrReplacesTheMetadata() {
        s3.putObject(
                b -> b.bucket("third").key("original").contentType("text/csv").metadata(Map.of("rows", "3")),
                RequestBody.fromString("x,y"));

        s3.copyObject(b -> b.sourceBucket("third")
                .sourceKey("original")
                .destinationBucket("third")
                .destinationKey("copy"));
        s3.copyObject(b -> b.sourceBucket("third")
                .sourceKey("original")
                .destinationBucket("third")
                .destinationKey("replaced")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/plain")
                .metadata(Map.of("rows", "none")));

        HeadObjectResponse copy = s3.headObject(b -> b.bucket("third").key("copy"));
        assertThat(copy.metadata()).containsExactly(Map.entry("rows", "3"));
        assertThat(copy.contentType()).isEqualTo("text/csv");
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket("third").key("replaced"));
        assertThat(replaced.metadata()).containsExactly(Map.entry("rows", "none"));
        assertThat(replaced.contentType()).isEqualTo("text/plain");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("replaced")).asUtf8String())
                .isEqualTo("x,y");
        assertS3Error(
                () -> s3.copyObject(b -> b.sourceBucket("third")
                        .sourceKey("missing")
                        .destinationBucket("third")
                        .destinationKey("never")),
                404,
                "NoSuchKey");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("third").key("never")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    // Range

    @Test
    void rangeGetsAnswerPartialContentAndAnUnsatisfiableRangeIs416() {
        s3.putObject(b -> b.bucket("third").key("text"), RequestBody.fromString("hello world"));

        var middle = s3.getObjectAsBytes(b -> b.bucket("third").key("text").range("bytes=6-9"));
        assertThat(middle.asUtf8String()).isEqualTo("worl");
        assertThat(middle.response().contentRange()).isEqualTo("bytes 6-9/11");
        assertThat(middle.response().contentLength()).isEqualTo(4);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("text").range("bytes=-5"))
                        .asUtf8String())
                .isEqualTo("world");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("text").range("bytes=4-"))
                        .asUtf8String())
                .isEqualTo("o world");

        assertS3Error(
                () -> s3.getObjectAsBytes(b -> b.bucket("third").key("text").range("bytes=11-")), 416, "InvalidRange");
    }

    // DeleteObjects

    @Test
    void deleteObjectsDeletesEachKeyAndReportsEveryOne() {
        DeleteObjectsResponse response = s3.deleteObjects(b ->
                b.bucket("third").delete(d -> d.objects(ids("a", "b", "never-existed", "x".repeat(1025)))));

        assertThat(response.deleted()).extracting(DeletedObject::key).containsExactly("a", "b", "never-existed");
        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error.key()).hasSize(1025);
            assertThat(error.code()).isEqualTo("KeyTooLongError");
        });
        assertThat(s3.listObjectsV2(b -> b.bucket("third")).contents())
                .extracting(S3Object::key)
                .containsExactly("c", "d", "e");
    }

    @Test
    void deleteObjectsInQuietModeListsOnlyTheErrors() {
        DeleteObjectsResponse response = s3.deleteObjects(b ->
                b.bucket("third").delete(d -> d.quiet(true).objects(ids("c", "d", "x".repeat(1025)))));

        assertThat(response.deleted()).isEmpty();
        assertThat(response.errors()).hasSize(1);
        assertThat(s3.listObjectsV2(b -> b.bucket("third")).contents())
                .extracting(S3Object::key)
                .containsExactly("a", "b", "e");
    }

    @Test
    void deleteObjectsNeedsAMatchingDigestOfItsBody() {
        byte[] body = "<Delete><Object><Key>a</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);

        Http.Reply missing = raw("POST", "/third", "delete=", body, Map.of());
        Http.Reply wrong =
                raw("POST", "/third", "delete=", body, Map.of("content-md5", base64Md5("something else".getBytes())));
        Http.Reply malformed = raw(
                "POST",
                "/third",
                "delete=",
                "<Delete>".getBytes(StandardCharsets.UTF_8),
                Map.of("content-md5", base64Md5("<Delete>".getBytes(StandardCharsets.UTF_8))));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).contains("<Code>InvalidRequest</Code>", "Content-MD5");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).contains("<Code>BadDigest</Code>");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text()).contains("<Code>MalformedXML</Code>");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("a")).asUtf8String())
                .isEqualTo("a");

        Http.Reply withMd5 = raw("POST", "/third", "delete=", body, Map.of("content-md5", base64Md5(body)));
        assertThat(withMd5.status()).isEqualTo(200);
        assertThat(withMd5.text()).contains("<Deleted><Key>a</Key></Deleted>");
    }

    private static List<ObjectIdentifier> ids(String... keys) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String key : keys) {
            ids.add(ObjectIdentifier.builder().key(key).build());
        }
        return ids;
    }

    private static String base64Md5(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Bucket CORS: one store, the S3 view and the REST view

    @Test
    void corsSetOverS3IsTheRestApisPolicyAndAnswersPreflights() {
        assertS3Error(() -> s3.getBucketCors(b -> b.bucket("third")), 404, "NoSuchCORSConfiguration");

        s3.putBucketCors(b -> b.bucket("third")
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .id("uploads")
                        .allowedOrigins(ORIGIN)
                        .allowedMethods("PUT", "GET")
                        .allowedHeaders("content-type")
                        .exposeHeaders("ETag")
                        .maxAgeSeconds(600)
                        .build())));

        Http.Reply rest = api.get("/accounts/" + account + "/r2/buckets/third/cors", token.value());
        assertThat(rest.status()).isEqualTo(200);
        var rule = rest.result().path("rules").get(0);
        assertThat(rule.path("id").asString()).isEqualTo("uploads");
        assertThat(rule.path("allowed").path("origins").get(0).asString()).isEqualTo(ORIGIN);
        assertThat(rule.path("allowed").path("methods").toString()).isEqualTo("[\"PUT\",\"GET\"]");
        assertThat(rule.path("exposeHeaders").get(0).asString()).isEqualTo("ETag");
        assertThat(rule.path("maxAgeSeconds").asInt()).isEqualTo(600);

        HttpRequest preflight = HttpRequest.newBuilder(URI.create(sandbox.s3Endpoint() + "/third/photo.jpg"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .build();
        Http.Reply allowed = Http.send(preflight);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void corsSetOverRestIsReadOverS3AndDeletedForBoth() {
        api.put("/accounts/" + account + "/r2/buckets/third/cors", token.value(), R2RoutesTests.RULES);

        List<CORSRule> rules = s3.getBucketCors(b -> b.bucket("third")).corsRules();
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("browser-uploads");
            assertThat(rule.allowedOrigins()).containsExactly(ORIGIN);
            assertThat(rule.allowedMethods()).containsExactly("PUT", "GET");
            assertThat(rule.allowedHeaders()).containsExactly("content-type");
            assertThat(rule.exposeHeaders()).containsExactly("ETag");
            assertThat(rule.maxAgeSeconds()).isEqualTo(3600);
        });

        s3.deleteBucketCors(b -> b.bucket("third"));

        assertS3Error(() -> s3.getBucketCors(b -> b.bucket("third")), 404, "NoSuchCORSConfiguration");
        assertThat(api.get("/accounts/" + account + "/r2/buckets/third/cors", token.value())
                        .errorCode())
                .isEqualTo(10059);
    }

    @Test
    void anInvalidCorsConfigurationIsRefusedAndChangesNothing() {
        api.put("/accounts/" + account + "/r2/buckets/third/cors", token.value(), R2RoutesTests.RULES);

        assertS3Error(
                () -> s3.putBucketCors(b -> b.bucket("third")
                        .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                                .allowedOrigins(ORIGIN)
                                .allowedMethods("PATCH")
                                .build()))),
                400,
                "InvalidRequest");
        assertS3Error(
                () -> s3.putBucketCors(b -> b.bucket("third")
                        .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                                .allowedOrigins(ORIGIN)
                                .allowedMethods("GET")
                                .maxAgeSeconds(100_000)
                                .build()))),
                400,
                "MalformedXML");

        assertThat(s3.getBucketCors(b -> b.bucket("third")).corsRules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.id()).isEqualTo("browser-uploads"));
    }

    // ListObjects v1

    @Test
    void listObjectsV1PagesWithMarkerToTheEnd() {
        List<String> keys = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < 10; page++) {
            String from = marker;
            ListObjectsResponse response =
                    s3.listObjects(b -> b.bucket("third").maxKeys(2).marker(from));
            response.contents().stream().map(S3Object::key).forEach(keys::add);
            if (!response.isTruncated()) {
                break;
            }
            // Without a delimiter S3 answers no NextMarker: the client continues from the last key.
            assertThat(response.nextMarker()).isNull();
            marker = response.contents().get(response.contents().size() - 1).key();
        }

        assertThat(keys).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void listObjectsV1WithADelimiterAnswersNextMarkerPastTheCommonPrefix() {
        for (String key : List.of("dir/1", "dir/2", "f")) {
            s3.putObject(b -> b.bucket("third").key(key), RequestBody.fromString(key));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < 10; page++) {
            String from = marker;
            ListObjectsResponse response = s3.listObjects(
                    b -> b.bucket("third").delimiter("/").maxKeys(3).marker(from));
            response.contents().forEach(o -> seen.add(o.key()));
            response.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            if (!response.isTruncated()) {
                break;
            }
            marker = response.nextMarker();
            assertThat(marker).isNotNull();
        }

        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d", "dir/", "e", "f");
    }

    @Test
    void urlEncodingTypeSurvivesKeysXmlCannotCarryAndAnUnknownEncodingIsRefused() {
        String odd = "odd name %41\u0001.txt";
        s3.putObject(b -> b.bucket("third").key(odd), RequestBody.fromString("odd"));

        // The SDK decodes url-encoded listings itself, so the key comes back as it was put.
        assertThat(s3.listObjects(b -> b.bucket("third").prefix("odd").encodingType(EncodingType.URL))
                        .contents())
                .extracting(S3Object::key)
                .containsExactly(odd);
        Http.Reply refused = raw("GET", "/third", "encoding-type=base64", new byte[0], Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void aMarkerPastTheLastKeyListsNothing() {
        ListObjectsResponse response = s3.listObjects(b -> b.bucket("third").marker("e"));

        assertThat(response.contents()).isEmpty();
        assertThat(response.isTruncated()).isFalse();
    }

    // The whitelist

    @Test
    void subResourcesTheSandboxDoesNotEmulateAnswerNotImplementedNeverAWrong200() {
        List<ThrowingCallable> calls = List.of(
                () -> s3.getBucketLocation(b -> b.bucket("third")),
                () -> s3.getObjectTagging(b -> b.bucket("third").key("a")),
                () -> s3.listMultipartUploads(b -> b.bucket("third")),
                () -> s3.getBucketPolicy(b -> b.bucket("third")),
                () -> s3.getBucketVersioning(b -> b.bucket("third")),
                () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("third")),
                () -> s3.getBucketAcl(b -> b.bucket("third")),
                () -> s3.listObjectVersions(b -> b.bucket("third")),
                () -> s3.putBucketTagging(b ->
                        b.bucket("third").tagging(t -> t.tagSet(s -> s.key("k").value("v")))));
        for (ThrowingCallable call : calls) {
            assertS3Error(call, 501, "NotImplemented");
        }
        // The paths that are emulated still work.
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("c")).asUtf8String())
                .isEqualTo("c");
        assertThat(s3.listObjectsV2(b -> b.bucket("third")).contents()).hasSize(5);
    }
}
