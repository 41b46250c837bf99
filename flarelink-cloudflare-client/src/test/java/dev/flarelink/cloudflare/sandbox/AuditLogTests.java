package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditLogTests extends SandboxFixture {

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void recordsEveryCallWithTheActingTokenAndFiltersByActorAndTime() {
        SandboxToken auditor = tokenWith(SandboxPermission.ACCOUNT_SETTINGS_READ);
        Http.Reply created = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "s"));
        clock.advance(Duration.ofHours(1));
        api.get(accounts("/storage/kv/namespaces"), token.value());

        Http.Reply all = api.get(
                accounts("/logs/audit?since=2026-03-01&before=2026-03-02&actor_token_id=" + token.id()
                        + "&direction=asc"),
                auditor.value());
        Http.Reply firstHour = api.get(
                accounts("/logs/audit?since=2026-03-01T10:00:00Z&before=2026-03-01T10:30:00Z" + "&actor_token_id="
                        + token.id()),
                auditor.value());

        assertThat(all.result().size()).isEqualTo(2);
        JsonNode create = all.result().path(0);
        assertThat(create.path("action").path("type").asString()).isEqualTo("create");
        assertThat(create.path("actor").path("token_id").asString()).isEqualTo(token.id());
        assertThat(create.path("raw").path("method").asString()).isEqualTo("POST");
        assertThat(create.path("raw").path("uri").asString()).endsWith("/storage/kv/namespaces");
        assertThat(create.path("raw").path("cf_ray_id").asString() + "-FAKE").isEqualTo(created.header("cf-ray"));
        assertThat(create.path("resource").path("product").asString()).isEqualTo("kv");
        assertThat(firstHour.result().size()).isEqualTo(1);
    }

    @Test
    void recordsS3CallsAndFailedCalls() {
        SandboxToken auditor = tokenWith(SandboxPermission.ACCOUNT_SETTINGS_READ);
        api.post(accounts("/r2/buckets"), token.value(), map("name", "files"));
        new S3Client(sandbox.s3Endpoint(), token, clock).put("files", "k", new byte[] {1}, "text/plain");
        api.post(accounts("/r2/buckets"), token.value(), map("name", "files"));

        Http.Reply log = api.get(
                accounts("/logs/audit?since=2026-03-01&before=2026-03-02&direction=asc&actor_token_id=" + token.id()),
                auditor.value());

        assertThat(log.result().size()).isEqualTo(3);
        assertThat(log.result().path(1).path("raw").path("uri").asString()).isEqualTo("s3:/files/k");
        assertThat(log.result().path(2).path("action").path("result").asString())
                .isEqualTo("failure");
        assertThat(log.result().path(2).path("raw").path("status_code").asInt()).isEqualTo(409);
    }

    @Test
    void needsAccountSettingsReadAndATimeRange() {
        Http.Reply denied = api.get(accounts("/logs/audit?since=2026-03-01&before=2026-03-02"), token.value());
        SandboxToken auditor = tokenWith(SandboxPermission.ACCOUNT_SETTINGS_READ);
        Http.Reply noRange = api.get(accounts("/logs/audit"), auditor.value());

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(10000);
        assertThat(noRange.status()).isEqualTo(400);
    }

    @Test
    void pagesWithACursor() {
        SandboxToken auditor = tokenWith(SandboxPermission.ACCOUNT_SETTINGS_READ);
        for (int i = 0; i < 5; i++) {
            api.get(accounts("/workers/scripts"), token.value());
        }

        Http.Reply first = api.get(
                accounts("/logs/audit?since=2026-03-01&before=2026-03-02&limit=3&actor_token_id=" + token.id()),
                auditor.value());
        String cursor =
                first.json().path("result_info").path("cursors").path("after").asString();
        Http.Reply second = api.get(
                accounts("/logs/audit?since=2026-03-01&before=2026-03-02&limit=3&actor_token_id=" + token.id()
                        + "&cursor=" + cursor),
                auditor.value());

        assertThat(first.result().size()).isEqualTo(3);
        assertThat(second.result().size()).isEqualTo(2);
        assertThat(second.json().path("result_info").path("cursor").asString()).isEmpty();
    }
}
