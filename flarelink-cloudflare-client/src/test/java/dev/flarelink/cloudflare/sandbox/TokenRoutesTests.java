package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenRoutesTests extends SandboxFixture {

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void verifiesAnActiveUserTokenWithTheValidMessage() {
        Http.Reply reply = api.get("/user/tokens/verify", token.value());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("success").asBoolean()).isTrue();
        assertThat(reply.result().path("id").asString()).isEqualTo(token.id());
        assertThat(reply.result().path("status").asString()).isEqualTo("active");
        assertThat(reply.json().path("messages").path(0).path("code").asInt()).isEqualTo(10000);
        assertThat(reply.header("cf-ray")).matches("[0-9a-f]{16}-FAKE");
        assertThat(token.value()).startsWith("cfut_");
    }

    @Test
    void accountOwnedTokenIsRejectedByUserVerifyButAcceptedByAccountVerify() {
        SandboxToken owned = sandbox.createToken(
                accountId, "ci", Set.of(SandboxPermission.D1_EDIT), SandboxTokenStatus.ACTIVE, true);

        Http.Reply user = api.get("/user/tokens/verify", owned.value());
        Http.Reply account = api.get(accounts("/tokens/verify"), owned.value());

        assertThat(owned.value()).startsWith("cfat_");
        assertThat(user.status()).isEqualTo(401);
        assertThat(user.errorCode()).isEqualTo(1000);
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.result().path("id").asString()).isEqualTo(owned.id());
        assertThat(api.get(accounts("/tokens/verify"), token.value()).errorCode())
                .isEqualTo(1000);
    }

    @Test
    void missingAndMalformedAuthorizationGetCloudflaresHeaderErrors() {
        Http.Reply missing = api.get("/accounts", null);
        Http.Reply malformed = Http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/accounts"))
                .header("Authorization", "curl -H \"Authorization: Bearer x\"")
                .build());

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo(9106);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo(6003);
        assertThat(malformed
                        .json()
                        .path("errors")
                        .path(0)
                        .path("error_chain")
                        .path(0)
                        .path("code")
                        .asInt())
                .isEqualTo(6111);
    }

    @Test
    void revokedTokenGetsInvalidTokenOnVerifyAndAuthenticationErrorElsewhere() {
        sandbox.revokeToken(token.id());

        Http.Reply verify = api.get("/user/tokens/verify", token.value());
        Http.Reply accounts = api.get("/accounts", token.value());

        assertThat(verify.errorCode()).isEqualTo(1000);
        assertThat(accounts.status()).isEqualTo(401);
        assertThat(accounts.errorCode()).isEqualTo(10000);
        assertThat(accounts.json().path("success").asBoolean()).isFalse();
        assertThat(accounts.json().path("result").isNull()).isTrue();
    }

    @Test
    void disabledAndExpiredTokensGetTheAuthenticationErrorUnlessVerifyReportsStatus() {
        SandboxToken disabled = sandbox.createToken(
                accountId, "off", SandboxPermission.flarelinkFive(), SandboxTokenStatus.DISABLED, false);
        SandboxToken expired = sandbox.createToken(
                accountId, "old", SandboxPermission.flarelinkFive(), SandboxTokenStatus.EXPIRED, false);

        assertThat(api.get("/user/tokens/verify", disabled.value()).errorCode()).isEqualTo(10000);
        assertThat(api.get(accounts("/workers/scripts"), expired.value()).errorCode())
                .isEqualTo(10000);

        sandbox.switches().verifyReportsInactiveStatus(true);
        Http.Reply reported = api.get("/user/tokens/verify", expired.value());
        assertThat(reported.status()).isEqualTo(200);
        assertThat(reported.result().path("status").asString()).isEqualTo("expired");
        assertThat(api.get("/user/tokens/verify", disabled.value())
                        .result()
                        .path("status")
                        .asString())
                .isEqualTo("disabled");
    }

    @Test
    void tokenExpiresWhenTheClockPassesExpiresOn() {
        Http.Reply created = api.post(
                "/user/tokens",
                token.value(),
                map(
                        "name", "short",
                        "expires_on", "2026-03-01T11:00:00Z",
                        "policies", List.of(accountPolicy(PermissionGroups.D1_READ))));
        String value = created.result().path("value").asString();
        assertThat(api.get("/user/tokens/verify", value).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(api.get("/user/tokens/verify", value).errorCode()).isEqualTo(10000);
    }

    @Test
    void permissionGroupsNeedApiTokensPermissionAndFilterByName() {
        SandboxToken limited = tokenWith(SandboxPermission.D1_EDIT);

        Http.Reply denied = api.get("/user/tokens/permission_groups", limited.value());
        Http.Reply filtered = api.get("/user/tokens/permission_groups?name=D1%20Write", token.value());

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(9109);
        assertThat(filtered.result().size()).isEqualTo(1);
        assertThat(filtered.result().path(0).path("id").asString()).isEqualTo(PermissionGroups.D1_WRITE);
        assertThat(filtered.result().path(0).path("scopes").path(0).asString()).isEqualTo("com.cloudflare.api.account");
    }

    @Test
    void createReturnsTheValueOnceThenListGetRollAndDelete() {
        Http.Reply created = api.post(
                "/user/tokens",
                token.value(),
                map("name", "flarelink-r2-files", "policies", List.of(accountPolicy(PermissionGroups.R2_READ))));
        String id = created.result().path("id").asString();
        String value = created.result().path("value").asString();

        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(value).startsWith("cfut_");
        assertThat(created.result()
                        .path("policies")
                        .path(0)
                        .path("permission_groups")
                        .path(0)
                        .path("name")
                        .asString())
                .isEqualTo("Workers R2 Storage Read");
        Http.Reply fetched = api.get("/user/tokens/" + id, token.value());
        assertThat(fetched.result().has("value")).isFalse();
        assertThat(api.get("/user/tokens?per_page=50", token.value())
                        .json()
                        .path("result_info")
                        .path("total_count")
                        .asInt())
                .isEqualTo(2);

        Http.Reply rolled = api.put("/user/tokens/" + id + "/value", token.value(), map());
        String newValue = rolled.result().asString();
        assertThat(newValue).startsWith("cfut_").isNotEqualTo(value);
        assertThat(api.get("/user/tokens/verify", value).errorCode()).isEqualTo(1000);
        assertThat(api.get("/user/tokens/verify", newValue).result().path("id").asString())
                .isEqualTo(id);

        Http.Reply deleted = api.delete("/user/tokens/" + id, token.value());
        assertThat(deleted.result().path("id").asString()).isEqualTo(id);
        assertThat(api.get("/user/tokens/verify", newValue).errorCode()).isEqualTo(1000);
    }

    @Test
    void creatingTokensNeedsApiTokensWrite() {
        SandboxToken limited = tokenWith(SandboxPermission.WORKERS_SCRIPTS_EDIT);

        Http.Reply denied = api.post(
                "/user/tokens",
                limited.value(),
                map("name", "x", "policies", List.of(accountPolicy(PermissionGroups.R2_READ))));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(9109);
    }

    @Test
    void accountsListOnlyShowsAccountsTheTokenHasGrantsOn() {
        String other = sandbox.createAccount("Other");

        Http.Reply reply = api.get("/accounts", token.value());

        assertThat(reply.result().size()).isEqualTo(1);
        assertThat(reply.result().path(0).path("id").asString()).isEqualTo(accountId);
        assertThat(reply.json().path("result_info").path("total_count").asInt()).isEqualTo(1);
        assertThat(api.get("/accounts/" + other, token.value()).errorCode()).isEqualTo(9109);
    }

    private Object accountPolicy(String groupId) {
        return map(
                "effect", "allow",
                "resources", map("com.cloudflare.api.account." + accountId, "*"),
                "permission_groups", List.of(map("id", groupId)));
    }

    @Test
    void getUserAnswersTheUserWithUserDetailsReadAnd9109Without() {
        SandboxToken details = sandbox.createToken(accountId, java.util.Set.of(SandboxPermission.USER_DETAILS_READ));

        Http.Reply user = api.get("/user", details.value());
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.result().path("email").asString()).isEqualTo("demo@flarelink.test");
        assertThat(user.result().path("id").asString()).hasSize(32);

        Http.Reply refused = api.get("/user", token.value());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(9109);
    }
}
