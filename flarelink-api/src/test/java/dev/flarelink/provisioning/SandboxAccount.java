package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh sandbox account with a workers.dev subdomain and a token holding Flarelink's five permissions, plus the
 * few raw reads the typed client has no method for (Worker settings).
 */
public record SandboxAccount(CloudflareSandbox sandbox, String accountId, SandboxToken token, String subdomain) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static SandboxAccount create(CloudflareSandbox sandbox) {
        String accountId = sandbox.createAccount("Projects " + UUID.randomUUID());
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        String subdomain = "acme" + UUID.randomUUID().toString().substring(0, 8);
        SandboxAccount account = new SandboxAccount(sandbox, accountId, token, subdomain);
        account.send("PUT", "/accounts/" + accountId + "/workers/subdomain", "{\"subdomain\":\"" + subdomain + "\"}");
        return account;
    }

    /** {@code GET …/workers/scripts/{name}/settings} → the {@code result} object. */
    public JsonNode workerSettings(String script) {
        return send("GET", "/accounts/" + accountId + "/workers/scripts/" + script + "/settings", null)
                .path("result");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (!json.path("success").asBoolean()) {
                throw new IllegalStateException("sandbox " + method + " " + path + " failed: " + response.body());
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
