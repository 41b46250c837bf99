package dev.flarelink.files.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh sandbox account (with a workers.dev subdomain) connected for a user, and an active project on it with
 * its own R2 bucket; reads the project's flarelink_config the way the Worker sees it.
 */
public record ProjectFixture(
        CloudflareSandbox sandbox,
        CloudflareClient client,
        String accountId,
        SandboxToken token,
        UUID connection,
        ProjectView project) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static ProjectFixture create(
            CloudflareSandbox sandbox,
            CloudflareClient client,
            ConnectionService connections,
            ProvisioningService provisioning,
            UUID user,
            String origins,
            String bucket) {
        String accountId = sandbox.createAccount("Files " + UUID.randomUUID());
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        registerSubdomain(sandbox, accountId, token);
        UUID connection = connections
                .connect(user, new ConnectCommand(token.value(), null))
                .connection()
                .id();
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        ProjectView started = provisioning.create(user, new CreateProjectCommand(connection, name, origins, bucket));
        assertThat(provisioning.awaitIdle(started.id(), Duration.ofSeconds(60))).isTrue();
        ProjectView project = provisioning.get(user, started.id());
        assertThat(project.status()).isEqualTo("active");
        return new ProjectFixture(sandbox, client, accountId, token, connection, project);
    }

    public Map<String, String> config() {
        Map<String, String> values = new HashMap<>();
        client.withToken(ApiToken.of(token.value()))
                .d1()
                .query(accountId, project.d1DatabaseId(), "SELECT key, value FROM flarelink_config")
                .forEach(result -> result.results()
                        .forEach(row -> values.put(String.valueOf(row.get("key")), String.valueOf(row.get("value")))));
        return values;
    }

    private static void registerSubdomain(CloudflareSandbox sandbox, String accountId, SandboxToken token) {
        String subdomain = "files" + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/accounts/" + accountId + "/workers/subdomain"))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"subdomain\":\"" + subdomain + "\"}"))
                .build();
        try {
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
