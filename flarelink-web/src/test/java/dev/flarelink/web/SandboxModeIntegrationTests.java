package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.DemoSeed;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sandbox mode: the emulator runs in-process, seeded with the demo tokens, and every page says so. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SandboxModeIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Test
    void everyPageShowsTheSandboxBanner() {
        BrowserlessSession visitor = new BrowserlessSession(port);

        assertThat(visitor.get("/").body()).contains("sandbox-banner").contains("Cloudflare is emulated");
        assertThat(visitor.get("/signin").body()).contains("sandbox-banner");
    }

    @Test
    void theEmulatorAcceptsTheDemoTokens() throws Exception {
        DemoSeed demo = sandbox.demo().orElseThrow();

        HttpResponse<String> verify = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/user/tokens/verify"))
                                .header(
                                        "Authorization",
                                        "Bearer " + demo.fullToken().value())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"status\":\"active\"");
    }
}
