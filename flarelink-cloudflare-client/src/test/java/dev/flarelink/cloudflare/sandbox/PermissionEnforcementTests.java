package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each resource family refuses a token lacking its permission, with that family's code, and accepts one with it. */
class PermissionEnforcementTests extends SandboxFixture {

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of(SandboxPermission.WORKERS_SCRIPTS_EDIT, "GET", "/workers/scripts", 10000),
                Arguments.of(SandboxPermission.D1_EDIT, "POST", "/d1/database", 7403),
                Arguments.of(SandboxPermission.D1_EDIT, "GET", "/d1/database", 7403),
                Arguments.of(SandboxPermission.WORKERS_KV_STORAGE_EDIT, "POST", "/storage/kv/namespaces", 10000),
                Arguments.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT, "POST", "/r2/buckets", 10000),
                Arguments.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT, "GET", "/r2/buckets", 10000),
                Arguments.of(SandboxPermission.USER_API_TOKENS_EDIT, "GET", "/user/tokens", 9109));
    }

    @ParameterizedTest
    @MethodSource("families")
    void refusesTokensWithoutTheFamilysPermission(SandboxPermission needed, String method, String path, int code) {
        Set<SandboxPermission> allButOne = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        allButOne.remove(needed);
        SandboxToken without = sandbox.createToken(accountId, allButOne);
        SandboxToken with = sandbox.createToken(accountId, Set.of(needed));
        String fullPath = path.startsWith("/user") ? path : accounts(path);

        Http.Reply denied = call(method, fullPath, without, path);
        Http.Reply allowed = call(method, fullPath, with, path);

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(code);
        assertThat(denied.json().path("success").asBoolean()).isFalse();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().path("success").asBoolean()).isTrue();
    }

    static Stream<Arguments> accountFamilies() {
        return families().filter(args -> !((String) args.get()[2]).startsWith("/user"));
    }

    @ParameterizedTest
    @MethodSource("accountFamilies")
    void refusesTheRightPermissionOnAnotherAccount(SandboxPermission needed, String method, String path, int code) {
        String other = sandbox.createAccount("Other");
        SandboxToken elsewhere = sandbox.createToken(other, Set.of(needed));
        Http.Reply denied = call(method, accounts(path), elsewhere, path);

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(code);
    }

    private Http.Reply call(String method, String fullPath, SandboxToken token, String path) {
        if (method.equals("GET")) {
            return api.get(fullPath, token.value());
        }
        Object body = path.contains("kv") ? map("title", "t-" + Ids.hex(4)) : map("name", "n-" + Ids.hex(4));
        return api.post(fullPath, token.value(), body);
    }
}
