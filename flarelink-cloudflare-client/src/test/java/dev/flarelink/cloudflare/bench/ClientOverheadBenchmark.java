package dev.flarelink.cloudflare.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * On-demand benchmark (not a test): calls per second of {@code d1().query(...)} against a loopback JDK HttpServer
 * stub, compared with a bare {@link HttpClient} call, to show the client's per-call overhead (JSON, envelope,
 * limiter, listener). Run with:
 *
 * <pre>
 * ./mvnw -B -q -pl flarelink-cloudflare-client test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.flarelink.cloudflare.bench.ClientOverheadBenchmark
 * </pre>
 */
public final class ClientOverheadBenchmark {

    private static final byte[] BODY = ("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"success\":true,"
                    + "\"results\":[{\"id\":1,\"email\":\"a@b.c\"}],\"meta\":{\"changed_db\":false,\"changes\":0,"
                    + "\"duration\":0.2,\"rows_read\":1,\"rows_written\":0,\"size_after\":16384}}]}")
            .getBytes(StandardCharsets.UTF_8);

    private ClientOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmup = 3_000;
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withHeader("cf-ray", "0000000000000000-BENCH")
                        .withBody(BODY)));
        String base = server.baseUrl() + "/client/v4";
        try {
            CloudflareApi api = CloudflareClient.builder()
                    .options(CloudflareClientOptions.builder()
                            .baseUrl(base)
                            .rateLimit(new RateLimit(Integer.MAX_VALUE, Duration.ofMinutes(5)))
                            .listener(event -> {})
                            .build())
                    .build()
                    .withToken(ApiToken.of("cfut_BenchmarkTokenNotASecret"));
            HttpClient raw =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest rawRequest = HttpRequest.newBuilder(URI.create(base + "/accounts/a/d1/database/d/query"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\",\"params\":[1]}"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .build();

            Runnable clientCall = () -> api.d1().query("acc", "db", "SELECT * FROM users WHERE id = ?", List.of(1));
            Runnable rawCall = () -> {
                try {
                    raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            // Alternate rounds so that server-side JIT warm-up does not favour whichever runs last.
            for (int round = 1; round <= 3; round++) {
                run("round " + round + " bare JDK HttpClient", rawCall, warmup, measured);
                run("round " + round + " CloudflareClient d1().query", clientCall, warmup, measured);
            }
        } finally {
            server.stop();
        }
    }

    private static void run(String name, Runnable call, int warmup, int measured) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            call.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %,8.0f calls/s  %7.1f µs/call%n", name, measured / seconds, seconds * 1e6 / measured);
    }
}
