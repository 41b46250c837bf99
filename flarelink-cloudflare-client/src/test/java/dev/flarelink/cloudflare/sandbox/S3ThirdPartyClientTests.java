package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 endpoint as a third-party client sees it: the AWS SDK for Java's own S3 client, unmodified. */
class S3ThirdPartyClientTests {

    CloudflareSandbox sandbox;
    S3Client s3;

    @BeforeEach
    void bucketWithObjects() {
        // The SDK signs with the real clock, so this sandbox runs on it too.
        sandbox = CloudflareSandbox.builder().build().start();
        String account = sandbox.createAccount("S3 client");
        SandboxToken token = sandbox.createToken(account, SandboxPermission.flarelinkFive());
        new Http(sandbox.baseUrl()).post("/accounts/" + account + "/r2/buckets", token.value(), map("name", "third"));
        s3 = S3Client.builder()
                .endpointOverride(URI.create(sandbox.s3Endpoint()))
                .region(Region.of("auto"))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(token.r2AccessKeyId(), token.r2SecretAccessKey())))
                .build();
        for (String key : List.of("a", "b", "c", "d", "e")) {
            s3.putObject(b -> b.bucket("third").key(key), RequestBody.fromString(key));
        }
    }

    @AfterEach
    void stop() {
        s3.close();
        sandbox.close();
    }

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
            marker = response.nextMarker();
        }

        assertThat(keys).containsExactly("a", "b", "c", "d", "e");
    }

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

        assertThatThrownBy(() ->
                        s3.getObjectAsBytes(b -> b.bucket("third").key("text").range("bytes=11-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void aMarkerPastTheLastKeyListsNothing() {
        ListObjectsResponse response = s3.listObjects(b -> b.bucket("third").marker("e"));

        assertThat(response.contents()).isEmpty();
        assertThat(response.isTruncated()).isFalse();
    }

    @Test
    void subResourcesTheSandboxDoesNotEmulateAnswerNotImplementedNeverAWrong200() {
        assertThatThrownBy(() -> s3.getBucketLocation(b -> b.bucket("third")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThatThrownBy(() -> s3.getObjectTagging(b -> b.bucket("third").key("a")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        assertThatThrownBy(() -> s3.listMultipartUploads(b -> b.bucket("third")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        // The paths that are emulated still work.
        assertThat(s3.getObjectAsBytes(b -> b.bucket("third").key("c")).asUtf8String())
                .isEqualTo("c");
    }
}
