package dev.flarelink.cloudflare;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
