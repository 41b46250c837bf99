package dev.flarelink.files;

import dev.flarelink.cloudflare.WaitingThread;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Talks to R2's S3 endpoint directly: unsigned CORS preflights, and SigV4-signed requests (AWS SDK signer, region
 * {@code auto}, service {@code s3}) for key checks. Bodies and keys are never logged.
 */
@Component
public class S3Transport {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    S3Transport(Clock clock) {
        this.clock = clock;
    }

    /** An HTTP answer: status, headers (first value each, lower-case names) and body text. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    /** Sends a CORS preflight: {@code OPTIONS} with Origin and Access-Control-Request-Method/Headers. */
    public Answer preflight(URI url, String origin, String method, List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", String.join(",", headers));
        }
        return send(request.build());
    }

    /** Sends a SigV4-signed request with the keypair (path-style URL, query included in {@code url}). */
    public Answer signed(String method, URI url, S3Keypair keypair, byte[] body) {
        return signed(method, url, keypair, body, Map.of());
    }

    /** As {@link #signed(String, URI, S3Keypair, byte[])}, with extra headers that are signed too. */
    public Answer signed(String method, URI url, S3Keypair keypair, byte[] body, Map<String, String> headers) {
        String payloadHash = sha256Hex(body);
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(url)
                .putHeader("x-amz-content-sha256", payloadHash);
        headers.forEach(builder::putHeader);
        SdkHttpRequest unsigned = builder.build();
        SignedRequest signed = signer.sign(
                r -> r.identity(AwsCredentialsIdentity.create(keypair.accessKeyId(), keypair.secretAccessKey()))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "auto")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return send(request.build());
    }

    /**
     * A presigned URL (SigV4 in the query string, unsigned payload) for {@code method} on {@code url}, valid for
     * {@code validity} from now on Flarelink's clock. Anyone holding it may make that one kind of request until then.
     */
    public URI presign(String method, URI url, S3Keypair keypair, Duration validity) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(url)
                .build();
        SignedRequest signed = signer.sign(
                r -> r.identity(AwsCredentialsIdentity.create(keypair.accessKeyId(), keypair.secretAccessKey()))
                        .request(unsigned)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "auto")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validity)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request().getUri();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = WaitingThread.send(http, request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new S3UnreachableException(request.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3UnreachableException(request.uri());
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
