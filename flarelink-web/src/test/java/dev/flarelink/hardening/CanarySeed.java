package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.provisioning.ProvisioningService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The real flows the hardening suites seed their data through: sign up, connect a sandbox token and provision a
 * project, each over HTTP as a person would, so every byte passes the controllers, services and templates.
 */
final class CanarySeed {

    static final String PASSWORD = "a sturdy passphrase of words";

    private CanarySeed() {}

    /** A fresh sandbox account (with a workers.dev subdomain, so projects can deploy) and a token for it. */
    static SandboxToken accountWithToken(CloudflareSandbox sandbox, String accountName) {
        String accountId = sandbox.createAccount(accountName, "w" + suffix());
        return sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
    }

    /** Signs up over HTTP (the session stays signed in) and answers the new user's id. */
    static UUID signUp(RecordingSession session, AccountService accounts, String email) {
        HttpResponse<String> signedUp =
                session.submit("/signup", "/signup", Map.of("email", email, "password", PASSWORD));
        assertThat(signedUp.statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn =
                session.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return accounts.authenticate(email, PASSWORD, "127.0.0.1").orElseThrow().id();
    }

    /** Pastes the token on the Connect page; answers the new connection's id. */
    static UUID connect(RecordingSession session, String token) {
        HttpResponse<String> connected = session.submit("/connect", "/connect", Map.of("token", token));
        assertThat(connected.statusCode()).as("connecting answers a redirect").isEqualTo(302);
        session.follow(connected);
        return lastUuid(connected.headers().firstValue("Location").orElseThrow());
    }

    /** Plans nothing, confirms the wizard, and waits until the provisioning run has ended. */
    static UUID createProject(
            RecordingSession session, ProvisioningService provisioning, String name, String origins, String bucket) {
        HttpResponse<String> created = session.submit(
                "/projects/new", "/projects", Map.of("name", name, "trustedOrigins", origins, "r2Bucket", bucket));
        assertThat(created.statusCode())
                .as("creating a project answers a redirect")
                .isEqualTo(302);
        UUID project = lastUuid(created.headers().firstValue("Location").orElseThrow());
        assertThat(provisioning.awaitIdle(project, Duration.ofSeconds(60))).isTrue();
        return project;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID lastUuid(String location) {
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }
}
