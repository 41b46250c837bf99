package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateMultipartUpload, UploadPart (header-signed and presigned), CompleteMultipartUpload and Abort, R2's rules. */
class S3MultipartTests extends SandboxFixture {

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
    void partsUploadedThroughPresignedUrlsBecomeOneObjectWithAMultipartEtag() throws Exception {
        sandbox.switches().r2MinimumPartSize(1024);
        byte[] data = random(1024 * 2 + 500);
        String uploadId = create("big/video.bin", "video/mp4");

        String etag1 = presignedPart("big/video.bin", uploadId, 1, slice(data, 0, 1024));
        String etag2 = presignedPart("big/video.bin", uploadId, 2, slice(data, 1024, 2048));
        String etag3 = presignedPart("big/video.bin", uploadId, 3, slice(data, 2048, data.length));
        Http.Reply done = complete("big/video.bin", uploadId, etag1, etag2, etag3);

        assertThat(done.status()).isEqualTo(200);
        String expectedEtag = md5(concat(
                        md5Bytes(slice(data, 0, 1024)),
                        md5Bytes(slice(data, 1024, 2048)),
                        md5Bytes(slice(data, 2048, data.length))))
                + "-3";
        assertThat(done.text()).contains("<ETag>&quot;" + expectedEtag + "&quot;</ETag>", "<Key>big/video.bin</Key>");
        Http.Reply get = s3.get("files", "big/video.bin");
        assertThat(get.body()).isEqualTo(data);
        assertThat(get.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(get.header("ETag")).isEqualTo("\"" + expectedEtag + "\"");
        assertThat(s3.list("files", Map.of()).text()).contains("<Size>" + data.length + "</Size>");
    }

    @Test
    void partsBelowFiveMebibytesAreRefusedByDefaultExceptTheLast() {
        String uploadId = create("small.bin", "application/octet-stream");
        String etag1 = part("small.bin", uploadId, 1, random(10));
        String etag2 = part("small.bin", uploadId, 2, random(10));

        Http.Reply refused = complete("small.bin", uploadId, etag1, etag2);
        Http.Reply single = complete("small.bin", uploadId, etag1);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Code>EntityTooSmall</Code>");
        assertThat(single.status()).isEqualTo(200);
        assertThat(s3.get("files", "small.bin").body()).hasSize(10);
    }

    @Test
    void unequalPartsWrongEtagsAndDisorderAreRefused() {
        sandbox.switches().r2MinimumPartSize(4);
        String uploadId = create("odd.bin", "application/octet-stream");
        String etag1 = part("odd.bin", uploadId, 1, random(8));
        String etag2 = part("odd.bin", uploadId, 2, random(6));
        String etag3 = part("odd.bin", uploadId, 3, random(9));

        assertThat(complete("odd.bin", uploadId, etag1, etag2, etag3).text())
                .contains("<Code>InvalidPart</Code>", "same length");
        assertThat(complete("odd.bin", uploadId, new int[] {1, 3}, etag1, etag3).text())
                .contains("<Code>InvalidPart</Code>", "same size as or smaller");
        assertThat(complete("odd.bin", uploadId, etag1, "0".repeat(32)).text()).contains("<Code>InvalidPart</Code>");
        Http.Reply disorder = s3.send(
                "POST",
                "/files/odd.bin",
                "uploadId=" + uploadId,
                ("<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>" + etag2
                                + "</ETag></Part><Part><PartNumber>1</PartNumber><ETag>" + etag1
                                + "</ETag></Part></CompleteMultipartUpload>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
        assertThat(disorder.text()).contains("<Code>InvalidPartOrder</Code>");
        assertThat(s3.get("files", "odd.bin").status()).isEqualTo(404);
    }

    @Test
    void abortLeavesNoObjectAndTheUploadIsGone() {
        String uploadId = create("gone.bin", "application/octet-stream");
        String etag = part("gone.bin", uploadId, 1, random(100));

        Http.Reply abort = s3.send("DELETE", "/files/gone.bin", "uploadId=" + uploadId, new byte[0], Map.of());

        assertThat(abort.status()).isEqualTo(204);
        assertThat(s3.get("files", "gone.bin").status()).isEqualTo(404);
        assertThat(s3.list("files", Map.of()).text()).doesNotContain("gone.bin");
        Http.Reply late = complete("gone.bin", uploadId, etag);
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.text()).contains("<Code>NoSuchUpload</Code>");
        Http.Reply latePart =
                s3.send("PUT", "/files/gone.bin", "partNumber=2&uploadId=" + uploadId, random(5), Map.of());
        assertThat(latePart.text()).contains("<Code>NoSuchUpload</Code>");
    }

    @Test
    void partNumbersOutsideOneToTenThousandAreRefused() {
        String uploadId = create("n.bin", "application/octet-stream");

        Http.Reply zero = s3.send("PUT", "/files/n.bin", "partNumber=0&uploadId=" + uploadId, random(5), Map.of());
        Http.Reply tooMany =
                s3.send("PUT", "/files/n.bin", "partNumber=10001&uploadId=" + uploadId, random(5), Map.of());

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.text()).contains("<Code>InvalidArgument</Code>");
        assertThat(tooMany.status()).isEqualTo(400);
    }

    @Test
    void aKeyWithoutR2AccessCannotStartAnUpload() {
        S3Client noR2 = new S3Client(sandbox.s3Endpoint(), tokenWith(SandboxPermission.D1_EDIT), clock);

        Http.Reply refused = noR2.send("POST", "/files/x.bin", "uploads=", new byte[0], Map.of());

        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void anUploadPartAnswerExposesItsEtagToAnAllowedOrigin() {
        api.put(
                accounts("/r2/buckets/files/cors"),
                token.value(),
                Map.of(
                        "rules",
                        java.util.List.of(Map.of(
                                "allowed",
                                Map.of(
                                        "origins",
                                        java.util.List.of("https://app.example.com"),
                                        "methods",
                                        java.util.List.of("PUT")),
                                "exposeHeaders",
                                java.util.List.of("ETag")))));
        String uploadId = create("cors.bin", "application/octet-stream");
        URI url = s3.presign("PUT", "files", "cors.bin", Map.of("partNumber", "1", "uploadId", uploadId), 60);

        Http.Reply put = Http.send(HttpRequest.newBuilder(url)
                .header("Origin", "https://app.example.com")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(random(10)))
                .build());

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(put.header("Access-Control-Expose-Headers")).contains("ETag");
        assertThat(put.header("ETag")).startsWith("\"");
    }

    private String create(String key, String contentType) {
        Http.Reply created = s3.send(
                "POST",
                "/files/" + S3Client.encodePath(key),
                "uploads=",
                new byte[0],
                Map.of("content-type", contentType));
        assertThat(created.status()).isEqualTo(200);
        return between(created.text(), "<UploadId>", "</UploadId>");
    }

    private String part(String key, String uploadId, int number, byte[] bytes) {
        Http.Reply put = s3.send(
                "PUT",
                "/files/" + S3Client.encodePath(key),
                "partNumber=" + number + "&uploadId=" + uploadId,
                bytes,
                Map.of());
        assertThat(put.status()).isEqualTo(200);
        return put.header("ETag");
    }

    private String presignedPart(String key, String uploadId, int number, byte[] bytes) {
        URI url =
                s3.presign("PUT", "files", key, Map.of("partNumber", String.valueOf(number), "uploadId", uploadId), 60);
        Http.Reply put = Http.send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"" + md5(bytes) + "\"");
        return put.header("ETag");
    }

    private Http.Reply complete(String key, String uploadId, String... etags) {
        return complete(
                key,
                uploadId,
                java.util.stream.IntStream.rangeClosed(1, etags.length).toArray(),
                etags);
    }

    private Http.Reply complete(String key, String uploadId, int[] numbers, String... etags) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.length; i++) {
            xml.append("<Part><PartNumber>")
                    .append(numbers[i])
                    .append("</PartNumber><ETag>")
                    .append(etags[i])
                    .append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        return s3.send(
                "POST",
                "/files/" + S3Client.encodePath(key),
                "uploadId=" + uploadId,
                xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] md5Bytes(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(byte[] data) {
        return HexFormat.of().formatHex(md5Bytes(data));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
