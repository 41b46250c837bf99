package dev.flarelink.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.kv.KvNamespace;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the same behavioural contract as {@link WireMockContractTests} against the emulator, so the fixtures, the
 * emulator and the client cannot drift apart unnoticed.
 */
class SandboxContractTests extends CloudflareContractTests {

    private static CloudflareSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = CloudflareSandbox.builder().build().start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected ContractTarget target() {
        sandbox.reset();
        String accountId = sandbox.createAccount("Contract account", "contract");
        sandbox.createZone(accountId, "contract.example");
        Set<SandboxPermission> permissions = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        // The audit log and zone lookups need read permissions beyond Flarelink's five, as on Cloudflare.
        permissions.add(SandboxPermission.ACCOUNT_SETTINGS_READ);
        permissions.add(SandboxPermission.ZONE_READ);
        SandboxToken token = sandbox.createToken(accountId, permissions);
        return new ContractTarget(
                URI.create(sandbox.baseUrl()), ApiToken.of(token.value()), accountId, "contract.example");
    }

    // Stateful (a delete is seen by the next read), so it runs against the emulator; KvApiTests checks the wire format
    // of both calls against WireMock.
    @Test
    void bulkReadsAndDeletesKvValuesWithTheKeysInTheBody() {
        KvNamespace ns = api.kv().createNamespace(account, NAMESPACE_TITLE);
        api.kv().put(account, ns.id(), KV_KEY, "one".getBytes(StandardCharsets.UTF_8));
        api.kv().put(account, ns.id(), KV_KEY + "-2", "two".getBytes(StandardCharsets.UTF_8));

        java.util.Map<String, String> values =
                api.kv().bulkGet(account, ns.id(), java.util.List.of(KV_KEY, KV_KEY + "-2", "missing-key"));

        assertThat(values).containsEntry(KV_KEY, "one").containsEntry(KV_KEY + "-2", "two");
        assertThat(values.get("missing-key")).isNull();
        api.kv().bulkDelete(account, ns.id(), java.util.List.of(KV_KEY, KV_KEY + "-2"));
        assertThat(api.kv().get(account, ns.id(), KV_KEY)).isEmpty();
        assertThat(api.kv().get(account, ns.id(), KV_KEY + "-2")).isEmpty();
        api.kv().deleteNamespace(account, ns.id());
    }
}
