package dev.flarelink.cloudflare.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code aws-chunked} body that S3 clients send with {@code x-amz-content-sha256: STREAMING-…} (the AWS SDKs do
 * by default, with a checksum trailer): {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n … 0…\r\n<trailers>}.
 * R2 accepts it, so the sandbox decodes it. Chunk signatures and trailing checksums are not verified.
 */
final class AwsChunked {

    private AwsChunked() {}

    static boolean isStreaming(String payloadHash) {
        return payloadHash.startsWith("STREAMING-");
    }

    static byte[] decode(byte[] body, String decodedLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int end = lineEnd(body, i);
            String header = new String(body, i, end - i, StandardCharsets.US_ASCII);
            int size;
            try {
                size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw incomplete();
            }
            i = end + 2;
            if (size == 0) {
                break;
            }
            if (size < 0 || i + size > body.length) {
                throw incomplete();
            }
            out.write(body, i, size);
            i += size + 2;
        }
        byte[] decoded = out.toByteArray();
        if (!decodedLength.isEmpty() && !decodedLength.equals(String.valueOf(decoded.length))) {
            throw incomplete();
        }
        return decoded;
    }

    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw incomplete();
    }

    private static S3Error incomplete() {
        return new S3Error(
                400,
                "IncompleteBody",
                "You did not provide the number of bytes specified by the " + "Content-Length HTTP header.");
    }
}
